/**
 * Growing delay after repeated sign-in failures, per account and per IP. Kept in SQLite
 * so a restart does not reset it.
 */
import { eq, inArray } from 'drizzle-orm';
import { getDb } from './db';
import { loginThrottle } from './db/schema';

export const ACCOUNT_THRESHOLD = 5;
export const IP_THRESHOLD = 20;
const BASE_MS = 30_000;
const MAX_MS = 60 * 60_000;

/** Milliseconds until any of the keys may try again (0 = free). */
export function lockedFor(keys: string[], now = Date.now()): number {
	if (!keys.length) return 0;
	const rows = getDb().select().from(loginThrottle).where(inArray(loginThrottle.key, keys)).all();
	let wait = 0;
	for (const r of rows) if (r.lockedUntil) wait = Math.max(wait, r.lockedUntil.getTime() - now);
	return Math.max(0, wait);
}

export function registerFailure(key: string, threshold: number, now = Date.now()) {
	const db = getDb();
	const row = db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
	// A quiet day forgives old failures.
	const stale = row && now - row.lastFailureAt.getTime() > 24 * 3_600_000;
	const failures = (row && !stale ? row.failures : 0) + 1;
	const lockedUntil =
		failures >= threshold
			? new Date(now + Math.min(MAX_MS, BASE_MS * 2 ** (failures - threshold)))
			: null;
	db.insert(loginThrottle)
		.values({ key, failures, lastFailureAt: new Date(now), lockedUntil })
		.onConflictDoUpdate({
			target: loginThrottle.key,
			set: { failures, lastFailureAt: new Date(now), lockedUntil }
		})
		.run();
}

export function clear(key: string) {
	getDb().delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}
