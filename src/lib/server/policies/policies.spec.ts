import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import { startOfLocalDay } from '../../dates';
import * as settings from '../settings';
import * as policies from './index';
import { promises } from './promises';
import { notifyReviews } from './jobs';
import { demoPdf } from '../seed/policies';

const ctx = useTestDb();
const sql = (s: string, ...p: unknown[]) => ctx.db.$client.prepare(s).run(...p);
const DAY = 86_400_000;
const ms = (date: string, hours = 10) =>
	startOfLocalDay(date, 'Asia/Riyadh').getTime() + hours * 3_600_000;
let actor = { id: 0 };

const base = (o: Partial<policies.PolicyInput> = {}): policies.PolicyInput => ({
	titleAr: 'سياسة تنظيم العلاقة مع المستفيدين',
	titleEn: 'Beneficiary relationship policy',
	version: '1.0',
	approvedBy: 'مجلس الإدارة',
	boardMeeting: '9',
	approvedOn: '2025-01-10',
	nextReviewOn: '2026-01-10',
	published: false,
	...o
});

beforeEach(() => {
	for (const t of [
		'policy_file',
		'policy_clause',
		'policy',
		'request',
		'channel',
		'audit_event',
		'user'
	])
		sql(`delete from ${t}`);
	actor = {
		id: Number(
			sql(`insert into user (email, name, role) values ('a@x', 'Admin', 'admin')`).lastInsertRowid
		)
	};
	settings.update(actor, { calendar: 'gregorian', timeZone: 'Asia/Riyadh', slaDays: 14 });
});

describe('review reminder', () => {
	it('near within 30 days, past from the day itself', () => {
		expect(policies.reviewState('2026-03-01', '2026-01-29')).toBe('ok');
		expect(policies.reviewState('2026-03-01', '2026-01-30')).toBe('near');
		expect(policies.reviewState('2026-03-01', '2026-02-28')).toBe('near');
		expect(policies.reviewState('2026-03-01', '2026-03-01')).toBe('past');
	});

	it('only the current version of a title is due; an earlier version never reminds', () => {
		const old = policies.create(actor, base({ nextReviewOn: '2025-06-01' }));
		const cur = policies.create(
			actor,
			base({ version: '1.1', approvedOn: '2025-05-20', nextReviewOn: '2026-05-20' })
		);
		expect(policies.isCurrent(old)).toBe(false);
		expect(policies.isCurrent(cur)).toBe(true);
		expect(policies.reviewsDue('2026-03-01')).toEqual([]);
		const due = policies.reviewsDue('2026-05-01');
		expect(due.map((d) => [d.id, d.state])).toEqual([[cur, 'near']]);
		expect(policies.reviewsDue('2026-05-20')[0].state).toBe('past');
	});

	it('each stage is taken once per review date; a new date starts over', () => {
		const id = policies.create(actor, base({ nextReviewOn: '2026-03-01' }));
		expect(policies.takeNotices('2026-01-15')).toEqual([]);
		expect(policies.takeNotices('2026-02-10').map((d) => d.state)).toEqual(['near']);
		expect(policies.takeNotices('2026-02-11')).toEqual([]);
		expect(policies.takeNotices('2026-03-02').map((d) => d.state)).toEqual(['past']);
		expect(policies.takeNotices('2026-03-20')).toEqual([]);
		// The board reviewed it: next review in a year, the reminders start over.
		policies.update(actor, id, base({ nextReviewOn: '2027-03-01' }));
		expect(policies.takeNotices('2026-03-21')).toEqual([]);
		expect(policies.takeNotices('2027-02-20').map((d) => d.state)).toEqual(['near']);
	});

	it('the daily job finds what is due (mail skipped without SMTP) and marks it', async () => {
		policies.create(actor, base({ nextReviewOn: '2026-03-01' }));
		const now = new Date(ms('2026-03-05'));
		expect(await notifyReviews(now)).toEqual({ due: 1, sent: 0 });
		expect(await notifyReviews(now)).toEqual({ due: 0, sent: 0 });
	});
});

describe('file', () => {
	it('accepts PDF and Word by name and content, keeps the bytes in the database', () => {
		const id = policies.create(actor, base());
		expect(policies.fileType('x.PDF')).toBe('application/pdf');
		expect(policies.fileType('x.exe')).toBeNull();
		const pdf = demoPdf('hello');
		expect(policies.looksLike('application/pdf', pdf)).toBe(true);
		expect(policies.looksLike('application/pdf', new TextEncoder().encode('<html>'))).toBe(false);
		policies.setFile(actor, id, { name: '../../etc/سياسة.pdf', data: pdf });
		const f = policies.file(id)!;
		expect(f.name).toBe('سياسة.pdf');
		expect(Buffer.compare(f.data, Buffer.from(pdf))).toBe(0);
		expect(policies.fileMeta(id)!.size).toBe(pdf.length);
		policies.remove(actor, id);
		expect(policies.file(id)).toBeUndefined();
	});

	it('the public policy is the latest published current one', () => {
		expect(policies.publicPolicy()).toBeNull();
		const a = policies.create(actor, base({ published: true }));
		expect(policies.publicPolicy()?.id).toBe(a);
		// A newer version not yet published hides the old one (it is superseded).
		const b = policies.create(actor, base({ version: '2.0', approvedOn: '2025-09-01' }));
		expect(policies.publicPolicy()).toBeNull();
		policies.update(actor, b, base({ version: '2.0', approvedOn: '2025-09-01', published: true }));
		expect(policies.publicPolicy()?.id).toBe(b);
		expect(policies.isPublicFile(a)).toBe(false);
	});
});

describe('what we promised, what we measured', () => {
	function req(date: string, days: number, channel: number) {
		const r = ms(date);
		sql(
			`insert into request (code, channel_id, kind, subject, received_at, received_local_date, status, due_at, decided_at, decision) values (?, ?, 'support', 's', ?, ?, 'decided', ?, ?, 'accepted')`,
			'c' + date + days,
			channel,
			r,
			date,
			r + 14 * DAY,
			r + days * DAY
		);
	}

	it('each clause of the policy in force at the quarter end, measured over the quarter', () => {
		const ch = Number(
			sql(`insert into channel (key, name_ar, name_en, sort) values ('phone', 'هاتف', 'Phone', 1)`)
				.lastInsertRowid
		);
		// Q3 2026: 8 requests decided, 6 within 14 days (3, 5, 7, 9, 10, 12), 2 after (20, 30).
		for (const [i, d] of [3, 5, 7, 9, 10, 12, 20, 30].entries())
			req(`2026-07-${String(i + 1).padStart(2, '0')}`, d, ch);
		const v1 = policies.create(actor, base({ approvedOn: '2025-01-10' }));
		policies.addClause(actor, v1, {
			ref: '5-2',
			textAr: 'الرد خلال أسبوعين',
			textEn: 'Answer within two weeks',
			indicator: 'withinSla'
		});
		// Approved after the quarter: not in force for Q3.
		const v2 = policies.create(actor, base({ version: '2.0', approvedOn: '2026-10-05' }));
		policies.addClause(actor, v2, { ref: '1', textAr: 'x', textEn: '', indicator: 'csat' });
		const q3 = { from: '2026-07-01', to: '2026-10-01' };
		const c = { calendar: 'gregorian' as const, timeZone: 'Asia/Riyadh' };
		const p = promises(q3, c, 'warn');
		expect(p.map((x) => x.version)).toEqual(['1.0']);
		expect(p[0].clauses).toHaveLength(1);
		expect(p[0].clauses[0].measured).toEqual({ value: 0.75, n: 8 });
		// Q4 reads version 2.0 (no decisions yet: no value).
		const q4 = promises({ from: '2026-10-01', to: '2027-01-01' }, c, 'warn');
		expect(q4.map((x) => x.version)).toEqual(['2.0']);
		expect(q4[0].clauses[0].measured.value).toBeNull();
	});

	it('the board never sees a clause measured over fewer than 5 people', () => {
		const ch = Number(
			sql(`insert into channel (key, name_ar, name_en, sort) values ('phone', 'هاتف', 'Phone', 1)`)
				.lastInsertRowid
		);
		for (const d of [3, 20, 5]) req('2026-08-02', d, ch);
		const id = policies.create(actor, base());
		policies.addClause(actor, id, { ref: '', textAr: 'x', textEn: '', indicator: 'withinSla' });
		const q3 = { from: '2026-07-01', to: '2026-10-01' };
		const c = { calendar: 'gregorian' as const, timeZone: 'Asia/Riyadh' };
		expect(promises(q3, c, 'warn')[0].clauses[0].measured).toEqual({ value: 2 / 3, n: 3 });
		const hidden = promises(q3, c, 'hide')[0].clauses[0];
		expect(hidden.withheld).toBe(true);
		expect(hidden.measured).toEqual({ value: null, n: 0 });
	});
});
