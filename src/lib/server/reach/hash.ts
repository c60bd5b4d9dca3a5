/**
 * Salt-free visitor hashing for the cookie-less website counter.
 *
 * No salt is stored anywhere (no DB table, no rotation job): the daily identifier is
 * derived from values the server already has on each request —
 *     sha256( day | siteKey | ip | user-agent )      (first 16 bytes, hex)
 * where `day` is the association's LOCAL date (Asia/Riyadh by default). Consequences:
 *   - the same browser on the same IP gets the same id all day → daily unique visitors;
 *   - ids change at local midnight and differ between sites, so visitors cannot be
 *     followed across days or sites from the stored ids alone;
 *   - the raw IP and User-Agent must never be stored: only the hash.
 * Optional hardening: when REACH_HASH_SECRET is set (or `secret` is passed), the hash is an
 * HMAC keyed with it, so a leaked table cannot be brute-forced over the IPv4 space. That is a
 * fixed deployment secret, not a rotating salt, and it is optional.
 */
import { createHash, createHmac } from 'node:crypto';

export const DEFAULT_REACH_TZ = 'Asia/Riyadh';

/** 'YYYY-MM-DD' of `instant` in `timeZone` (fixed +3 h for Riyadh, Intl otherwise). */
export function reachDay(instant: Date, timeZone: string = DEFAULT_REACH_TZ): string {
	if (timeZone === 'Asia/Riyadh') return new Date(instant.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).formatToParts(instant);
	const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Lower-case, trim and drop an IPv4-mapped IPv6 prefix so '::ffff:1.2.3.4' equals '1.2.3.4'. */
export function normaliseIp(ip: string | null | undefined): string {
	const s = (ip ?? '').trim().toLowerCase();
	return s.startsWith('::ffff:') && s.includes('.') ? s.slice(7) : s;
}

export type VisitorInput = {
	siteKey: string;
	ip: string | null | undefined;
	userAgent: string | null | undefined;
	/** 'YYYY-MM-DD' local day; or pass `at` (and optionally `timeZone`) to compute it. */
	day?: string;
	at?: Date;
	timeZone?: string;
	/** Defaults to process.env.REACH_HASH_SECRET; empty → plain sha256. */
	secret?: string;
};

/** 32-hex-char daily visitor id. Deterministic for the same (day, site, ip, ua[, secret]). */
export function visitorHash(input: VisitorInput): string {
	const day = input.day ?? reachDay(input.at ?? new Date(), input.timeZone ?? DEFAULT_REACH_TZ);
	const material = [day, input.siteKey, normaliseIp(input.ip), (input.userAgent ?? '').trim()].join('\u0000');
	const secret = input.secret ?? process.env.REACH_HASH_SECRET ?? '';
	const h = secret ? createHmac('sha256', secret) : createHash('sha256');
	return h.update(material, 'utf8').digest('hex').slice(0, 32);
}
