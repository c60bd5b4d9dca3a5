import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDb } from './testing';
import {
	createSession,
	generateToken,
	hashToken,
	invalidateSession,
	validateSessionToken
} from './auth';
import { session } from './db/schema';
import * as users from './users';
import { can } from './permissions';

const ctx = useTestDb();

describe('sessions', () => {
	it('stores only the SHA-256 of the token, and validates the token', async () => {
		const { id } = await users.create(
			{ id: null },
			{ email: 'a@example.org', name: 'A', role: 'quality', password: 'correct horse battery' }
		);
		const token = generateToken();
		createSession(token, id);
		const rows = ctx.db.select().from(session).all();
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toBe(hashToken(token));
		expect(rows[0].id).not.toContain(token);
		const raw = ctx.db.$client.prepare('select * from session').all();
		expect(JSON.stringify(raw)).not.toContain(token);
		expect(validateSessionToken(token).user?.id).toBe(id);
		expect(validateSessionToken(token + 'x').user).toBeNull();
	});

	it('sliding expiry: a session with less than 15 days left is renewed to 30', async () => {
		const u = users.findByEmail('a@example.org')!;
		const token = generateToken();
		createSession(token, u.id);
		const id = hashToken(token);
		ctx.db
			.update(session)
			.set({ expiresAt: new Date(Date.now() + 2 * 86400_000) })
			.where(eq(session.id, id))
			.run();
		const r = validateSessionToken(token);
		expect(r.session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86400_000);
		ctx.db
			.update(session)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(session.id, id))
			.run();
		expect(validateSessionToken(token).session).toBeNull();
		expect(ctx.db.select().from(session).where(eq(session.id, id)).get()).toBeUndefined();
	});

	it('logout, disabling and password change end sessions', async () => {
		const u = users.findByEmail('a@example.org')!;
		const t1 = generateToken();
		const s1 = createSession(t1, u.id);
		invalidateSession(s1.id);
		expect(validateSessionToken(t1).user).toBeNull();

		const t2 = generateToken();
		createSession(t2, u.id);
		users.setDisabled({ id: null }, u.id, true);
		expect(validateSessionToken(t2).user).toBeNull();
		users.setDisabled({ id: null }, u.id, false);

		const t3 = generateToken();
		createSession(t3, u.id);
		expect(await users.changePassword({ id: u.id }, 'wrong', 'another long password')).toBe(false);
		expect(validateSessionToken(t3).user).not.toBeNull();
		expect(
			await users.changePassword({ id: u.id }, 'correct horse battery', 'another long password')
		).toBe(true);
		expect(validateSessionToken(t3).user).toBeNull();
	});
});

describe('sign-in', () => {
	it('says the same thing for an unknown account and a wrong password', async () => {
		const a = await users.authenticate('nobody@example.org', 'whatever-123', '10.0.0.1');
		const b = await users.authenticate('a@example.org', 'wrong password', '10.0.0.1');
		expect(a).toEqual({ ok: false, reason: 'invalid' });
		expect(b).toEqual({ ok: false, reason: 'invalid' });
	});

	it('throttles the 6th attempt after 5 wrong passwords, even with the right one', async () => {
		await users.create(
			{ id: null },
			{ email: 'b@example.org', name: 'B', role: 'board', password: 'the right password' }
		);
		for (let i = 0; i < 5; i++) {
			expect((await users.authenticate('b@example.org', 'wrong-' + i, '10.0.0.2')).ok).toBe(false);
		}
		const sixth = await users.authenticate('b@example.org', 'the right password', '10.0.0.3');
		expect(sixth.ok).toBe(false);
		expect(sixth).toMatchObject({ reason: 'throttled' });
		// Another account from another IP is not affected.
		await users.create(
			{ id: null },
			{ email: 'c@example.org', name: 'C', role: 'board', password: 'the right password' }
		);
		expect((await users.authenticate('c@example.org', 'the right password', '10.0.0.4')).ok).toBe(
			true
		);
	});

	it('a disabled account cannot sign in', async () => {
		const c = users.findByEmail('c@example.org')!;
		users.setDisabled({ id: null }, c.id, true);
		expect((await users.authenticate('c@example.org', 'the right password', '10.0.0.5')).ok).toBe(
			false
		);
	});
});

describe('permissions', () => {
	it('board is read-only', () => {
		expect(can('board', 'users.manage')).toBe(false);
		expect(can('board', 'settings.manage')).toBe(false);
		expect(can('board', 'reports.read')).toBe(true);
		expect(can('board', 'beneficiaries.read')).toBe(false);
		expect(can('admin', 'users.manage')).toBe(true);
	});
});
