/**
 * The dashboard's request-category filter (`?type=`) on a real SQLite file: it narrows every
 * request indicator (within SLA, time to decision, open overdue, channel mix of requests, the
 * drill-down, the promises panel) and leaves response indicators alone; the overview cache keeps
 * one entry per category.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startOfLocalDay } from '../../dates';
import { promiseFigures } from '../requests/indicators';
import { useTestDb } from '../testing';
import { listRequests } from './drill';
import {
	cachedOverview,
	channelMix,
	csat,
	medianTimeToDecision,
	openOverdue,
	parseFilters,
	toSearchParams,
	withinSla,
	type Filters
} from './index';

const ctx = useTestDb();
const S = { calendar: 'gregorian' as const, timeZone: 'Asia/Riyadh' };
const NOW = new Date('2026-11-25T09:00:00Z');
const DAY = 86_400_000;
const OCT = 'from=2026-10-01&to=2026-11-01';
const F = (q: string): Filters => parseFilters(new URL('http://x/dashboard?' + q), S, NOW);
const ms = (date: string) => startOfLocalDay(date, 'Asia/Riyadh').getTime() + 10 * 3_600_000;
const run = (s: string, ...p: unknown[]) => ctx.db.$client.prepare(s).run(...p);

let support = 0;
let complaint = 0;
let code = 0;
/** A request of a type received on `date`, decided after `days` (null = open), due after `due`. */
function req(
	type: number,
	date: string,
	days: number | null,
	o: { due?: number; referredTo?: string; sector?: string } = {}
) {
	const received = ms(date);
	run(
		`insert into request (code, channel_id, kind, type_id, subject, received_at, received_local_date, status, due_at, decided_at, decision, referred_to, sector)
		 values (?, (select id from channel where key = 'phone'), ?, ?, 's', ?, ?, ?, ?, ?, ?, ?, ?)`,
		'T' + ++code,
		type === complaint ? 'complaint' : 'support',
		type,
		received,
		date,
		days == null ? 'received' : 'decided',
		received + (o.due ?? 14) * DAY,
		days == null ? null : received + days * DAY,
		days == null ? null : o.referredTo ? 'referred' : 'accepted',
		o.referredTo ?? null,
		o.sector ?? null
	);
}

beforeAll(() => {
	for (const t of ['request_notice', 'request_event', 'request', 'request_type', 'response'])
		run(`delete from ${t}`);
	run(
		`insert or ignore into channel (key, name_ar, name_en, sort) values ('phone', 'الهاتف', 'Phone', 1)`
	);
	support = Number(
		run(
			`insert into request_type (key, name_ar, name_en, kind, sla_days, sort) values ('support', 'طلب مساعدة', 'Support request', 'support', 14, 1)`
		).lastInsertRowid
	);
	complaint = Number(
		run(
			`insert into request_type (key, name_ar, name_en, kind, sla_days, complaint, sort) values ('complaint', 'شكوى', 'Complaint', 'complaint', 7, 1, 2)`
		).lastInsertRowid
	);
	// Support: 5 decided in October in 2, 4, 6, 8, 20 days (4 within 14 days), 1 open and overdue.
	for (const d of [2, 4, 6, 8]) req(support, '2026-10-05', d);
	req(support, '2026-10-06', 20, { referredTo: 'جمعية الإسكان' });
	req(support, '2026-10-02', null);
	// Complaints: 2 decided in October, late against their 7 days (10 and 15 days), none open.
	req(complaint, '2026-10-03', 10, { due: 7, sector: 'telecom' });
	req(complaint, '2026-10-04', 15, { due: 7, sector: 'telecom' });
	// A response: response figures ignore the request category.
	const version = run(
		`insert into survey_version (survey_id, hash, definition) values ('post-program', 'rt', '{}')`
	).lastInsertRowid;
	run(
		`insert into response (survey_version_id, submitted_at, local_date, answers, csat) values (?, ?, '2026-10-10', '{}', 5)`,
		version,
		ms('2026-10-10')
	);
});

describe('request category filter (?type=)', () => {
	it('is read from the URL and written back; junk is ignored', () => {
		expect(F(`type=${complaint}`).requestType).toBe(complaint);
		expect(F('type=abc').requestType).toBeNull();
		expect(F('type=-3').requestType).toBeNull();
		expect(toSearchParams(F(`${OCT}&type=${support}`)).get('type')).toBe(String(support));
		expect(toSearchParams(F(OCT)).has('type')).toBe(false);
	});

	it('narrows within SLA, time to decision, open overdue, channel mix and the drill-down', () => {
		const all = F(OCT);
		const sup = F(`${OCT}&type=${support}`);
		const com = F(`${OCT}&type=${complaint}`);
		expect(withinSla(all)).toMatchObject({ n: 7, value: 4 / 7 });
		expect(withinSla(sup)).toMatchObject({ n: 5, value: 4 / 5 });
		expect(withinSla(com)).toMatchObject({ n: 2, value: 0 });
		expect(medianTimeToDecision(sup).value).toBeCloseTo(6, 6);
		expect(medianTimeToDecision(com).value).toBeCloseTo(12.5, 6);
		expect(openOverdue(sup).value).toBe(1);
		expect(openOverdue(com)).toMatchObject({ value: 0, n: 0 });
		expect(channelMix(com).n).toBe(2);
		expect(channelMix(all).n).toBe(8);
		const list = listRequests(com, { decided: false, days: null, page: 1 });
		expect(list.total).toBe(2);
		expect(list.rows.every((r) => r.typeEn === 'Complaint')).toBe(true);
	});

	it('leaves response indicators alone', () => {
		expect(csat(F(`${OCT}&type=${complaint}`))).toEqual(csat(F(OCT)));
	});

	it('narrows the promises panel, with each type’s share within its SLA and median days', () => {
		const range = { from: '2026-10-01', to: '2026-11-01' };
		const every = promiseFigures(range);
		expect(every.byType.map((t) => [t.nameEn, t.n, t.decided])).toEqual([
			['Support request', 6, 5],
			['Complaint', 2, 2]
		]);
		expect(every.byType[0].withinSlaShare).toBeCloseTo(4 / 5, 9);
		expect(every.byType[0].medianDays).toBeCloseTo(6, 9);
		expect(every.byType[1].medianDays).toBeCloseTo(12.5, 9);
		expect(every.referralsTotal).toBe(1);
		const only = promiseFigures({ ...range, typeId: complaint });
		expect(only.byType.map((t) => t.nameEn)).toEqual(['Complaint']);
		expect(only.referralsTotal).toBe(0);
		expect(only.complaints).toMatchObject({ total: 2, decided: 2 });
		// `to` is exclusive, like the dashboard's filters: nothing from October on 1 November.
		expect(promiseFigures({ from: '2026-09-01', to: '2026-10-02' }).byType).toEqual([]);
		// The board: a figure resting on 1–4 requests is withheld (count, share, median).
		const board = promiseFigures(range, { withhold: true });
		expect(board.byType[0]).toMatchObject({ n: 6, decided: 5 });
		expect(board.byType[1]).toMatchObject({
			n: null,
			decided: null,
			withinSlaShare: null,
			medianDays: null
		});
		expect(board.referralsAcknowledgedShare).toBeNull();
		expect(board).toMatchObject({ referralsTotal: null, escalations: 0 }); // zero is shown
		expect(board.complaints).toMatchObject({
			total: null,
			decided: null,
			resolved: null,
			resolutionRate: null,
			medianDaysToResolution: null,
			referredToAuthority: 0
		});
	});

	it('keeps one cached overview per category', () => {
		const a = cachedOverview(F(`${OCT}&type=${support}`), 14);
		const b = cachedOverview(F(`${OCT}&type=${complaint}`), 14);
		expect(a.tiles.withinSla?.n).toBe(5);
		expect(b.tiles.withinSla?.n).toBe(2);
		expect(cachedOverview(F(`${OCT}&type=${support}`), 14)).toBe(a);
	});
});
