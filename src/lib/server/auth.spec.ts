import { afterEach, describe, expect, it, vi } from 'vitest';
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
import { resetConfig } from './config';
import { auditEvent } from './db/schema';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

const ctx = useTestDb();

describe('hashToken', () => {
	it('is the SHA-256 of the UTF-8 bytes in lower-case hex, as the stored hashes were made', () => {
		expect(hashToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		// the same digest as the pure-JS hash every stored session and link hash was made with
		for (const t of ['', generateToken(), 'Zx_-09aB'.repeat(4), 'رضا ✓', '\ud800 lone'])
			expect(hashToken(t)).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(t))));
	});
});

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

describe('session lifetime', () => {
	const HOUR = 3_600_000;
	const DAY = 24 * HOUR;
	afterEach(() => {
		vi.useRealTimers();
		delete process.env.SESSION_IDLE_HOURS;
		delete process.env.SESSION_MAX_DAYS;
		resetConfig();
	});

	it('ends after 12 hours without use (idle timeout), renewed by use', async () => {
		const u = users.findByEmail('a@example.org')!;
		vi.useFakeTimers({ toFake: ['Date'] });
		const t0 = Date.parse('2026-11-25T06:00:00Z');
		vi.setSystemTime(t0);
		const token = generateToken();
		createSession(token, u.id);
		vi.setSystemTime(t0 + 11 * HOUR);
		expect(validateSessionToken(token).user?.id).toBe(u.id);
		// Used at 11 h: valid until 23 h, not after.
		vi.setSystemTime(t0 + 22 * HOUR);
		const kept = validateSessionToken(token);
		expect(kept.user?.id).toBe(u.id);
		vi.setSystemTime(t0 + 22 * HOUR + 12 * HOUR + 60_000);
		expect(validateSessionToken(token).session).toBeNull();
		// And the row is gone.
		expect(
			ctx.db
				.select()
				.from(session)
				.where(eq(session.id, hashToken(token)))
				.get()
		).toBe(undefined);
	});

	it('ends 30 days after sign-in even when used every few hours (absolute lifetime)', async () => {
		const u = users.findByEmail('a@example.org')!;
		vi.useFakeTimers({ toFake: ['Date'] });
		const t0 = Date.parse('2026-11-25T06:00:00Z');
		vi.setSystemTime(t0);
		const token = generateToken();
		createSession(token, u.id);
		for (let t = t0; t < t0 + 30 * DAY - 6 * HOUR; t += 6 * HOUR) {
			vi.setSystemTime(t);
			expect(validateSessionToken(token).user?.id, new Date(t).toISOString()).toBe(u.id);
		}
		// Near the end the cookie's expiry is the absolute end, not 12 h later.
		vi.setSystemTime(t0 + 30 * DAY - 2 * HOUR);
		expect(validateSessionToken(token).session!.expiresAt.getTime()).toBe(t0 + 30 * DAY);
		vi.setSystemTime(t0 + 30 * DAY);
		expect(validateSessionToken(token).session).toBeNull();
	});

	it('takes both limits from the configuration', async () => {
		process.env.SESSION_IDLE_HOURS = '2';
		process.env.SESSION_MAX_DAYS = '1';
		resetConfig();
		const u = users.findByEmail('a@example.org')!;
		vi.useFakeTimers({ toFake: ['Date'] });
		const t0 = Date.parse('2026-11-25T06:00:00Z');
		vi.setSystemTime(t0);
		const idle = generateToken();
		createSession(idle, u.id);
		const busy = generateToken();
		createSession(busy, u.id);
		vi.setSystemTime(t0 + 1.5 * HOUR);
		expect(validateSessionToken(busy).user).not.toBeNull();
		vi.setSystemTime(t0 + 2 * HOUR + 60_000);
		expect(validateSessionToken(idle).user).toBeNull();
		for (let t = t0 + 3 * HOUR; t < t0 + DAY; t += HOUR) {
			vi.setSystemTime(t);
			expect(validateSessionToken(busy).user).not.toBeNull();
		}
		vi.setSystemTime(t0 + DAY);
		expect(validateSessionToken(busy).user).toBeNull();
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

	it('60 parallel wrong passwords and the right one among them: no sign-in, at most 5 evaluated', async () => {
		await users.create(
			{ id: null },
			{ email: 'p@example.org', name: 'P', role: 'quality', password: 'the right password' }
		);
		const before = ctx.db.select().from(auditEvent).all().length;
		// A distributed attack: every guess from another address, all in flight at once, the
		// right password in the middle of the burst.
		const guesses = Array.from({ length: 61 }, (_, i) =>
			i === 30 ? 'the right password' : 'wrong guess ' + i
		);
		const results = await Promise.all(
			guesses.map((pw, i) => users.authenticate('p@example.org', pw, `10.9.0.${i}`))
		);
		expect(results[30].ok).toBe(false);
		expect(results.filter((r) => r.ok)).toHaveLength(0);
		const evaluated = results.filter((r) => !r.ok && r.reason === 'invalid').length;
		expect(evaluated).toBeGreaterThan(0);
		expect(evaluated).toBeLessThanOrEqual(5);
		expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(61 - evaluated);
		// Only evaluated guesses leave an audit line (an attack does not flood the audit log).
		expect(ctx.db.select().from(auditEvent).all().length - before).toBe(evaluated);
	});

	it('60 parallel guesses from one address at 60 accounts: at most 20 evaluated', async () => {
		const results = await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				users.authenticate(`nobody${i}@example.org`, 'wrong guess', '10.8.0.1')
			)
		);
		const evaluated = results.filter((r) => !r.ok && r.reason === 'invalid').length;
		expect(evaluated).toBeLessThanOrEqual(20);
		expect(results.every((r) => !r.ok)).toBe(true);
	});

	it('a lock window lets one more guess through, then locks again for longer', async () => {
		const u = 'p@example.org';
		const now = Date.now();
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			// The first lock lasts 30 s.
			vi.setSystemTime(now + 31_000);
			const burst = await Promise.all(
				Array.from({ length: 10 }, (_, i) =>
					users.authenticate(u, i === 5 ? 'the right password' : 'wrong ' + i, `10.7.0.${i}`)
				)
			);
			expect(burst.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(1);
			expect(burst.filter((r) => r.ok)).toHaveLength(0);
			expect(burst[9]).toMatchObject({ reason: 'throttled' });
			expect((burst[9] as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(30);
		} finally {
			vi.useRealTimers();
		}
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
