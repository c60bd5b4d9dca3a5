/**
 * Free text typed by or about a person, on its way in and on its way out: every place that
 * stores it keeps a redacted display copy (redact.ts), the original only encrypted, and roles
 * without beneficiaries.read only ever get the copy. Also: consent to be identified is read
 * when a response is shown, not copied at submission.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from './config';
import { useTestDb } from './testing';
import * as actions from './improvements';
import * as beneficiaries from './beneficiaries';
import { outboxMessage, request, requestEvent, response } from './db/schema';
import { enqueue, processBatch } from './delivery/outbox';
import { recentFailures } from './delivery';
import { listResponses } from './indicators/drill';
import { filtersFor } from './indicators/measure';
import * as invitations from './invitations';
import * as programs from './programs';
import { representativeComments } from './reports';
import * as requests from './requests';
import * as responses from './responses';
import { syncDefinitions } from './surveys/versions';

const ctx = useTestDb();

const PERSON = {
	name: 'ميمونة عبدالله الشهري',
	mobile: '0557001122',
	email: 'maimouna@example.org'
};
const COMMENT = `أنا ميمونة، جوالي ٠٥٥٧٠٠١١٢٢ وبريدي ${PERSON.email} شكرًا للأستاذة منيرة`;
const SIGNS = ['ميمونة', 'منيرة', '0557001122', '٠٥٥٧٠٠١١٢٢', PERSON.email];

let pid = 0;
let bid = 0;
let rid = 0;

beforeAll(() => {
	syncDefinitions();
	requests.ensureChannels();
	pid = programs.create(
		{ id: null },
		{
			nameAr: 'برنامج النص الحر',
			nameEn: 'Free text',
			description: '',
			kind: 'program',
			startDate: '2026-01-01',
			endDate: '2026-02-01',
			surveyId: 'post-program',
			responsibleUserId: null
		}
	);
	bid = beneficiaries.create(
		{ id: null },
		{
			name: PERSON.name,
			mobile: PERSON.mobile,
			email: PERSON.email,
			consentContact: true,
			consentIdentified: true,
			gender: 'female'
		}
	);
	programs.enroll({ id: null }, pid, [bid]);
	const [{ token }] = programs.end({ id: null }, pid);
	const f = invitations.findByToken(token);
	if (f.status !== 'ok') throw new Error('no invitation');
	rid = invitations.complete(f.invitation, {
		overall: 2,
		recommend: 3,
		what_went_wrong: 'تأخر الرد على ميمونة الشهري رقم الهوية 1098765432',
		suggestion: COMMENT
	});
});

const noSign = (text: string, where: string) => {
	for (const s of SIGNS) expect(text, `${where} shows ${s}`).not.toContain(s);
};

describe('survey answers on the way in', () => {
	it('stores a redacted comment and answers; the original only encrypted', () => {
		const row = ctx.db.select().from(response).where(eq(response.id, rid)).get()!;
		noSign(row.comment!, 'response.comment');
		noSign(row.answers, 'response.answers');
		expect(row.answers).not.toContain('1098765432');
		expect(row.comment).toContain('[رقم جوال]');
		expect(row.comment).toContain('[بريد إلكتروني]');
		expect(row.comment).toContain('للأستاذة [اسم]');
		expect(row.commentEnc).toMatch(/^v1\./);
		expect(row.answersEnc).toMatch(/^v1\./);
		noSign(JSON.stringify(row), 'the response row');
	});

	it('program responses and their exports: the copy for quality, the original for relations', () => {
		const forQuality = responses.listForProgram(pid, { seePeople: false });
		noSign(JSON.stringify(forQuality.rows.map((r) => r.comment)), 'responses for quality');
		const forRelations = responses.listForProgram(pid, { seePeople: true });
		expect(forRelations.rows[0].comment).toBe(COMMENT);
		const h = {
			date: 'd',
			respondent: 'r',
			csat: 'c',
			nps: 'n',
			channel: 'ch',
			withinTwoWeeks: 'w',
			comment: 'cm',
			anonymous: 'a',
			yes: 'y',
			no: 'n'
		};
		noSign(
			responses.toCsv(pid, false, h).replace(PERSON.name, ''), // the respondent column (consented) is checked below
			'CSV for quality'
		);
		expect(responses.toCsv(pid, true, h)).toContain(PERSON.email);
	});

	it('dashboard drill-down, comments, the report and an action pre-filled from a comment', () => {
		const f = filtersFor(
			{ from: '2000-01-01', to: '2100-01-01' },
			{ calendar: 'gregorian', timeZone: 'Asia/Riyadh' }
		);
		noSign(JSON.stringify(listResponses(f, { onlyComments: true })), 'drill-down');
		const day = ctx.db.select().from(response).where(eq(response.id, rid)).get()!.localDate;
		const comments = representativeComments({ from: day, to: '2100-01-01' }, 3);
		expect(comments.length).toBeGreaterThan(0);
		noSign(JSON.stringify(comments), 'report comments');
		noSign(JSON.stringify(actions.commentSource(rid)), 'action from comment');
	});

	it('the beneficiary’s own data export shows what they typed', async () => {
		const { exportData } = await import('./privacy');
		const data = exportData(bid)!;
		expect(JSON.stringify(data.responses)).toContain(PERSON.email);
	});
});

describe('consent to be identified is read when shown', () => {
	it('withdrawing "quality may see who answered" hides the name from then on', () => {
		const named = responses.listForProgram(pid, { seePeople: false }).rows[0];
		expect(named.respondent).toBe(PERSON.name);
		const b = beneficiaries.get(bid)!;
		beneficiaries.update({ id: null }, bid, {
			name: b.name,
			mobile: b.mobile!,
			email: b.email,
			consentContact: true,
			consentIdentified: false,
			gender: 'female'
		});
		expect(responses.listForProgram(pid, { seePeople: false }).rows[0].respondent).toBeNull();
		expect(responses.listForProgram(pid, { seePeople: true }).rows[0].respondent).toBe(PERSON.name);
	});
});

describe('requests on the way in', () => {
	it('subject, details and notes are stored redacted; quality gets the copy, relations the original', () => {
		const [ch] = requests.listChannels();
		const { id } = requests.create(
			{ id: null },
			{
				channelId: ch.id,
				kind: 'support',
				beneficiary: { mode: 'existing', id: bid },
				subject: 'طلب ميمونة الشهري 0557001122',
				details: `بريدها ${PERSON.email}`
			}
		);
		requests.addEvent({ id: null }, id, {
			type: 'note',
			data: { text: 'اتصلت بها على ٠٥٥٧٠٠١١٢٢ وكلمت أم ميمونة' }
		});
		const row = ctx.db.select().from(request).where(eq(request.id, id)).get()!;
		noSign(row.subject + row.details, 'request row');
		expect(row.subjectEnc).toMatch(/^v1\./);
		const ev = ctx.db.select().from(requestEvent).where(eq(requestEvent.requestId, id)).all();
		noSign(JSON.stringify(ev.map((e) => e.data)), 'event data');

		noSign(JSON.stringify(requests.get(id)), 'request for quality');
		noSign(JSON.stringify(requests.list({}).items), 'request list for quality');
		const rows = requests.exportRows({}, 'ar', {
			kind: String,
			status: String,
			decision: String,
			headers: []
		});
		noSign(JSON.stringify(rows), 'request export for quality');

		const personal = requests.get(id, new Date(), { personal: true })!;
		expect(personal.subject).toBe('طلب ميمونة الشهري 0557001122');
		expect(personal.details).toContain(PERSON.email);
		expect(personal.events.at(-1)!.data!.text).toContain('٠٥٥٧٠٠١١٢٢');
		expect(requests.list({}, { personal: true }).items.find((r) => r.id === id)!.subject).toContain(
			'0557001122'
		);
	});
});

describe('delivery errors on the way in', () => {
	let server: Server;
	beforeAll(async () => {
		server = createServer((req, res) => {
			req.resume();
			req.on('end', () => {
				res.writeHead(400, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: `invalid number +966557001122 (${PERSON.email})` }));
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
		process.env.SMS_GATEWAY_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
		process.env.DELIVERY_HOURS = '0-24';
		resetConfig();
	});
	afterAll(() => {
		server.close();
		delete process.env.SMS_GATEWAY_URL;
		delete process.env.DELIVERY_HOURS;
		resetConfig();
	});

	it('a gateway error naming the number is stored and shown redacted', async () => {
		const inv = ctx.db.$client
			.prepare('select id from invitation where beneficiary_id = ? limit 1')
			.get(bid) as { id: number };
		ctx.db.$client.prepare('update invitation set completed_at = null where id = ?').run(inv.id);
		const m = enqueue(inv.id, 'reminder', { channel: 'sms', number: 1 })!;
		await processBatch(10, new Date());
		const row = ctx.db.select().from(outboxMessage).where(eq(outboxMessage.id, m)).get()!;
		expect(row.state).toBe('given_up');
		expect(row.lastError).toContain('[mobile number]'); // the error's own language
		noSign(row.lastError!, 'outbox error');
		noSign(JSON.stringify(recentFailures()), '/delivery failures');
	});
});

describe('free text stored before redaction', () => {
	it('is redacted once by the data migration (same module), originals kept encrypted', async () => {
		const { redactStoredText } = await import('./privacy');
		const c = ctx.db.$client;
		// What an older version wrote: plain text everywhere.
		c.prepare(`delete from data_migration`).run();
		const v = (c.prepare('select id from survey_version limit 1').get() as { id: number }).id;
		const old = Number(
			c
				.prepare(
					`insert into response (program_id, beneficiary_id, survey_version_id, submitted_at, local_date, answers, csat, comment)
					 values (?, ?, ?, ?, '2026-01-02', ?, 3, ?)`
				)
				.run(pid, bid, v, Date.now(), JSON.stringify({ overall: 3, suggestion: COMMENT }), COMMENT)
				.lastInsertRowid
		);
		const [ch] = requests.listChannels();
		const q = Number(
			c
				.prepare(
					`insert into request (code, channel_id, kind, beneficiary_id, subject, received_at, received_local_date, due_at)
					 values ('OLD1-TEXT', ?, 'support', ?, ?, ?, '2026-01-02', ?)`
				)
				.run(ch.id, bid, `ميمونة ${PERSON.mobile}`, Date.now(), Date.now()).lastInsertRowid
		);
		c.prepare(
			`insert into request_event (request_id, type, at, data) values (?, 'note', ?, ?)`
		).run(q, Date.now(), JSON.stringify({ text: `بريد ${PERSON.email}` }));
		const done = redactStoredText(ctx.db);
		expect(done!.rows).toBeGreaterThanOrEqual(3);
		const r = ctx.db.select().from(response).where(eq(response.id, old)).get()!;
		noSign(r.comment! + r.answers, 'migrated response');
		expect(
			responses.listForProgram(pid, { seePeople: true }).rows.some((x) => x.comment === COMMENT)
		).toBe(true);
		const qr = ctx.db.select().from(request).where(eq(request.id, q)).get()!;
		noSign(qr.subject, 'migrated subject');
		noSign(JSON.stringify(requests.get(q)), 'migrated request for quality');
		expect(requests.get(q, new Date(), { personal: true })!.subject).toContain(PERSON.mobile);
		expect(redactStoredText(ctx.db)).toBeNull(); // once
	});

	it('key rotation re-encrypts the kept originals', async () => {
		const { rotateKey } = await import('./keyrotation');
		const { randomBytes } = await import('node:crypto');
		rotateKey(randomBytes(32));
		expect(
			responses.listForProgram(pid, { seePeople: true }).rows.some((x) => x.comment === COMMENT)
		).toBe(true);
		const row = ctx.db.select().from(response).where(eq(response.id, rid)).get()!;
		expect(row.commentEnc!.split('.')[1]).toBe(row.answersEnc!.split('.')[1]);
	});
});
