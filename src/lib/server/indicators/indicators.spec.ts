import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import { refreshRollups } from './rollup';
import { startOfLocalDay } from '../../dates';
import {
	aspects,
	channelMix,
	channelSeries,
	csat,
	decisionDistribution,
	durations,
	indirectReach,
	loadOverview,
	medianTimeToDecision,
	nps,
	openOverdue,
	p90TimeToDecision,
	parseFilters,
	reachSeries,
	responseRate,
	responseRateByProgram,
	satisfaction,
	satisfactionByProgram,
	satisfactionTrend,
	slaTrend,
	withinSla,
	type Filters
} from './index';

const ctx = useTestDb();
const S = { calendar: 'gregorian' as const, timeZone: 'Asia/Riyadh' };
const NOW = new Date('2026-11-25T09:00:00Z');
const DAY = 86_400_000;
const F = (q: string): Filters => parseFilters(new URL('http://x/dashboard?' + q), S, NOW);
/** October 2026; comparison (previous) = the 31 days before: 2026-08-31 … 2026-09-30. */
const OCT = 'from=2026-10-01&to=2026-11-01';
const ms = (date: string, hours = 10) =>
	startOfLocalDay(date, 'Asia/Riyadh').getTime() + hours * 3_600_000;

function sql(s: string, ...p: unknown[]) {
	return ctx.db.$client.prepare(s).run(...p);
}
function wipe() {
	for (const t of [
		'answer_theme',
		'answer_text',
		'response_aspect',
		'response',
		'invitation',
		'request_event',
		'request',
		'channel',
		'site_day',
		'social_reach',
		'social_platform',
		'site',
		'survey_version',
		'program',
		'beneficiary'
	])
		sql(`delete from ${t}`);
}
let program1 = 0;
let program2 = 0;
let version = 0;
function base() {
	wipe();
	version = Number(
		sql(
			`insert into survey_version (survey_id, hash, definition) values ('post-program', 'h1', '{}')`
		).lastInsertRowid
	);
	program1 = Number(
		sql(
			`insert into program (name_ar, name_en, kind, start_date, end_date, survey_id) values ('أ', 'A', 'program', '2026-01-01', '2026-12-31', 'post-program')`
		).lastInsertRowid
	);
	program2 = Number(
		sql(
			`insert into program (name_ar, name_en, kind, start_date, end_date, survey_id) values ('ب', 'B', 'program', '2026-01-01', '2026-12-31', 'post-program')`
		).lastInsertRowid
	);
}
function resp(
	date: string,
	csatV: number | null,
	npsV: number | null,
	extra: {
		program?: number;
		gender?: string;
		channel?: string;
		aspects?: Record<string, number>;
		comment?: string;
	} = {}
) {
	const id = Number(
		sql(
			`insert into response (program_id, survey_version_id, submitted_at, local_date, answers, csat, nps, gender, channel, comment) values (?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)`,
			extra.program ?? program1,
			version,
			ms(date),
			date,
			csatV,
			npsV,
			extra.gender ?? null,
			extra.channel ?? null,
			extra.comment ?? null
		).lastInsertRowid
	);
	for (const [a, s] of Object.entries(extra.aspects ?? {}))
		sql(`insert into response_aspect (response_id, aspect, score) values (?, ?, ?)`, id, a, s);
	return id;
}
let chPhone = 0;
let chWeb = 0;
function channels() {
	chPhone = Number(
		sql(`insert into channel (key, name_ar, name_en, sort) values ('phone', 'الهاتف', 'Phone', 1)`)
			.lastInsertRowid
	);
	chWeb = Number(
		sql(`insert into channel (key, name_ar, name_en, sort) values ('web', 'الموقع', 'Website', 2)`)
			.lastInsertRowid
	);
}
let code = 0;
/** A request received on `date` 10:00, decided after `days` days (null = open), due after `due` days. */
function req(
	date: string,
	days: number | null,
	opts: { due?: number; channel?: number; closedAfter?: number } = {}
) {
	const received = ms(date);
	sql(
		`insert into request (code, channel_id, kind, subject, received_at, received_local_date, status, due_at, decided_at, decision, closed_at) values (?, ?, 'support', 's', ?, ?, ?, ?, ?, ?, ?)`,
		'c' + ++code,
		opts.channel ?? chPhone,
		received,
		date,
		days == null ? 'received' : 'decided',
		received + (opts.due ?? 14) * DAY,
		days == null ? null : received + days * DAY,
		days == null ? null : 'accepted',
		opts.closedAfter == null ? null : received + opts.closedAfter * DAY
	);
}

describe('filters', () => {
	it('defaults to the last 12 months plus this one, compared with the previous period', () => {
		const f = F('');
		expect(f).toMatchObject({
			preset: 'last12',
			from: '2025-11-01',
			to: '2026-11-26',
			compare: 'previous',
			grain: 'month'
		});
	});
	it('parses presets in Gregorian and Hijri calendars', () => {
		expect(F('preset=lastMonth')).toMatchObject({ from: '2026-10-01', to: '2026-11-01' });
		expect(F('preset=thisQuarter')).toMatchObject({ from: '2026-10-01', to: '2026-11-26' });
		expect(F('preset=lastQuarter')).toMatchObject({ from: '2026-07-01', to: '2026-10-01' });
		expect(F('preset=ytd')).toMatchObject({ from: '2026-01-01', to: '2026-11-26' });
		// 2026-11-25 = 15 Jumada II 1448: Hijri this month starts 1 Jumada II 1448.
		const h = parseFilters(new URL('http://x/?preset=thisMonth'), { ...S, calendar: 'hijri' }, NOW);
		expect(h.from).toBe('2026-11-11');
		const hq = parseFilters(
			new URL('http://x/?preset=lastQuarter'),
			{ ...S, calendar: 'hijri' },
			NOW
		);
		// Hijri Q1 1448 (Muharram–Rabi I) precedes Q2 (Rabi II–Jumada II).
		expect(hq.to > hq.from).toBe(true);
	});
	it('rejects invalid input and falls back; accepts Arabic-Indic digits', () => {
		expect(F('from=2026-02-30&to=2026-03-01').preset).toBe('last12');
		expect(F('from=2026-05-01&to=2026-04-01').preset).toBe('last12');
		expect(F('from=٢٠٢٦-١٠-٠١&to=٢٠٢٦-١١-٠١')).toMatchObject({
			from: '2026-10-01',
			to: '2026-11-01'
		});
		// the form's inclusive `until`
		expect(F('from=2026-10-01&until=2026-10-31')).toMatchObject({
			preset: 'custom',
			from: '2026-10-01',
			to: '2026-11-01'
		});
		// a preset wins over stray dates
		expect(F('preset=lastMonth&from=2020-01-01&until=2020-01-31')).toMatchObject({
			from: '2026-10-01',
			to: '2026-11-01'
		});
		expect(F('program=abc&gender=x&channel=a%20b').program).toBeNull();
		expect(F('gender=x').gender).toBeNull();
		expect(F('channel=a%20b').channel).toBeNull();
	});
});

describe('response indicators', () => {
	beforeEach(() => base());

	it('are null with n = 0 on an empty period', () => {
		const f = F(OCT);
		expect(csat(f)).toEqual({ value: null, n: 0, comparison: { value: null, n: 0 } });
		expect(satisfaction(f).value).toBeNull();
		expect(nps(f).value).toBeNull();
		expect(aspects(f).value).toEqual([]);
		expect(satisfactionTrend(f)).toEqual([
			{
				key: '2026-10',
				from: '2026-10-01',
				to: '2026-11-01',
				n: 0,
				mean: null,
				low: null,
				high: null,
				csat: null
			}
		]);
	});

	it('CSAT = share of 4–5, with the previous period as comparison', () => {
		for (const c of [5, 4, 3, 2, 1]) resp('2026-10-15', c, null);
		resp('2026-11-01', 1, null); // outside (to is exclusive)
		resp('2026-09-30', 5, null); // comparison period
		resp('2026-08-30', 1, null); // before the comparison period
		const r = csat(F(OCT));
		expect(r).toEqual({ value: 0.4, n: 5, comparison: { value: 1, n: 1 } });
		// same period last year
		resp('2025-10-10', 4, null);
		resp('2025-10-11', 2, null);
		expect(csat(F(OCT + '&compare=lastYear')).comparison).toEqual({ value: 0.5, n: 2 });
	});

	it('mean satisfaction: n = 1 has no interval; identical answers a zero-width one; the bounds stay on the 1–5 scale', () => {
		resp('2026-10-02', 4, null);
		let s = satisfaction(F(OCT));
		expect(s.value).toBe(4);
		expect(s.ci).toMatchObject({ n: 1, low: null, high: null });
		resp('2026-10-03', 4, null);
		resp('2026-10-04', 4, null);
		s = satisfaction(F(OCT));
		expect(s.ci.low).toBeCloseTo(4);
		expect(s.ci.high).toBeCloseTo(4);
		base();
		resp('2026-10-02', 1, null);
		resp('2026-10-02', 5, null);
		s = satisfaction(F(OCT));
		expect(s.value).toBe(3);
		// sd = 2.83, half-width 3.92 → clamped to the scale
		expect(s.ci.low).toBe(1);
		expect(s.ci.high).toBe(5);
	});

	it('mean satisfaction CI matches the textbook value', () => {
		// 1,2,3,4,5 → mean 3, sd = √2.5, half = 1.95996·√2.5/√5 = 1.38590
		for (const c of [1, 2, 3, 4, 5]) resp('2026-10-05', c, null);
		const s = satisfaction(F(OCT));
		expect(s.ci.low).toBeCloseTo(3 - 1.3859, 3);
		expect(s.ci.high).toBeCloseTo(3 + 1.3859, 3);
	});

	it('NPS from promoters, passives and detractors (boundaries 6/7 and 8/9)', () => {
		for (const v of [10, 9, 8, 7, 6, 0]) resp('2026-10-10', null, v);
		resp('2026-09-20', null, 10);
		const r = nps(F(OCT));
		expect(r.value).toBe(0);
		expect(r.n).toBe(6);
		expect(r.composition).toEqual({ promoters: 2, passives: 2, detractors: 2 });
		expect(r.comparison).toEqual({ value: 100, n: 1 });
	});

	it('aspect scores, lowest first, with comparison', () => {
		resp('2026-10-10', 4, null, { aspects: { courtesy: 5, speed: 2 } });
		resp('2026-10-11', 4, null, { aspects: { courtesy: 4, speed: 3 } });
		resp('2026-09-11', 4, null, { aspects: { speed: 1 } });
		const a = aspects(F(OCT)).value;
		expect(a.map((x) => x.aspect)).toEqual(['speed', 'courtesy']);
		expect(a[0]).toMatchObject({ mean: 2.5, n: 2, comparison: { mean: 1, n: 1 } });
		expect(a[1]).toMatchObject({ mean: 4.5, n: 2, comparison: { mean: null, n: 0 } });
	});

	it('filters by program and respondent attributes; trend by month and by program', () => {
		resp('2026-09-10', 5, null, { program: program1, gender: 'female' });
		resp('2026-10-10', 2, null, { program: program2, gender: 'male' });
		resp('2026-10-11', 4, null, { program: program1, gender: 'female' });
		expect(satisfaction(F(OCT + `&program=${program1}`)).value).toBe(4);
		expect(satisfaction(F(OCT + '&gender=male')).value).toBe(2);
		const wide = F('from=2026-09-01&to=2026-11-01');
		expect(satisfactionTrend(wide).map((p) => [p.key, p.n, p.mean])).toEqual([
			['2026-09', 1, 5],
			['2026-10', 2, 3]
		]);
		expect(satisfactionByProgram(wide).map((p) => [p.nameEn, p.n, p.mean])).toEqual([
			['B', 1, 2],
			['A', 2, 4.5]
		]);
		const q = satisfactionTrend(F('from=2026-09-01&to=2026-11-01&grain=quarter'));
		expect(q.map((p) => [p.key, p.n])).toEqual([
			['2026-Q3', 1],
			['2026-Q4', 2]
		]);
	});
});

describe('response rate', () => {
	beforeEach(() => base());
	function inv(
		date: string,
		opts: { delivered?: boolean; completed?: boolean; program?: number } = {}
	) {
		sql(
			`insert into invitation (program_id, survey_version_id, token_hash, created_at, expires_at, delivered_at, completed_at) values (?, ?, ?, ?, ?, ?, ?)`,
			opts.program ?? program1,
			version,
			't' + Math.random(),
			ms(date),
			ms(date) + 30 * DAY,
			opts.delivered ? ms(date) + 3_600_000 : null,
			opts.completed ? ms(date) + 7_200_000 : null
		);
	}
	it('counts created invitations as delivered until delivery is recorded, then only delivered ones', () => {
		expect(responseRate(F(OCT)).value).toBeNull();
		inv('2026-10-01', { completed: true });
		inv('2026-10-02');
		inv('2026-10-03', { program: program2 });
		inv('2026-10-04');
		expect(responseRate(F(OCT))).toMatchObject({ value: 0.25, n: 4 });
		inv('2026-10-05', { delivered: true, completed: true });
		inv('2026-10-06', { delivered: true });
		// delivery tracking exists now: only the two delivered invitations count
		expect(responseRate(F(OCT))).toMatchObject({ value: 0.5, n: 2 });
		expect(responseRateByProgram(F(OCT)).map((r) => [r.nameEn, r.delivered, r.completed])).toEqual([
			['A', 2, 1]
		]);
	});
});

describe('request indicators', () => {
	beforeEach(() => {
		base();
		channels();
	});
	it('empty period: no median, no share, nothing overdue', () => {
		const f = F(OCT);
		expect(durations(f, f)).toEqual({ n: 0, median: null, p90: null });
		expect(withinSla(f).value).toBeNull();
		expect(openOverdue(f, NOW.getTime()).value).toBe(0);
	});
	it('median and p90 (even n, odd n, n = 1, ties)', () => {
		req('2026-09-25', 10); // decided 2026-10-05, in October
		req('2026-10-01', 2);
		req('2026-10-01', 3);
		req('2026-10-01', 4);
		let f = F(OCT);
		// 2, 3, 4, 10 → median (3+4)/2 = 3.5; p90 = ⌈3.6⌉ = 4th = 10
		expect(medianTimeToDecision(f)).toMatchObject({ value: 3.5, n: 4 });
		expect(p90TimeToDecision(f).value).toBe(10);
		req('2026-10-02', 3);
		f = F(OCT);
		// 2, 3, 3, 4, 10 → median 3; p90 = 5th = 10
		expect(durations(f, f)).toEqual({ n: 5, median: 3, p90: 10 });
		base();
		channels();
		req('2026-10-02', 7);
		f = F(OCT);
		expect(durations(f, f)).toEqual({ n: 1, median: 7, p90: 7 });
		for (let i = 0; i < 9; i++) req('2026-10-03', 7);
		req('2026-10-03', 1);
		f = F(OCT);
		// eleven values: 1 and ten 7s → median 7, p90 = ⌈9.9⌉ = 10th = 7
		expect(durations(f, f)).toEqual({ n: 11, median: 7, p90: 7 });
		expect(decisionDistribution(f)).toEqual([
			{ days: 1, count: 1 },
			{ days: 7, count: 10 }
		]);
	});
	it('within SLA: decided_at <= due_at, exactly at due counts as within', () => {
		req('2026-10-01', 14, { due: 14 });
		req('2026-10-01', 5, { due: 14 });
		req('2026-10-01', 20, { due: 14 });
		req('2026-09-01', 20, { due: 14 }); // decided 2026-09-21: previous period
		const r = withinSla(F(OCT));
		expect(r.value).toBeCloseTo(2 / 3);
		expect(r.n).toBe(3);
		expect(r.comparison).toEqual({ value: 0, n: 1 });
		expect(slaTrend(F('from=2026-09-01&to=2026-11-01')).map((p) => [p.key, p.n, p.within])).toEqual(
			[
				['2026-09', 1, 0],
				['2026-10', 3, 2]
			]
		);
	});
	it('open overdue as of the end of the period', () => {
		req('2026-10-01', null, { due: 14 }); // open, due 10-15 → overdue at 11-01
		req('2026-10-25', null, { due: 14 }); // open, due 11-08 → not yet at 11-01
		req('2026-10-01', 40, { due: 14 }); // decided 11-10: still open and overdue at 11-01
		req('2026-10-01', 3); // decided in time
		req('2026-10-01', null, { closedAfter: 2 }); // closed without decision: not open
		const r = openOverdue(F(OCT), NOW.getTime());
		expect(r).toMatchObject({ value: 2, n: 3 });
		// at the end of September none of them existed
		expect(r.comparison).toEqual({ value: 0, n: 0 });
	});
	it('channel mix of requests and respondents, and its series', () => {
		req('2026-10-01', 1, { channel: chPhone });
		req('2026-10-02', 1, { channel: chPhone });
		req('2026-10-03', 1, { channel: chWeb });
		req('2026-09-03', 1, { channel: chWeb });
		resp('2026-10-04', 5, null, { channel: 'web' });
		resp('2026-10-04', 5, null, { channel: 'walk_in' });
		// A checkbox channel question: each ticked channel counts (response_dimension rows).
		const both = resp('2026-10-05', 4, null, { channel: 'web' });
		for (const c of ['web', 'phone'])
			sql(
				`insert into response_dimension (response_id, key, value) values (?, 'channel', ?)`,
				both,
				c
			);
		const m = channelMix(F(OCT));
		expect(m.n).toBe(3);
		expect(m.comparison.n).toBe(1);
		expect(m.value.map((r) => [r.key, r.requests, r.respondents])).toEqual([
			['phone', 2, 1],
			['web', 1, 2],
			['walk_in', 0, 1]
		]);
		// The same through the daily rollups, and by program (which bypasses them).
		refreshRollups({ verify: true });
		expect(channelMix(F(OCT)).value.map((r) => r.respondents)).toEqual([1, 2, 1]);
		expect(channelMix(F(OCT + `&program=${program1}`)).value.map((r) => r.respondents)).toEqual([
			1, 2, 1
		]);
		expect(withinSla(F(OCT + '&channel=web')).n).toBe(1);
		const s = channelSeries(F('from=2026-09-01&to=2026-11-01'));
		expect(s.keys).toEqual(['2026-09', '2026-10']);
		expect(s.channels.map((c) => [c.key, c.counts])).toEqual([
			['phone', [0, 2]],
			['web', [1, 1]]
		]);
	});
});

describe('indirect reach', () => {
	beforeEach(() => base());
	it('adds daily-unique visitors and each platform reach at its finest granularity; never impressions', () => {
		expect(indirectReach(F(OCT))).toMatchObject({ value: 0, n: 0 });
		const site = Number(
			sql(`insert into site (key, name, origins) values ('main', 'Main', '[]')`).lastInsertRowid
		);
		sql(
			`insert into site_day (site_id, day, views, visitors) values (?, '2026-10-01', 500, 100), (?, '2026-10-02', 90, 50), (?, '2026-09-15', 10, 7)`,
			site,
			site,
			site
		);
		sql(
			`insert into social_platform (key, name_ar, name_en) values ('x', 'إكس', 'X'), ('facebook', 'فيسبوك', 'Facebook')`
		);
		sql(
			`insert into social_reach (platform, period_kind, period_start, reach, impressions) values
			 ('facebook', 'day', '2026-10-01', 10, 1000), ('facebook', 'day', '2026-10-20', 20, 1000), ('facebook', 'month', '2026-10-01', 999, 9999),
			 ('x', 'month', '2026-10-01', 40, 400)`
		);
		const r = indirectReach(F(OCT));
		expect(r.value).toBe(150 + 30 + 40);
		expect(r.website).toBe(150);
		expect(r.impressions).toBe(2400);
		expect(r.platforms.map((p) => [p.key, p.reach])).toEqual([
			['x', 40],
			['facebook', 30]
		]);
		expect(r.comparison.value).toBe(7);
		const s = reachSeries(F('from=2026-09-01&to=2026-11-01'));
		expect(s.website).toEqual([7, 150]);
		expect(s.platforms.find((p) => p.key === 'facebook')!.reach).toEqual([0, 30]);
	});
});

describe('overview', () => {
	beforeEach(() => base());
	it('omits panels whose source is empty and fills the rest', () => {
		resp('2026-10-01', 5, 10, { aspects: { courtesy: 5 } });
		const o = loadOverview(F(OCT), 14, NOW.getTime());
		expect(o.sources).toMatchObject({ responses: true, requests: false, website: false });
		expect(o.tiles.csat).toMatchObject({ value: 1, n: 1 });
		expect(o.tiles.withinSla).toBeNull();
		expect(o.panels.distribution).toBeNull();
		expect(o.panels.aspects).toHaveLength(1);
	});
});

describe('overview cache', () => {
	beforeEach(() => base());
	it('serves the same figures until the data changes', async () => {
		const { cachedOverview } = await import('./index');
		resp('2026-10-01', 5, 10);
		const a = cachedOverview(F(OCT), 14, NOW.getTime());
		expect(cachedOverview(F(OCT), 14, NOW.getTime())).toBe(a);
		resp('2026-10-02', 1, 0);
		const b = cachedOverview(F(OCT), 14, NOW.getTime());
		expect(b).not.toBe(a);
		expect(b.tiles.csat).toMatchObject({ value: 0.5, n: 2 });
		// and never longer than the TTL
		expect(cachedOverview(F(OCT), 14, NOW.getTime() + 61_000)).not.toBe(b);
	});
});
