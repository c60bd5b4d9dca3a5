import { resetConfig } from './config';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDb } from './testing';
import * as beneficiaries from './beneficiaries';
import { erase, exportData, applyRetention } from './privacy';
import {
	beneficiary,
	enrollment,
	invitation,
	outboxMessage,
	program,
	request,
	response
} from './db/schema';
import { makeInvitations } from './delivery/testdata';
import { enqueue, render } from './delivery/outbox';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

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
				city: 'الرياض'
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

describe('erasure that erases', () => {
	const tail = 'زقزوق';
	const CANARY = {
		name: `نجود ${tail} العتيبي`,
		mobile: '0559900112',
		email: `nujood.${Date.now()}@example.org`,
		subject: `طلب خاص لعائلة قمرون`,
		note: 'تحدثت مع شقيقها فرحان هاتفيًا',
		comment: 'المدربة لطيفة جدا وأتمنى برنامج قرطاسية'
	};

	it('blanks request subjects, notes, free-text answers (raw JSON too) and delivery errors; nothing left in the file or the WAL', async () => {
		const { syncDefinitions } = await import('./surveys/versions');
		const programs = await import('./programs');
		const invitations = await import('./invitations');
		const requests = await import('./requests');
		syncDefinitions();
		requests.ensureChannels();
		const pid = programs.create(
			{ id: null },
			{
				nameAr: 'برنامج المحو',
				nameEn: 'Erasure',
				description: '',
				kind: 'program',
				startDate: '2026-01-01',
				endDate: '2026-02-01',
				surveyId: 'post-program',
				responsibleUserId: null
			}
		);
		const id = beneficiaries.create(
			{ id: null },
			{ name: CANARY.name, mobile: CANARY.mobile, email: CANARY.email, consentContact: true }
		);
		programs.enroll({ id: null }, pid, [id]);
		const [{ token }] = programs.end({ id: null }, pid);
		const f = invitations.findByToken(token);
		if (f.status !== 'ok') throw new Error('no invitation');
		const rid = invitations.complete(f.invitation, {
			overall: 4,
			recommend: 8,
			what_went_wrong: `${CANARY.comment} 2`,
			suggestion: CANARY.comment
		});
		const [ch] = requests.listChannels();
		const { id: qid } = requests.create(
			{ id: null },
			{
				channelId: ch.id,
				kind: 'support',
				beneficiary: { mode: 'existing', id },
				subject: CANARY.subject,
				details: CANARY.note
			}
		);
		requests.addEvent({ id: null }, qid, { type: 'note', data: { text: CANARY.note } });
		ctx.db
			.update(outboxMessage)
			.set({ state: 'given_up', lastError: `rejected: ${CANARY.note}` })
			.where(eq(outboxMessage.invitationId, f.invitation.id))
			.run();
		if (
			!ctx.db
				.select()
				.from(outboxMessage)
				.where(eq(outboxMessage.invitationId, f.invitation.id))
				.get()
		)
			ctx.db
				.insert(outboxMessage)
				.values({
					invitationId: f.invitation.id,
					kind: 'invitation',
					channel: 'sms',
					state: 'given_up',
					notBefore: new Date(),
					idempotencyKey: `erase-${qid}`,
					lastError: `rejected: ${CANARY.note}`
				})
				.run();

		const csatBefore = ctx.db.$client
			.prepare('select csat, nps from response where id = ?')
			.get(rid);
		expect(erase({ id: null }, id)).toBe(true);

		const r = ctx.db.select().from(response).where(eq(response.id, rid)).get()!;
		expect(r).toMatchObject({
			comment: null,
			commentEnc: null,
			answersEnc: null,
			beneficiaryId: null
		});
		expect(JSON.parse(r.answers)).toMatchObject({ overall: 4, recommend: 8 });
		expect(JSON.parse(r.answers)).not.toHaveProperty('suggestion');
		expect(JSON.parse(r.answers)).not.toHaveProperty('what_went_wrong');
		expect(ctx.db.$client.prepare('select csat, nps from response where id = ?').get(rid)).toEqual(
			csatBefore
		);
		const q = ctx.db.select().from(request).where(eq(request.id, qid)).get()!;
		expect(q).toMatchObject({
			subjectEnc: null,
			details: '',
			detailsEnc: null,
			beneficiaryId: null
		});
		expect(q.status).toBe('received'); // the SLA figures keep the request

		const signs = [tail, 'قمرون', 'فرحان', 'قرطاسية', CANARY.email, '559900112'];
		const tables = ctx.db.$client
			.prepare(`select name from sqlite_master where type='table'`)
			.all() as { name: string }[];
		const dump = tables
			.map(({ name }) => JSON.stringify(ctx.db.$client.prepare(`select * from "${name}"`).all()))
			.join('\n');
		for (const sign of signs) expect(dump, sign).not.toContain(sign);
		for (const file of [ctx.path, ctx.path + '-wal']) {
			const raw = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
			for (const sign of signs)
				expect(raw.includes(Buffer.from(sign)), `${file}: ${sign}`).toBe(false);
		}
	});

	it('an erased record refuses edits and enrolment', async () => {
		const programs = await import('./programs');
		const id = beneficiaries.create(
			{ id: null },
			{ name: 'ريما المحذوفة', mobile: '0559900113', consentContact: true }
		);
		const pid = programs.create(
			{ id: null },
			{
				nameAr: 'برنامج بعد المحو',
				nameEn: 'After',
				description: '',
				kind: 'program',
				startDate: '2026-01-01',
				endDate: '2026-02-01',
				surveyId: 'post-program',
				responsibleUserId: null
			}
		);
		erase({ id: null }, id);
		expect(() =>
			beneficiaries.update({ id: null }, id, {
				name: 'ريما المحذوفة',
				mobile: '0559900113',
				consentContact: true
			})
		).toThrow(beneficiaries.ErasedBeneficiaryError);
		expect(
			ctx.db.select().from(beneficiary).where(eq(beneficiary.id, id)).get()!.nameEnc
		).toBeNull();
		expect(programs.enroll({ id: null }, pid, [id]).added).toBe(0);
		expect(ctx.db.select().from(enrollment).where(eq(enrollment.beneficiaryId, id)).all()).toEqual(
			[]
		);
	});

	it('journals erasures (ids only) and applies them again after a restore', async () => {
		const { backup, restore } = await import('./backup');
		const { journalPath, readJournal, instanceId } = await import('./privacy');
		const keep = beneficiaries.create(
			{ id: null },
			{ name: 'باقية السالم', mobile: '0559900114', consentContact: true }
		);
		const gone = beneficiaries.create(
			{ id: null },
			{
				name: 'راحلة الفلاني',
				mobile: '0559900115',
				email: 'rahila@example.org',
				consentContact: true
			}
		);
		const file = join(ctx.dir, 'before-erasure.db');
		await backup(file);
		const { name_enc: sealedName } = ctx.db.$client
			.prepare('select name_enc from beneficiary where id = ?')
			.get(gone) as { name_enc: string };
		erase({ id: null }, gone);

		const lines = readFileSync(journalPath(), 'utf8').trim().split('\n');
		const last = JSON.parse(lines.at(-1)!);
		expect(Object.keys(last).sort()).toEqual(['at', 'db', 'id']);
		expect(last).toMatchObject({ id: gone, db: instanceId() });
		expect(readFileSync(journalPath(), 'utf8')).not.toContain('راحلة');
		expect(statSync(journalPath()).mode & 0o777).toBe(0o600);
		expect(readJournal().map((e) => e.id)).toContain(gone);

		// The daily backup (into the backup folder) carries the newest journal beside it.
		const daily = await backup();
		expect(readFileSync(join(dirname(daily.path), 'erasures.jsonl'), 'utf8')).toBe(
			readFileSync(journalPath(), 'utf8')
		);

		// Restore the backup taken before the erasure into another file: the person stays erased.
		const target = join(ctx.dir, 'restored.db');
		const r = await restore(file, target);
		expect(r.reapplied).toBeGreaterThanOrEqual(1);
		const db = new Database(target, { readonly: true });
		const row = db
			.prepare('select name_enc, mobile_hash, erased_at from beneficiary where id = ?')
			.get(gone) as Record<string, unknown>;
		expect(row.name_enc).toBeNull();
		expect(row.mobile_hash).toBeNull();
		expect(row.erased_at).not.toBeNull();
		expect(
			(
				db.prepare('select name_enc from beneficiary where id = ?').get(keep) as {
					name_enc: string;
				}
			).name_enc
		).not.toBeNull();
		// the next new person never takes an erased person's id
		const seq = db.prepare(`select seq from sqlite_sequence where name = 'beneficiary'`).get() as {
			seq: number;
		};
		expect(seq.seq).toBeGreaterThanOrEqual(gone);
		db.close();
		for (const f of [target, target + '-wal']) {
			const raw = existsSync(f) ? readFileSync(f) : Buffer.alloc(0);
			expect(raw.includes(Buffer.from(sealedName))).toBe(false);
		}
	});
});
