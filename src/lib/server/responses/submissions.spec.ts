import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import * as invitations from '../invitations';
import { syncDefinitions } from '../surveys/versions';
import { submit } from './submissions';

const ctx = useTestDb();

const invite = () => {
	const { token } = invitations.createInvitation({
		kind: 'request',
		surveyId: 'service-request',
		locale: 'ar'
	});
	const found = invitations.findByToken(token);
	if (found.status !== 'ok') throw new Error(found.status);
	return found.invitation;
};
const count = () =>
	(ctx.db.$client.prepare('select count(*) n from response').get() as { n: number }).n;

describe('group-committed submissions', () => {
	it('stores concurrent submissions together, each awaiting its own response id', async () => {
		syncDefinitions();
		const before = count();
		const invs = Array.from({ length: 40 }, invite);
		const client = ctx.db.$client;
		const pending = invs.map((inv, i) => submit(inv, { overall: 1 + (i % 5), courtesy: 4 }));
		// Queued, not yet written: they commit together once this turn of the event loop ends.
		expect(count()).toBe(before);
		const ids = await Promise.all(pending);
		expect(new Set(ids).size).toBe(40);
		expect(count()).toBe(before + 40);
		for (const [i, id] of ids.entries()) {
			const row = client
				.prepare('select invitation_id, csat from response where id = ?')
				.get(id) as { invitation_id: number; csat: number | null };
			expect(row.invitation_id).toBe(invs[i].id);
		}
	});

	it('a used link refuses its own submission only; the others of the group are stored', async () => {
		syncDefinitions();
		const used = invite();
		invitations.complete(used, { overall: 5 });
		const fresh = [invite(), invite()];
		const before = count();
		const out = await Promise.allSettled([
			submit(fresh[0], { overall: 4 }),
			submit(used, { overall: 1 }),
			submit(fresh[1], { overall: 3 })
		]);
		expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((out[1] as PromiseRejectedResult).reason).toBeInstanceOf(
			invitations.AlreadyCompletedError
		);
		expect(count()).toBe(before + 2);
		// The same link twice in one group: stored once.
		const twice = invite();
		const again = await Promise.allSettled([
			submit(twice, { overall: 2 }),
			submit(twice, { overall: 3 })
		]);
		expect(again.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(
			(
				ctx.db.$client
					.prepare('select count(*) n from response where invitation_id = ?')
					.get(twice.id) as { n: number }
			).n
		).toBe(1);
	});
});
