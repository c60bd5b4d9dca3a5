/**
 * Visitor hashing for the cookie-less website counter, with a RANDOM DAILY SALT.
 *
 *     visitor = sha256( salt(day) ‖ siteKey ‖ ip ‖ user-agent )   (first 16 bytes, hex)
 *
 * - `day` is the association's LOCAL date (its `timeZone` setting), so the salt rotates at
 *   local midnight and the same browser becomes a new daily unique the next day.
 * - The salt is 32 random bytes, generated on the first page view of the day, kept in
 *   memory and in `site_salt` (only so that a restart during the day does not count
 *   everyone twice). Salts of past days are deleted from memory at rotation and from the
 *   DB by `purgeSalts` (on rotation and by the hourly job), and never survive 48 h. Once a
 *   salt is gone, a stored visitor hash cannot be linked back to an IP by brute force.
 * - The raw IP and User-Agent are never stored: only the hash.
 */
import { hash, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { lt, ne, or, eq } from 'drizzle-orm';
import { getDb, perConnection } from '../db';
import { siteSalt } from '../db/schema';
import { localDate } from '../../dates';
import * as settings from '../settings';

export const SALT_MAX_AGE_MS = 48 * 3_600_000;

/** Lower-case, trim and drop an IPv4-mapped IPv6 prefix so '::ffff:1.2.3.4' equals '1.2.3.4'. */
export function normaliseIp(ip: string | null | undefined): string {
	const s = (ip ?? '').trim().toLowerCase();
	return s.startsWith('::ffff:') && s.includes('.') ? s.slice(7) : s;
}

/**
 * The part of an address one client controls as a whole: the IPv4 address, or the /64 of an
 * IPv6 address (a home or phone gets a whole /64 and can pick any address inside it).
 */
export function ipPrefix(ip: string | null | undefined): string {
	const s = normaliseIp(ip);
	if (!isIPv6(s)) return s;
	const [head, tail = ''] = s.split('::');
	const h = head ? head.split(':') : [];
	const t = s.includes('::') ? (tail ? tail.split(':') : []) : [];
	const groups = s.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
	return groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':');
}

/**
 * A daily, salted id of the client's address (ipPrefix) on one site, only ever kept in memory
 * to cap how many new visitors one address may add in a day. Same salt as the visitor ids,
 * so it becomes unlinkable with them once the salt is gone.
 */
export function ipBucket(input: { salt: string; siteKey: string; ip: string | null | undefined }) {
	if (!input.salt) throw new Error('ipBucket needs a salt');
	return hash(
		'sha256',
		`ip\u0000${input.salt}\u0000${input.siteKey}\u0000${ipPrefix(input.ip)}`,
		'base64url'
	).slice(0, 16);
}

export type VisitorInput = {
	/** The day's random salt (hex), from `saltFor(day)`. */
	salt: string;
	siteKey: string;
	ip: string | null | undefined;
	userAgent: string | null | undefined;
};

/**
 * 32-hex-char daily visitor id. One-shot `crypto.hash` (same digest as createHash, without
 * the Hash object per call: the collector hashes on every page view).
 */
export function visitorHash(input: VisitorInput): string {
	if (!input.salt) throw new Error('visitorHash needs a salt');
	const material = `${input.salt}\u0000${input.siteKey}\u0000${normaliseIp(input.ip)}\u0000${(input.userAgent ?? '').trim()}`;
	return hash('sha256', material, 'hex').slice(0, 32);
}

/** The salt in memory: only the current day's. */
const memory = () =>
	perConnection('reach.salt', () => ({ cached: null as { day: string; salt: string } | null }));

/** Forget the in-memory salt (tests; a DB switch). */
export function resetSaltCache() {
	memory().cached = null;
}

/**
 * The salt of `day`: from memory, else from the DB (restart during the day), else a new
 * random one. Moving to a new day drops the previous salt from memory and deletes the
 * salts of other days from the DB.
 */
export function saltFor(day: string, now = new Date()): string {
	const m = memory();
	if (m.cached?.day === day) return m.cached.salt;
	const db = getDb();
	let row = db.select().from(siteSalt).where(eq(siteSalt.day, day)).get();
	if (!row) {
		db.insert(siteSalt)
			.values({ day, salt: randomBytes(32).toString('hex'), createdAt: now })
			.onConflictDoNothing()
			.run();
		row = db.select().from(siteSalt).where(eq(siteSalt.day, day)).get()!;
	}
	const rotated = m.cached !== null && m.cached.day < day;
	m.cached = { day: row.day, salt: row.salt };
	if (rotated) purgeSalts(now, day);
	return row.salt;
}

/** The salt of the current local day in the association's zone. */
export function currentSalt(
	now = new Date(),
	timeZone = settings.get().timeZone,
	dayOf: (now: Date, timeZone: string) => string = localDate
): { day: string; salt: string } {
	const day = dayOf(now, timeZone);
	return { day, salt: saltFor(day, now) };
}

/**
 * Deletes every salt that is not today's, and any salt older than 48 h whatever its day.
 * Returns the number of rows deleted.
 */
export function purgeSalts(
	now = new Date(),
	today = localDate(now, settings.get().timeZone)
): number {
	const m = memory();
	if (m.cached && m.cached.day !== today) m.cached = null;
	return getDb()
		.delete(siteSalt)
		.where(
			or(ne(siteSalt.day, today), lt(siteSalt.createdAt, new Date(now.getTime() - SALT_MAX_AGE_MS)))
		)
		.run().changes;
}
