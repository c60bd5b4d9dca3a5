import { resetConfig } from './config';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDb } from './testing';
import * as beneficiaries from './beneficiaries';
import { erase, exportData, applyRetention } from './privacy';
import { enrollment, invitation, response, program } from './db/schema';
import { makeInvitations } from './delivery/testdata';
import { enqueue, render } from './delivery/outbox';
import { readFileSync } from 'node:fs';

const ctx = useTestDb();

describe('data subject rights', () => {
	it('export has everything; erasure leaves no personal field anywhere and keeps the scores', () => {
		process.env.SMS_GATEWAY_URL = 'http://127.0.0.1:9/none';
		resetConfig();
		const { invitationIds, programId } = makeInvitations(1, { channel: 'sms', email: true });
		const inv = ctx.db.select().from(invitation).where(eq(invitation.id, invitationIds[0])).get()!;
		const id = inv.beneficiaryId!;
		const b = beneficiaries.get(id)!;
		ctx.db.insert(enrollment).values({ programId, beneficiaryId: id }).run();
		const msg = enqueue(inv.id, 'invitation')!;
		render(msg); // creates a link token and an unsubscribe token
		ctx.db
			.update(invitation)
			.set({ completedAt: new Date() })
			.where(eq(invitation.id, inv.id))
			.run();
		ctx.db
			.insert(response)
			.values({
				invitationId: inv.id,
				programId,
				beneficiaryId: id,
				surveyVersionId: inv.surveyVersionId,
				submittedAt: new Date(),
				localDate: '2026-11-25',
				answers: '{"overall":5}',
				csat: 5,
				nps: 9,
				gender: 'female',
				city: 'الرياض',
				identified: true
			})
			.run();

		const data = exportData(id)!;
		expect(data.beneficiary.name).toBe(b.name);
		expect(data.beneficiary.mobile).toBe(b.mobile);
		expect(data.programs.map((p) => p.id)).toEqual([programId]);
		expect(data.responses[0].answers).toEqual({ overall: 5 });
		expect(data.messages).toHaveLength(1);

		const before = ctx.db.$client.prepare('select avg(csat) a, count(*) n from response').get();
		expect(erase({ id: null }, id)).toBe(true);
		const after = ctx.db.$client.prepare('select avg(csat) a, count(*) n from response').get();
		expect(after).toEqual(before);
		expect(ctx.db.select().from(response).all()[0]).toMatchObject({
			beneficiaryId: null,
			identified: false,
			csat: 5,
			city: 'الرياض'
		});

		// Nothing personal remains: no ciphertext, no keyed hash, no token, anywhere in the file.
		const row = ctx.db.$client.prepare('select * from beneficiary where id = ?').get(id) as Record<
			string,
			unknown
		>;
		for (const col of [
			'name_enc',
			'mobile_enc',
			'mobile_hash',
			'email_enc',
			'email_hash',
			'gender',
			'age_band',
			'city'
		])
			expect(row[col], col).toBeNull();
		const tables = ctx.db.$client
			.prepare(`select name from sqlite_master where type='table'`)
			.all() as { name: string }[];
		const dump = tables
			.map(({ name }) => JSON.stringify(ctx.db.$client.prepare(`select * from "${name}"`).all()))
			.join('\n');
		const mobileDigits = b.mobile!.slice(4);
		expect(dump).not.toContain(mobileDigits);
		expect(dump).not.toContain(b.email!);
		expect(dump).not.toContain(b.name);
		expect(ctx.db.$client.prepare('select count(*) n from invitation_link').get()).toEqual({
			n: 0
		});
		expect(ctx.db.$client.prepare('select count(*) n from opt_out_token').get()).toEqual({ n: 0 });
		expect(
			ctx.db.$client
				.prepare('select count(*) n from beneficiary_name_token where beneficiary_id = ?')
				.get(id)
		).toEqual({ n: 0 });
		// and not in the raw file bytes either (secure_delete + checkpoint)
		const raw = readFileSync(ctx.path);
		expect(raw.includes(Buffer.from(b.email!))).toBe(false);
		expect(beneficiaries.search(b.name).total).toBe(0);
		expect(beneficiaries.findByMobile(b.mobile!)).toBeUndefined();
	});

	it('retention erases contact data N months after the last program', () => {
		const { programId, invitationIds } = makeInvitations(1, { channel: 'sms' });
		const id = ctx.db.select().from(invitation).where(eq(invitation.id, invitationIds[0])).get()!
			.beneficiaryId!;
		ctx.db.insert(enrollment).values({ programId, beneficiaryId: id }).run();
		ctx.db.update(program).set({ endDate: '2024-01-31' }).where(eq(program.id, programId)).run();
		ctx.db.$client
			.prepare('update beneficiary set created_at = ? where id = ?')
			.run(Date.parse('2023-06-01'), id);
		expect(applyRetention(0)).toBe(0);
		expect(applyRetention(36, new Date('2026-11-25'))).toBe(0); // ended 34 months ago
		expect(applyRetention(24, new Date('2026-11-25'))).toBe(1);
		expect(beneficiaries.get(id)!.erasedAt).not.toBeNull();
	});
});
