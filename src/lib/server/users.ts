import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import * as audit from './audit';
import {
	dummyPasswordHash,
	generateToken,
	hashPassword,
	hashToken,
	invalidateUserSessions,
	verifyPassword
} from './auth';
import { getDb } from './db';
import { user, userToken } from './db/schema';
import type { Role } from './permissions';
import * as throttle from './throttle';

const DAY = 86_400_000;

export type UserRow = {
	id: number;
	email: string;
	name: string;
	role: Role;
	locale: 'ar' | 'en';
	disabledAt: Date | null;
	isDemo: boolean;
	createdAt: Date;
	hasPassword: boolean;
};

const columns = {
	id: user.id,
	email: user.email,
	name: user.name,
	role: user.role,
	locale: user.locale,
	disabledAt: user.disabledAt,
	isDemo: user.isDemo,
	createdAt: user.createdAt,
	hasPassword: sql<boolean>`${user.passwordHash} is not null`.mapWith(Boolean)
};

export function list(): UserRow[] {
	return getDb().select(columns).from(user).orderBy(asc(user.name)).all();
}

export function get(id: number): UserRow | undefined {
	return getDb().select(columns).from(user).where(eq(user.id, id)).get();
}

export function findByEmail(email: string) {
	return getDb().select(columns).from(user).where(eq(user.email, email.trim().toLowerCase())).get();
}

export function countActiveAdmins(): number {
	return getDb()
		.select({ n: sql<number>`count(*)` })
		.from(user)
		.where(and(eq(user.role, 'admin'), isNull(user.disabledAt)))
		.get()!.n;
}

export type Actor = { id: number | null; ip?: string | null };

export class EmailTakenError extends Error {}

/**
 * Creates a user. With a password they can sign in at once; without one they get a
 * one-time link to choose it (returned, to be copied or mailed).
 */
export async function create(
	actor: Actor,
	input: {
		email: string;
		name: string;
		role: Role;
		locale?: 'ar' | 'en';
		password?: string;
		isDemo?: boolean;
	}
): Promise<{ id: number; inviteToken?: string }> {
	const email = input.email.trim().toLowerCase();
	if (findByEmail(email)) throw new EmailTakenError(email);
	const passwordHash = input.password ? await hashPassword(input.password) : null;
	const row = getDb()
		.insert(user)
		.values({
			email,
			name: input.name,
			role: input.role,
			locale: input.locale ?? 'ar',
			passwordHash,
			isDemo: input.isDemo ?? false,
			passwordChangedAt: passwordHash ? new Date() : null
		})
		.returning({ id: user.id })
		.get();
	audit.record({
		actorId: actor.id,
		action: 'user.create',
		targetType: 'user',
		targetId: row.id,
		details: { role: input.role },
		ip: actor.ip
	});
	const inviteToken = passwordHash ? undefined : issueToken(row.id, 'invite', 7);
	return { id: row.id, inviteToken };
}

export function update(actor: Actor, id: number, input: { name: string; role: Role }) {
	const before = get(id);
	if (!before) return false;
	getDb().update(user).set({ name: input.name, role: input.role }).where(eq(user.id, id)).run();
	if (before.role !== input.role) invalidateUserSessions(id); // new rights take effect now
	audit.record({
		actorId: actor.id,
		action: 'user.update',
		targetType: 'user',
		targetId: id,
		details: {
			role: before.role !== input.role ? [before.role, input.role] : undefined,
			name: before.name !== input.name || undefined
		},
		ip: actor.ip
	});
	return true;
}

export function setDisabled(actor: Actor, id: number, disabled: boolean) {
	getDb()
		.update(user)
		.set({ disabledAt: disabled ? new Date() : null })
		.where(eq(user.id, id))
		.run();
	if (disabled) invalidateUserSessions(id);
	audit.record({
		actorId: actor.id,
		action: disabled ? 'user.disable' : 'user.enable',
		targetType: 'user',
		targetId: id,
		ip: actor.ip
	});
}

export function setLocale(id: number, locale: 'ar' | 'en') {
	getDb().update(user).set({ locale }).where(eq(user.id, id)).run();
}

/** A one-time link token; only its hash is stored. */
export function issueToken(
	userId: number | null,
	purpose: 'setup' | 'invite' | 'reset',
	days: number
): string {
	const token = generateToken(32);
	getDb()
		.insert(userToken)
		.values({ id: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + days * DAY) })
		.run();
	return token;
}

export function issueReset(actor: Actor, id: number): string {
	const token = issueToken(id, 'reset', 2);
	audit.record({
		actorId: actor.id,
		action: 'user.resetLink',
		targetType: 'user',
		targetId: id,
		ip: actor.ip
	});
	return token;
}

export function findToken(token: string) {
	const row = getDb()
		.select()
		.from(userToken)
		.where(eq(userToken.id, hashToken(token)))
		.get();
	if (!row || row.usedAt || row.expiresAt.getTime() < Date.now()) return undefined;
	return row;
}

/** Sets a password from an invite/reset link and burns the link. Ends other sessions. */
export async function setPasswordWithToken(
	token: string,
	password: string,
	ip?: string | null
): Promise<number | null> {
	const row = findToken(token);
	if (!row || !row.userId) return null;
	const passwordHash = await hashPassword(password);
	const db = getDb();
	db.transaction((tx) => {
		tx.update(userToken).set({ usedAt: new Date() }).where(eq(userToken.id, row.id)).run();
		tx.update(user)
			.set({ passwordHash, passwordChangedAt: new Date() })
			.where(eq(user.id, row.userId!))
			.run();
	});
	invalidateUserSessions(row.userId);
	audit.record({
		actorId: row.userId,
		action: 'user.passwordSet',
		targetType: 'user',
		targetId: row.userId,
		details: { via: row.purpose },
		ip
	});
	return row.userId;
}

/** Changes one's own password after checking the current one; ends every session. */
export async function changePassword(
	actor: Actor & { id: number },
	current: string,
	next: string
): Promise<boolean> {
	const row = getDb()
		.select({ hash: user.passwordHash })
		.from(user)
		.where(eq(user.id, actor.id))
		.get();
	if (!row?.hash || !(await verifyPassword(row.hash, current))) return false;
	getDb()
		.update(user)
		.set({ passwordHash: await hashPassword(next), passwordChangedAt: new Date() })
		.where(eq(user.id, actor.id))
		.run();
	invalidateUserSessions(actor.id);
	audit.record({
		actorId: actor.id,
		action: 'user.passwordChange',
		targetType: 'user',
		targetId: actor.id,
		ip: actor.ip
	});
	return true;
}

export type AuthResult =
	| { ok: true; userId: number; role: Role }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a password. Unknown account, wrong password and disabled account all answer
 * 'invalid' and take the same time; repeated attempts lock the account and the IP. The
 * attempt is counted (synchronously, see throttle.ts) before the hash is verified.
 */
export async function authenticate(
	emailIn: string,
	password: string,
	ip: string
): Promise<AuthResult> {
	const email = emailIn.trim().toLowerCase();
	const account = 'acct:' + email;
	const address = 'ip:' + ip;
	const wait = throttle.attempt([
		{ key: account, threshold: throttle.ACCOUNT_THRESHOLD },
		{ key: address, threshold: throttle.IP_THRESHOLD }
	]);
	if (wait > 0)
		return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
	const row = getDb()
		.select({ id: user.id, hash: user.passwordHash, role: user.role, disabledAt: user.disabledAt })
		.from(user)
		.where(eq(user.email, email))
		.get();
	const ok = await verifyPassword(row?.hash ?? (await dummyPasswordHash()), password);
	if (!row || !ok || row.disabledAt || !row.hash) {
		audit.record({ actorId: row?.id ?? null, action: 'auth.failure', ip });
		return { ok: false, reason: 'invalid' };
	}
	throttle.clear(account);
	throttle.clear(address);
	audit.record({ actorId: row.id, action: 'auth.login', targetType: 'user', targetId: row.id, ip });
	return { ok: true, userId: row.id, role: row.role };
}
