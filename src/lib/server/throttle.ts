/**
 * Growing delay after repeated sign-in attempts, per account and per IP. Kept in SQLite so a
 * restart does not reset it.
 *
 * Every attempt is counted *before* its password is checked, in one IMMEDIATE transaction
 * that runs before the first `await`: parallel guesses cannot all slip past the lock while
 * their (slow, asynchronous) argon2 checks run. The attempt that reaches a key's threshold
 * sets the lock at once; it is itself still checked, every later one is refused unchecked.
 * So at most `threshold` guesses per account are evaluated before the first lock, and one
 * per lock window after it. A successful sign-in clears the counters.
 */
import { eq, inArray } from 'drizzle-orm';
import { getDb } from './db';
import { loginThrottle } from './db/schema';

export const ACCOUNT_THRESHOLD = 5;
export const IP_THRESHOLD = 20;
const BASE_MS = 30_000;
const MAX_MS = 60 * 60_000;
/** A quiet day forgives old attempts. */
const FORGET_MS = 24 * 3_600_000;

export type Limit = { key: string; threshold: number };

/**
 * Counts one attempt against every key, or refuses it while any key is locked (a refused
 * attempt counts nothing). Returns 0 when the attempt may be checked, else the milliseconds
 * until the earliest retry.
 */
export function attempt(limits: Limit[], now = Date.now()): number {
	if (!limits.length) return 0;
	const db = getDb();
	return db.transaction(
		(tx) => {
			const rows = tx
				.select()
				.from(loginThrottle)
				.where(
					inArray(
						loginThrottle.key,
						limits.map((l) => l.key)
					)
				)
				.all();
			let wait = 0;
			for (const r of rows) if (r.lockedUntil) wait = Math.max(wait, r.lockedUntil.getTime() - now);
			if (wait > 0) return wait;
			for (const { key, threshold } of limits) {
				const row = rows.find((r) => r.key === key);
				const stale = row && now - row.lastFailureAt.getTime() > FORGET_MS;
				const failures = (row && !stale ? row.failures : 0) + 1;
				const lockedUntil =
					failures >= threshold
						? new Date(now + Math.min(MAX_MS, BASE_MS * 2 ** (failures - threshold)))
						: null;
				tx.insert(loginThrottle)
					.values({ key, failures, lastFailureAt: new Date(now), lockedUntil })
					.onConflictDoUpdate({
						target: loginThrottle.key,
						set: { failures, lastFailureAt: new Date(now), lockedUntil }
					})
					.run();
			}
			return 0;
		},
		{ behavior: 'immediate' }
	);
}

export function clear(key: string) {
	getDb().delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}
