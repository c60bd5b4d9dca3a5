import { type Locale } from '$lib/i18n/locales';
/**
 * Sessions as Lucia's published design describes them (the `lucia` package itself is
 * deprecated): a random token in an httpOnly cookie, only its SHA-256 in the database.
 * A session ends after SESSION_IDLE_HOURS without use (12 h) and in any case
 * SESSION_MAX_DAYS after sign-in (30 days): `expires_at` is the idle deadline, moved forward
 * by use but never past `created_at` + the absolute lifetime.
 */
import { hash, verify } from '@node-rs/argon2';
import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, isNull } from 'drizzle-orm';
import { config } from './config';
import { getDb } from './db';
import { session, user } from './db/schema';
import type { Role } from './permissions';
import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'rida_session';
/** Renewing the idle deadline is a write: at most one a minute per session. */
const RENEW_AFTER_MS = 60_000;

export type SessionUser = {
	id: number;
	email: string;
	name: string;
	role: Role;
	locale: Locale;
};
export type Session = { id: string; userId: number; expiresAt: Date };

export function generateToken(bytes = 20): string {
	const b = new Uint8Array(bytes);
	crypto.getRandomValues(b);
	return encodeBase32LowerCaseNoPadding(b);
}

/** SHA-256 of the token's UTF-8 bytes, lower-case hex (node:crypto: every page view of a link hashes one). */
export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

function deadline(now: number, createdAt: number): Date {
	const { idleMs, maxMs } = config().session;
	return new Date(Math.min(now + idleMs, createdAt + maxMs));
}

export function createSession(token: string, userId: number): Session {
	const now = Date.now();
	const s: Session = { id: hashToken(token), userId, expiresAt: deadline(now, now) };
	getDb()
		.insert(session)
		.values({ ...s, createdAt: new Date(now) })
		.run();
	return s;
}

export function validateSessionToken(
	token: string
): { session: Session; user: SessionUser } | { session: null; user: null } {
	const db = getDb();
	const id = hashToken(token);
	const row = db
		.select({
			session,
			user: {
				id: user.id,
				email: user.email,
				name: user.name,
				role: user.role,
				locale: user.locale
			}
		})
		.from(session)
		.innerJoin(user, eq(session.userId, user.id))
		.where(and(eq(session.id, id), isNull(user.disabledAt)))
		.get();
	if (!row) return { session: null, user: null };
	const s = row.session;
	const now = Date.now();
	const next = deadline(now, s.createdAt.getTime());
	// Past the idle deadline, or past the absolute end (which also holds after a shorter
	// SESSION_MAX_DAYS is configured).
	if (now >= s.expiresAt.getTime() || now >= next.getTime()) {
		db.delete(session).where(eq(session.id, id)).run();
		return { session: null, user: null };
	}
	if (next.getTime() - s.expiresAt.getTime() >= RENEW_AFTER_MS || next < s.expiresAt) {
		s.expiresAt = next;
		db.update(session).set({ expiresAt: next }).where(eq(session.id, id)).run();
	}
	return { session: { id: s.id, userId: s.userId, expiresAt: s.expiresAt }, user: row.user };
}

export function invalidateSession(sessionId: string) {
	getDb().delete(session).where(eq(session.id, sessionId)).run();
}

export function invalidateUserSessions(userId: number) {
	getDb().delete(session).where(eq(session.userId, userId)).run();
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expiresAt: Date,
	secure: boolean
) {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionCookie(cookies: Cookies) {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

// argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1).
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
	try {
		return await verify(hashed, password);
	} catch {
		return false;
	}
}

/** A hash to verify against when the account does not exist, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash() {
	dummyHash ??= hashPassword('not-a-real-password-' + generateToken());
	return dummyHash;
}
