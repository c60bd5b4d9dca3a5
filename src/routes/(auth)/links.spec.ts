/**
 * One-time links (first-run setup, invitation/reset to choose a password), posted as
 * SvelteKit would post them — several at once, as a double click or a script would.
 */
import { describe, expect, it } from 'vitest';
import { useTestDb } from '$lib/server/testing';
import * as users from '$lib/server/users';
import { verifyPassword } from '$lib/server/auth';
import { actions as setupActions, load as setupLoad } from './setup/[token]/+page.server';
import { actions as passwordActions, load as passwordLoad } from './password/[token]/+page.server';

const ctx = useTestDb();

function event(path: string, token: string, form: Record<string, string>, ip = '127.0.0.1') {
	const body = new FormData();
	for (const [k, v] of Object.entries(form)) body.set(k, v);
	const cookies = new Map<string, string>();
	return {
		params: { token },
		url: new URL('http://127.0.0.1:3000' + path),
		request: new Request('http://127.0.0.1:3000' + path, { method: 'POST', body }),
		locals: { user: null, session: null, locale: 'ar' },
		getClientAddress: () => ip,
		cookies: {
			get: (k: string) => cookies.get(k),
			set: (k: string, v: string) => void cookies.set(k, v),
			delete: (k: string) => void cookies.delete(k)
		}
	} as never;
}

/** An action either returns (a refused form) or throws SvelteKit's redirect. */
async function outcome(p: unknown) {
	try {
		const r = (await p) as { status: number; data: { errors: Record<string, string> } };
		return { redirected: false, status: r.status, errors: r.data.errors };
	} catch (e) {
		const r = e as { status?: number; location?: string };
		if (r.status === 303) return { redirected: true, status: 303, location: r.location };
		throw e;
	}
}

const admins = () =>
	ctx.db.$client.prepare(`select count(*) n from user where role = 'admin'`).get() as { n: number };

describe('first-run setup link', () => {
	it('creates one administrator when posted 4 times in parallel', async () => {
		const token = users.issueToken(null, 'setup', 1);
		expect(await setupLoad({ params: { token } } as never)).toEqual({ valid: true });
		const results = await Promise.all(
			[1, 2, 3, 4].map((i) =>
				outcome(
					setupActions.default(
						event(`/setup/${token}`, token, {
							name: `Admin ${i}`,
							email: `admin${i}@example.org`,
							password: 'a long enough passphrase',
							confirm: 'a long enough passphrase'
						})
					)
				)
			)
		);
		expect(results.filter((r) => r.redirected)).toHaveLength(1);
		expect(results.filter((r) => !r.redirected).map((r) => r.status)).toEqual([403, 403, 403]);
		expect(admins().n).toBe(1);
		expect(await setupLoad({ params: { token } } as never)).toEqual({ valid: false });
	});

	it('a new setup link revokes the one printed before', async () => {
		ctx.db.$client.prepare(`delete from user`).run();
		const first = users.issueToken(null, 'setup', 1);
		const second = users.issueToken(null, 'setup', 1);
		expect(await setupLoad({ params: { token: first } } as never)).toEqual({ valid: false });
		expect(await setupLoad({ params: { token: second } } as never)).toEqual({ valid: true });
	});
});

describe('set-password link', () => {
	it('sets one password when posted 4 times in parallel; the others are refused', async () => {
		const { id, inviteToken } = await users.create(
			{ id: null },
			{ email: 'invited@example.org', name: 'Invited', role: 'quality' }
		);
		const token = inviteToken!;
		const passwords = [1, 2, 3, 4].map((i) => `chosen passphrase number ${i}`);
		const results = await Promise.all(
			passwords.map((pw) =>
				outcome(
					passwordActions.default(event(`/password/${token}`, token, { password: pw, confirm: pw }))
				)
			)
		);
		expect(results.filter((r) => r.redirected)).toHaveLength(1);
		const refused = results.filter((r) => !r.redirected);
		expect(refused.map((r) => r.status)).toEqual([403, 403, 403]);
		expect(refused.every((r) => r.errors?._form === 'password.invalidLink')).toBe(true);
		// The stored password is the winner's.
		const winner = passwords[results.findIndex((r) => r.redirected)];
		const hash = (
			ctx.db.$client.prepare(`select password_hash h from user where id = ?`).get(id) as {
				h: string;
			}
		).h;
		expect(await verifyPassword(hash, winner)).toBe(true);
		expect(await passwordLoad({ params: { token } } as never)).toEqual({ valid: false });
	});

	it('a new link for a user revokes their older invitation and reset links, not others’', async () => {
		const a = await users.create(
			{ id: null },
			{ email: 'a@example.org', name: 'A', role: 'board' }
		);
		const b = await users.create(
			{ id: null },
			{ email: 'b@example.org', name: 'B', role: 'board' }
		);
		const reset1 = users.issueReset({ id: null }, a.id);
		expect(users.findToken(a.inviteToken!)).toBeUndefined();
		expect(users.findToken(reset1)).toBeDefined();
		const reset2 = users.issueReset({ id: null }, a.id);
		expect(users.findToken(reset1)).toBeUndefined();
		expect(users.findToken(reset2)).toBeDefined();
		expect(await passwordLoad({ params: { token: reset1 } } as never)).toEqual({ valid: false });
		// Another user's link is untouched.
		expect(users.findToken(b.inviteToken!)).toBeDefined();
	});
});
