import { type Locale } from '$lib/i18n/locales';
/**
 * The public request form (/r): spam resistance and the submission itself.
 * Honeypot field, per-IP rate limit (in memory: a restart forgives, which is acceptable for a
 * form that only creates work items), size limits on every field and on the whole body.
 */
import { log } from '../log';
import { checkbox, email, msg, oneOf, parseForm, text, z } from '../validate';
import { channelByKey, create, listChannels, RequestError } from './index';

export const PUBLIC_KINDS = ['support', 'inquiry', 'complaint', 'suggestion'] as const;
export const MAX_BODY_BYTES = 16_384;
const WINDOW_MS = 15 * 60_000;
const MAX_PER_WINDOW = 5;
const hits = new Map<string, number[]>();

/** True when this IP may submit now (and counts the attempt). */
export function allow(ip: string, now = Date.now()): boolean {
	const recent = (hits.get(ip) ?? []).filter((t) => now - t < WINDOW_MS);
	if (recent.length >= MAX_PER_WINDOW) {
		hits.set(ip, recent);
		return false;
	}
	recent.push(now);
	hits.set(ip, recent);
	if (hits.size > 10_000)
		for (const [k, v] of hits) if (!v.some((t) => now - t < WINDOW_MS)) hits.delete(k);
	return true;
}

export function resetRateLimit() {
	hits.clear();
}

const schema = z.object({
	name: text(120),
	mobile: text(30),
	email: z.preprocess((v) => (v === '' ? undefined : v), email().optional()),
	kind: oneOf(PUBLIC_KINDS),
	subject: text(200),
	details: text(3000),
	consent: checkbox().refine((v) => v, msg('pub.err.consent')),
	/** Honeypot: a field people never see. */
	website: z.string().optional()
});

export type PublicResult =
	| { ok: true; code: string }
	| { ok: false; status: number; errors: Record<string, string>; values: Record<string, string> };

export function submit(form: FormData, ip: string, locale: Locale): PublicResult {
	const p = parseForm(schema, form);
	const values = { ...p.values };
	delete values.website;
	if (typeof form.get('website') === 'string' && String(form.get('website')).trim() !== '') {
		log('info', 'public request honeypot', {});
		return { ok: false, status: 400, errors: { _form: 'pub.err.spam' }, values };
	}
	if (!p.ok) return { ok: false, status: 400, errors: p.errors as Record<string, string>, values };
	if (!allow(ip)) return { ok: false, status: 429, errors: { _form: 'pub.err.rate' }, values };
	const ch = channelByKey('website') ?? listChannels()[0];
	if (!ch) return { ok: false, status: 503, errors: { _form: 'pub.err.server' }, values };
	try {
		const d = p.data;
		const r = create(
			{ id: null, ip },
			{
				channelId: ch.id,
				kind: d.kind,
				beneficiary: {
					mode: 'new',
					name: d.name,
					mobile: d.mobile,
					email: d.email ?? null,
					consentContact: true,
					locale
				},
				subject: d.subject,
				details: d.details,
				assigneeId: null
			}
		);
		return { ok: true, code: r.code };
	} catch (e) {
		if (e instanceof RequestError)
			return {
				ok: false,
				status: 400,
				errors: { [e.field]: e.field === 'mobile' ? 'pub.err.mobile' : 'pub.err.server' },
				values
			};
		throw e;
	}
}
