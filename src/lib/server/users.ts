import { type Locale } from '$lib/i18n/locales';
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
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
	locale: Locale;
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

import type { Actor } from './audit';
export type { Actor };

export class EmailTakenError extends Error {}

type NewUser = {
	email: string;
	name: string;
	role: Role;
	locale?: Locale;
	password?: string;
	isDemo?: boolean;
};

/**
 * Creates a user. With a password they can sign in at once; without one they get a
 * one-time link to choose it (returned, to be copied or mailed).
 */
export async function create(
	actor: Actor,
	input: NewUser
): Promise<{ id: number; inviteToken?: string }> {
	const passwordHash = input.password ? await hashPassword(input.password) : null;
	// After the (slow) hash, everything is synchronous: checking the email and inserting
	// cannot interleave with another request.
	const id = insertUser(actor, input, passwordHash);
	const inviteToken = passwordHash ? undefined : issueToken(id, 'invite', 7);
	return { id, inviteToken };
}

function insertUser(actor: Actor, input: NewUser, passwordHash: string | null): number {
	const email = input.email.trim().toLowerCase();
	if (findByEmail(email)) throw new EmailTakenError(email);
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
	return row.id;
}

/**
 * First run: the setup link creates the first administrator, once. The password is hashed
 * first; then one synchronous transaction checks there is still no administrator, burns the
 * link (only if still unused) and creates the account, so parallel posts of the same link
 * create one administrator. Returns null when the link is no longer valid.
 */
export async function createFirstAdmin(
	token: string,
	input: Omit<NewUser, 'role' | 'isDemo'> & { password: string },
	ip?: string | null
): Promise<number | null> {
	const passwordHash = await hashPassword(input.password);
	return getDb().transaction(
		() => {
			if (countActiveAdmins() > 0) return null;
			if (findByEmail(input.email)) throw new EmailTakenError(input.email);
			if (!claimToken(token, ['setup'])) return null;
			return insertUser({ id: null, ip }, { ...input, role: 'admin' }, passwordHash);
		},
		{ behavior: 'immediate' }
	);
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

export function setLocale(id: number, locale: Locale) {
	getDb().update(user).set({ locale }).where(eq(user.id, id)).run();
}

type TokenPurpose = 'setup' | 'invite' | 'reset';

/** Links of one kind: a new one revokes the older ones of its kind for the same user. */
const KIND: Record<TokenPurpose, TokenPurpose[]> = {
	setup: ['setup'],
	invite: ['invite', 'reset'],
	reset: ['invite', 'reset']
};

/**
 * A one-time link token; only its hash is stored. Issuing one revokes the user's older
 * unused links of the same kind (setup, or choose-a-password: invitation and reset), so only
 * the newest link printed or sent works.
 */
export function issueToken(userId: number | null, purpose: TokenPurpose, days: number): string {
	const token = generateToken(32);
	getDb().transaction((tx) => {
		tx.delete(userToken)
			.where(
				and(
					userId === null ? isNull(userToken.userId) : eq(userToken.userId, userId),
					inArray(userToken.purpose, KIND[purpose]),
					isNull(userToken.usedAt)
				)
			)
			.run();
		tx.insert(userToken)
			.values({
				id: hashToken(token),
				userId,
				purpose,
				expiresAt: new Date(Date.now() + days * DAY)
			})
			.run();
	});
	return token;
}

/**
 * Marks a link used if it is still valid, in one UPDATE: of several parallel requests
 * carrying the same link, exactly one gets the row back.
 */
function claimToken(token: string, purposes: TokenPurpose[]) {
	const now = new Date();
	return getDb()
		.update(userToken)
		.set({ usedAt: now })
		.where(
			and(
				eq(userToken.id, hashToken(token)),
				inArray(userToken.purpose, purposes),
				isNull(userToken.usedAt),
				gt(userToken.expiresAt, now)
			)
		)
		.returning({ userId: userToken.userId, purpose: userToken.purpose })
		.get();
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

/**
 * Sets a password from an invite/reset link and burns the link. Ends other sessions.
 * The hash is computed first; burning the link and storing the hash are one synchronous
 * transaction, so of parallel posts of the same link exactly one sets the password.
 * Returns null when the link is (no longer) valid.
 */
export async function setPasswordWithToken(
	token: string,
	password: string,
	ip?: string | null
): Promise<number | null> {
	if (!findToken(token)) return null;
	const passwordHash = await hashPassword(password);
	const claimed = getDb().transaction(
		() => {
			const row = claimToken(token, ['invite', 'reset']);
			if (!row?.userId) return undefined;
			getDb()
				.update(user)
				.set({ passwordHash, passwordChangedAt: new Date() })
				.where(eq(user.id, row.userId))
				.run();
			return { userId: row.userId, purpose: row.purpose };
		},
		{ behavior: 'immediate' }
	);
	if (!claimed) return null;
	invalidateUserSessions(claimed.userId);
	audit.record({
		actorId: claimed.userId,
		action: 'user.passwordSet',
		targetType: 'user',
		targetId: claimed.userId,
		details: { via: claimed.purpose },
		ip
	});
	return claimed.userId;
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
