import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import { hijriOf, quarterLabel, quarterRange, startOfLocalDay, type Quarter } from '../../dates';
import * as targets from '../targets';
import * as actions from '../improvements';
import * as settings from '../settings';
import {
	buildReport,
	getReview,
	lastQuarter,
	markReviewed,
	recentQuarters,
	representativeComments,
	scrub,
	summary,
	summaryText,
	sameQuarterLastYear
} from './index';

const ctx = useTestDb();
const DAY = 86_400_000;
const ms = (date: string, hours = 10) =>
	startOfLocalDay(date, 'Asia/Riyadh').getTime() + hours * 3_600_000;
const sql = (s: string, ...p: unknown[]) => ctx.db.$client.prepare(s).run(...p);
const Q3: Quarter = { calendar: 'gregorian', year: 2026, q: 3 };
const NOW = new Date('2026-11-25T09:00:00Z');

let version = 0;
let pA = 0;
let pB = 0;
let pC = 0;
let letter = 0;
let phone = 0;
let code = 0;
let userId = 0;

function wipe() {
	for (const t of [
		'improvement_action',
		'quarter_review',
		'target',
		'response_aspect',
		'response',
		'invitation',
		'request',
		'channel',
		'site_day',
		'social_reach',
		'social_platform',
		'survey_version',
		'program',
		'audit_event',
		'user'
	])
		sql(`delete from ${t}`);
}
function resp(date: string, csat: number, program: number, comment: string | null = null) {
	sql(
		`insert into response (program_id, survey_version_id, submitted_at, local_date, answers, csat, nps, comment) values (?, ?, ?, ?, '{}', ?, ?, ?)`,
		program,
		version,
		ms(date),
		date,
		csat,
		csat * 2,
		comment
	);
}
/** `n` responses on `date`, `top2` of them 4–5 (5) and the rest 2. */
function many(date: string, n: number, top2: number, program = pA) {
	for (let i = 0; i < n; i++) resp(date, i < top2 ? 5 : 2, program);
}
function req(date: string, days: number, channel: number) {
	const r = ms(date);
	sql(
		`insert into request (code, channel_id, kind, subject, received_at, received_local_date, status, due_at, decided_at, decision) values (?, ?, 'support', 's', ?, ?, 'decided', ?, ?, 'accepted')`,
		'c' + ++code,
		channel,
		r,
		date,
		r + 14 * DAY,
		r + days * DAY
	);
}

beforeEach(() => {
	wipe();
	userId = Number(
		sql(`insert into user (email, name, role) values ('b@x', 'Board', 'board')`).lastInsertRowid
	);
	settings.update({ id: userId }, { calendar: 'gregorian', slaDays: 14, timeZone: 'Asia/Riyadh' });
	version = Number(
		sql(
			`insert into survey_version (survey_id, hash, definition) values ('post-program', 'h', '{}')`
		).lastInsertRowid
	);
	const prog = (ar: string, en: string) =>
		Number(
			sql(
				`insert into program (name_ar, name_en, kind, start_date, end_date, survey_id) values (?, ?, 'program', '2025-01-01', '2026-12-31', 'post-program')`,
				ar,
				en
			).lastInsertRowid
		);
	pA = prog('أ', 'A');
	pB = prog('ب', 'B');
	pC = prog('ج', 'C');
	letter = Number(
		sql(
			`insert into channel (key, name_ar, name_en, sort) values ('letter', 'الخطابات', 'Letters', 1)`
		).lastInsertRowid
	);
	phone = Number(
		sql(`insert into channel (key, name_ar, name_en, sort) values ('phone', 'الهاتف', 'Phone', 2)`)
			.lastInsertRowid
	);
});

describe('quarters', () => {
	it('last complete quarter and the ones before it, in both calendars', () => {
		expect(lastQuarter('gregorian', 'Asia/Riyadh', NOW)).toEqual(Q3);
		// 2026-11-25 = 15 Jumada II 1448 (Hijri Q2) → last complete Hijri quarter is Q1 1448.
		expect(lastQuarter('hijri', 'Asia/Riyadh', NOW)).toEqual({
			calendar: 'hijri',
			year: 1448,
			q: 1
		});
		expect(
			recentQuarters('gregorian', 'Asia/Riyadh', 5, NOW).map((q) => `${q.year}Q${q.q}`)
		).toEqual(['2026Q3', '2026Q2', '2026Q1', '2025Q4', '2025Q3']);
		// Riyadh is UTC+3: 2026-09-30T22:00Z is already 1 October locally.
		expect(lastQuarter('gregorian', 'Asia/Riyadh', new Date('2026-09-30T22:00:00Z'))).toEqual(Q3);
	});
	it('a Hijri quarter spanning two Gregorian years, its same quarter last year, labels', () => {
		const q: Quarter = { calendar: 'hijri', year: 1447, q: 3 };
		const r = quarterRange(q);
		expect(r.from < '2026-01-01' && r.to > '2026-01-01').toBe(true);
		expect(hijriOf(r.from)).toEqual({ year: 1447, month: 7, day: 1 });
		expect(hijriOf(r.to)).toEqual({ year: 1447, month: 10, day: 1 });
		const ly = quarterRange(sameQuarterLastYear(q));
		expect(hijriOf(ly.from)).toEqual({ year: 1446, month: 7, day: 1 });
		expect(quarterLabel(q, 'ar')).toBe('الربع الثالث 1447هـ');
		expect(quarterLabel(q, 'en')).toBe('Q3 1447 AH');
	});
	it('the report of a Hijri quarter shows its Gregorian months too and counts data across the year boundary', () => {
		settings.update({ id: userId }, { calendar: 'hijri' });
		const q: Quarter = { calendar: 'hijri', year: 1447, q: 3 };
		const r = quarterRange(q);
		many(r.from, 10, 9); // December 2025
		many('2026-02-01', 10, 7); // February 2026
		const rep = buildReport(q, NOW);
		const c = rep.indicators.find((x) => x.key === 'csat')!;
		expect(c.n).toBe(20);
		expect(c.value).toBeCloseTo(0.8);
		expect(rep.labels.ar).toBe('الربع الثالث 1447هـ');
		expect(rep.labels.otherEn).toBe('Q4 2025 – Q1 2026');
	});
});

describe('status against targets', () => {
	it('higher is better: met, near (within 5%), missed', () => {
		const t = { value: 0.85, direction: 'higher' as const };
		expect(targets.status(0.85, t)).toBe('met');
		expect(targets.status(0.9, t)).toBe('met');
		expect(targets.status(0.82, t)).toBe('near'); // 0.85 − 0.82 = 0.03 ≤ 0.0425
		expect(targets.status(0.8, t)).toBe('missed');
		expect(targets.status(null, t)).toBe('none');
		expect(targets.status(0.9, null)).toBe('none');
	});
	it('lower is better: met, near, missed', () => {
		const t = { value: 10, direction: 'lower' as const };
		expect(targets.status(8, t)).toBe('met');
		expect(targets.status(10, t)).toBe('met');
		expect(targets.status(10.4, t)).toBe('near');
		expect(targets.status(10.6, t)).toBe('missed');
	});
	it('a target of zero (lower is better) has only met and missed', () => {
		expect(targets.status(0, { value: 0, direction: 'lower' })).toBe('met');
		expect(targets.status(1, { value: 0, direction: 'lower' })).toBe('missed');
	});
	it('targets are one per indicator and year, replaced on a second set', () => {
		targets.set(
			{ id: userId },
			{ indicator: 'csat', calendar: 'gregorian', year: 2026, value: 0.85, direction: 'higher' }
		);
		targets.set(
			{ id: userId },
			{ indicator: 'csat', calendar: 'gregorian', year: 2026, value: 0.9, direction: 'higher' }
		);
		const m = targets.forYear('gregorian', 2026);
		expect(m.size).toBe(1);
		expect(m.get('csat')).toMatchObject({ value: 0.9, direction: 'higher', setBy: userId });
		expect(targets.forYear('hijri', 2026).size).toBe(0);
	});
});

describe('summary sentences', () => {
	it('writes the example in both languages', () => {
		const x = {
			csat: { value: 0.88, previous: 0.84, status: 'met' as const },
			sla: {
				breachShare: 0.12,
				n: 50,
				slaDays: 14,
				topChannel: { nameAr: 'الخطابات', nameEn: 'Letters', share: 0.7 },
				status: 'missed' as const
			}
		};
		expect(summary(x, 'ar')).toEqual([
			'ارتفع الرضا 4 نقاط إلى 88٪، أعلى من المستهدف',
			'12٪ من الطلبات تجاوزت مهلة الأسبوعين، أغلبها من الخطابات'
		]);
		expect(summary(x, 'en')).toEqual([
			'satisfaction rose 4 points to 88%, above target',
			'12% of requests breached the two-week promise, mostly letters'
		]);
		expect(summaryText(x, 'en')).toBe(
			'Satisfaction rose 4 points to 88%, above target; 12% of requests breached the two-week promise, mostly letters.'
		);
		expect(summaryText(x, 'ar')).toBe(
			'ارتفع الرضا 4 نقاط إلى 88٪، أعلى من المستهدف؛ 12٪ من الطلبات تجاوزت مهلة الأسبوعين، أغلبها من الخطابات.'
		);
	});
	it('falls, holds, near target, no breaches, no previous quarter', () => {
		expect(summary({ csat: { value: 0.8, previous: 0.81, status: 'near' } }, 'ar')).toEqual([
			'انخفض الرضا نقطة واحدة إلى 80٪، قريب من المستهدف'
		]);
		expect(summary({ csat: { value: 0.8, previous: 0.81, status: 'near' } }, 'en')).toEqual([
			'satisfaction fell 1 point to 80%, close to target'
		]);
		expect(summary({ csat: { value: 0.8, previous: 0.8, status: 'none' } }, 'en')).toEqual([
			'satisfaction held at 80%'
		]);
		expect(summary({ csat: { value: 0.7, previous: null, status: 'missed' } }, 'ar')).toEqual([
			'بلغ الرضا 70٪، دون المستهدف'
		]);
		expect(
			summary({ sla: { breachShare: 0, n: 9, slaDays: 14, topChannel: null, status: 'met' } }, 'en')
		).toEqual(['no request breached the two-week promise']);
		expect(
			summary(
				{
					sla: {
						breachShare: 0.2,
						n: 9,
						slaDays: 10,
						topChannel: { nameAr: 'الهاتف', nameEn: 'Phone', share: 0.4 },
						status: 'missed'
					}
				},
				'ar'
			)
		).toEqual(['20٪ من الطلبات تجاوزت مهلة 10 يومًا']);
	});
	it('writes the summary from a quarter of known data', () => {
		// Q2: 84% of 50; Q3: 88% of 50 → +4 points. Requests in Q3: 25, 3 breached (2 letters, 1 phone).
		many('2026-05-10', 50, 42);
		many('2026-08-10', 50, 44);
		for (let i = 0; i < 22; i++) req('2026-08-01', 5, i % 2 ? letter : phone);
		req('2026-08-02', 20, letter);
		req('2026-08-03', 20, letter);
		req('2026-08-04', 20, phone);
		targets.set(
			{ id: userId },
			{ indicator: 'csat', calendar: 'gregorian', year: 2026, value: 0.85, direction: 'higher' }
		);
		targets.set(
			{ id: userId },
			{ indicator: 'withinSla', calendar: 'gregorian', year: 2026, value: 0.9, direction: 'higher' }
		);
		const rep = buildReport(Q3, NOW);
		expect(rep.summary.en).toEqual([
			'satisfaction rose 4 points to 88%, above target',
			'12% of requests breached the two-week promise, mostly letters'
		]);
		expect(rep.summary.ar).toEqual([
			'ارتفع الرضا 4 نقاط إلى 88٪، أعلى من المستهدف',
			'12٪ من الطلبات تجاوزت مهلة الأسبوعين، أغلبها من الخطابات'
		]);
		const sla = rep.indicators.find((r) => r.key === 'withinSla')!;
		expect(sla).toMatchObject({
			n: 25,
			status: 'near',
			target: { value: 0.9, direction: 'higher' }
		});
		expect(sla.value).toBeCloseTo(0.88);
		const c = rep.indicators.find((r) => r.key === 'csat')!;
		expect(c.changePrevious).toBeCloseTo(0.04);
		expect(c.previous.n).toBe(50);
		expect(c.lastYear).toEqual({ value: null, n: 0 });
	});
});

describe('report contents', () => {
	it('change vs the same quarter last year; top and bottom programs need enough answers', () => {
		many('2025-08-10', 20, 10); // Q3 2025: 50%
		many('2026-08-10', 20, 18, pA); // 90%
		many('2026-08-11', 10, 5, pB); // 50%
		many('2026-08-12', 4, 4, pC); // too few to rank
		const rep = buildReport(Q3, NOW);
		const c = rep.indicators.find((r) => r.key === 'csat')!;
		expect(c.lastYear.n).toBe(20);
		expect(c.changeLastYear).toBeCloseTo((18 + 5 + 4) / 34 - 0.5);
		expect(rep.programs.top.map((p) => p.nameEn)).toEqual(['A']);
		expect(rep.programs.bottom.map((p) => p.nameEn)).toEqual(['B']);
	});
	it('satisfaction of stakeholders: n and 95% CI per segment, small cells withheld from the board', () => {
		many('2026-08-10', 6, 3); // no segment snapshot: direct beneficiaries
		for (const [segment, csat] of [
			['donor', 5],
			['donor', 4],
			['donor', 4],
			['donor', 5],
			['donor', 3],
			['volunteer', 2],
			['volunteer', 4]
		] as const)
			sql(
				`insert into response (program_id, survey_version_id, submitted_at, local_date, answers, csat, segment) values (null, ?, ?, '2026-08-11', '{}', ?, ?)`,
				version,
				ms('2026-08-11'),
				csat,
				segment
			);
		const rows = buildReport(Q3, NOW).stakeholders;
		expect(rows.map((r) => [r.key, r.n, r.small])).toEqual([
			['beneficiary', 6, false],
			['donor', 5, false],
			['volunteer', 2, true]
		]);
		const donor = rows[1];
		expect(donor.nameEn).toBe('Donor');
		expect(donor.mean).toBeCloseTo(4.2);
		expect(donor.low!).toBeLessThan(4.2);
		expect(donor.high!).toBeGreaterThan(4.2);
		expect(donor.csat).toBeCloseTo(0.8);
		expect(rows[2].mean).toBe(3); // quality sees it, flagged
		const board = buildReport(Q3, NOW, { cells: 'hide' }).stakeholders;
		expect(board[2]).toMatchObject({
			key: 'volunteer',
			n: null,
			mean: null,
			low: null,
			csat: null
		});
		expect(board[1].n).toBe(5);
	});
	it('three representative comments around the median, long enough, no personal data', () => {
		resp('2026-07-05', 5, pA, 'الخدمة ممتازة والموظفون متعاونون جدًا، شكرًا لكم');
		resp('2026-07-06', 4, pA, 'جيد لكن الانتظار طويل قليلًا عند الاستقبال صباحًا');
		resp('2026-07-07', 4, pB, 'اتصلوا بي على 0551234567 لأن الموعد تأخر كثيرًا جدًا');
		resp('2026-07-08', 4, pB, 'قصير');
		resp('2026-07-09', 1, pB, 'سيئ جدًا لم يرد علي أحد طوال أسبوعين من الانتظار');
		resp('2026-07-10', 3, pB, 'متوسط، المعاملة أخذت وقتًا أطول من المتوقع بكثير');
		resp('2026-07-11', 4, pA, 'جيد لكن الانتظار طويل قليلًا عند الاستقبال صباحًا'); // same words again: shown once
		const cs = representativeComments(quarterRange(Q3));
		expect(cs).toHaveLength(3);
		expect(cs.slice(0, 2).map((c) => c.csat)).toEqual([4, 4]); // the median score first
		expect(cs.every((c) => c.csat !== 1 && c.text.length >= 30)).toBe(true);
		expect(new Set(cs.map((c) => c.text)).size).toBe(3);
		expect(cs.map((c) => c.text).join(' ')).not.toMatch(/0551234567/);
		expect(cs.some((c) => c.text.includes('[رقم جوال]'))).toBe(true);
		expect(representativeComments(quarterRange(Q3))).toEqual(cs); // deterministic
		expect(scrub('mail me at a.b@example.com or +966 55 123 4567')).toBe(
			'mail me at [email] or [mobile number]'
		);
	});
	it('fingerprints the figures: a review is flagged when data change later', () => {
		many('2026-08-10', 20, 18);
		const fp = markReviewed({ id: userId }, Q3, 'ملاحظات المجلس', NOW);
		expect(buildReport(Q3, NOW).fingerprint).toBe(fp);
		expect(getReview(Q3)).toMatchObject({
			notes: 'ملاحظات المجلس',
			reviewedBy: userId,
			reviewerName: 'Board',
			fingerprint: fp
		});
		resp('2026-08-11', 1, pA);
		expect(buildReport(Q3, NOW).fingerprint).not.toBe(fp);
	});
});

describe('improvement actions', () => {
	it('records the baseline when opened and the after-value (with n) when done; overdue; in the quarter report', () => {
		many('2026-06-10', 20, 12, pA); // baseline window before 2026-07-01: 60%
		many('2026-08-10', 20, 18, pA); // after: 90%
		many('2026-08-10', 20, 2, pB); // another program: not counted
		const id = actions.create(
			{ id: userId },
			{
				title: 'Shorter queue',
				description: 'Second desk',
				source: 'program',
				sourceRef: String(pA),
				ownerId: userId,
				dueDate: '2026-08-31',
				indicator: 'csat',
				programId: pA
			},
			new Date('2026-07-01T09:00:00Z')
		);
		let a = actions.get(id)!;
		expect(a).toMatchObject({
			status: 'open',
			baselineN: 20,
			baselineFrom: '2026-04-02',
			baselineTo: '2026-07-01'
		});
		expect(a.baselineValue).toBeCloseTo(0.6);
		expect(actions.overdue(new Date('2026-09-05T09:00:00Z')).map((x) => x.id)).toEqual([id]);
		expect(actions.overdue(new Date('2026-08-30T09:00:00Z'))).toEqual([]);
		actions.update({ id: userId }, id, { status: 'in_progress' }, new Date('2026-07-15T09:00:00Z'));
		actions.update({ id: userId }, id, { status: 'done' }, new Date('2026-09-20T09:00:00Z'));
		a = actions.get(id)!;
		expect(a).toMatchObject({
			status: 'done',
			afterN: 20,
			afterFrom: '2026-07-01',
			afterTo: '2026-09-20'
		});
		expect(a.afterValue).toBeCloseTo(0.9);
		expect(actions.overdue(new Date('2026-10-05T09:00:00Z'))).toEqual([]);
		const rep = buildReport(Q3, NOW);
		expect(rep.actions.opened.map((x) => x.id)).toEqual([id]);
		expect(rep.actions.closed.map((x) => x.id)).toEqual([id]);
		expect(rep.actions.running).toEqual([]);
	});
});

describe('charts', () => {
	it('render on the server as SVG, mirrored in Arabic, with the target line', async () => {
		const { chartSvg } = await import('./charts');
		many('2026-08-10', 20, 18, pA);
		many('2026-08-10', 20, 8, pB);
		targets.set(
			{ id: userId },
			{ indicator: 'csat', calendar: 'gregorian', year: 2026, value: 0.85, direction: 'higher' }
		);
		const ar = chartSvg('csat', Q3, 'ar');
		expect(ar.startsWith('<svg')).toBe(true);
		expect(ar).toContain('الثالث');
		expect(ar).toContain('المستهدف');
		expect(ar).toContain('65٪'); // (18 + 8) / 40
		const en = chartSvg('programs', Q3, 'en');
		expect(en).toContain('>A<');
		expect(en).toContain('>B<');
		expect(chartSvg('sla', Q3, 'en')).toContain('Q3');
	});
});
