import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../dates';
import { invitation, response, responseAspect, responseDimension } from '../db/schema';
import { useTestDb } from '../testing';
import * as invitations from '../invitations';
import * as settings from '../settings';
import { parseDefinition } from '../surveys/definition';
import { storeVersion, syncDefinitions } from '../surveys/versions';
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

	it('stores every column as drizzle reads it back (the insert is raw SQL, mapped by hand)', async () => {
		syncDefinitions();
		// A version with a checkbox channel, an aspect and a dimension (all the rows a response has).
		const def = parseDefinition(
			{
				id: 'service-request',
				name: { ar: 'خدمة', en: 'Service' },
				indicators: {
					csat: 'overall',
					nps: 'recommend',
					channel: 'channels',
					withinTwoWeeks: 'ok',
					comment: 'note',
					aspects: { courtesy: 'courtesy' },
					dimensions: ['city']
				},
				survey: {
					pages: [
						{
							name: 'p',
							elements: [
								{ type: 'rating', name: 'overall', rateMin: 1, rateMax: 5 },
								{ type: 'rating', name: 'recommend', rateMin: 0, rateMax: 10 },
								{ type: 'checkbox', name: 'channels', choices: ['phone', 'visit', 'web'] },
								{ type: 'boolean', name: 'ok' },
								{ type: 'rating', name: 'courtesy', rateMin: 1, rateMax: 5 },
								{ type: 'dropdown', name: 'city', choices: ['riyadh', 'jeddah'] },
								{ type: 'comment', name: 'note' }
							]
						}
					]
				}
			},
			'columns.json'
		);
		const { versionId } = storeVersion(def);
		const now = new Date('2026-11-25T21:30:00.123Z');
		const cases = [
			{
				anonymous: true,
				ok: false,
				data: { overall: 4, channels: ['phone', 'web'], city: 'riyadh' }
			},
			{ anonymous: false, ok: true, data: { recommend: 0, courtesy: 5, note: 'بطيء قليلًا' } },
			{ anonymous: false, ok: null, data: {} }
		];
		for (const c of cases) {
			const { token } = invitations.createInvitation({
				kind: 'request',
				surveyId: 'service-request',
				anonymous: c.anonymous
			});
			const found = invitations.findByToken(token);
			if (found.status !== 'ok') throw new Error(found.status);
			const inv = { ...found.invitation, surveyVersionId: versionId };
			const data = c.ok === null ? c.data : { ...c.data, ok: c.ok };
			const id = await submit(inv, data, now);
			const row = ctx.db.select().from(response).where(eq(response.id, id)).get();
			expect(row).toEqual({
				id,
				invitationId: inv.id,
				programId: null,
				requestId: null,
				campaignId: null,
				segment: 'beneficiary', // a request's respondent
				beneficiaryId: null,
				surveyVersionId: versionId,
				anonymous: c.anonymous,
				submittedAt: now,
				localDate: localDate(now, settings.get().timeZone),
				answers: JSON.stringify(data),
				answersEnc: null,
				csat: 'overall' in c.data ? c.data.overall : null,
				nps: 'recommend' in c.data ? c.data.recommend : null,
				channel: 'channels' in c.data ? 'phone' : null,
				withinTwoWeeks: c.ok,
				comment: 'note' in c.data ? c.data.note : null,
				commentEnc: null,
				gender: null,
				ageBand: null,
				city: null
			});
			const aspects = ctx.db
				.select()
				.from(responseAspect)
				.where(eq(responseAspect.responseId, id))
				.all();
			expect(aspects).toEqual(
				'courtesy' in c.data ? [{ responseId: id, aspect: 'courtesy', score: 5 }] : []
			);
			const dims = ctx.db
				.select({ key: responseDimension.key, value: responseDimension.value })
				.from(responseDimension)
				.where(eq(responseDimension.responseId, id))
				.all()
				.map((d) => `${d.key}=${d.value}`)
				.sort();
			expect(dims).toEqual(
				'channels' in c.data ? ['channel=phone', 'channel=web', 'city=riyadh'] : []
			);
			const after = ctx.db.select().from(invitation).where(eq(invitation.id, inv.id)).get()!;
			expect(after).toMatchObject({ completedAt: now, startedAt: now, draft: null });
		}
	});
});
