import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import { startOfLocalDay } from '../../dates';
import * as settings from '../settings';
import { MIN_PUBLIC, quarterFigures, transparency } from './transparency';

const ctx = useTestDb();
const sql = (s: string, ...p: unknown[]) => ctx.db.$client.prepare(s).run(...p);
const DAY = 86_400_000;
const ms = (date: string, hours = 10) =>
	startOfLocalDay(date, 'Asia/Riyadh').getTime() + hours * 3_600_000;
const Q3 = { calendar: 'gregorian' as const, year: 2026, q: 3 as const };
let version = 0;
let ch = 0;

beforeEach(() => {
	for (const t of [
		'improvement_action',
		'response',
		'request',
		'channel',
		'survey_version',
		'user'
	])
		sql(`delete from ${t}`);
	const u = Number(
		sql(`insert into user (email, name, role) values ('a@x', 'A', 'admin')`).lastInsertRowid
	);
	settings.update({ id: u }, { calendar: 'gregorian', timeZone: 'Asia/Riyadh', slaDays: 14 });
	version = Number(
		sql(`insert into survey_version (survey_id, hash, definition) values ('s', 'h', '{}')`)
			.lastInsertRowid
	);
	ch = Number(
		sql(`insert into channel (key, name_ar, name_en, sort) values ('phone', 'هاتف', 'Phone', 1)`)
			.lastInsertRowid
	);
});

function resp(date: string, csat: number) {
	sql(
		`insert into response (survey_version_id, submitted_at, local_date, answers, csat) values (?, ?, ?, '{}', ?)`,
		version,
		ms(date),
		date,
		csat
	);
}
let code = 0;
function req(date: string, days: number) {
	const r = ms(date);
	sql(
		`insert into request (code, channel_id, kind, subject, received_at, received_local_date, status, due_at, decided_at, decision) values (?, ?, 'support', 's', ?, ?, 'decided', ?, ?, 'accepted')`,
		'c' + ++code,
		ch,
		r,
		date,
		r + 14 * DAY,
		r + days * DAY
	);
}

describe('public figures', () => {
	it('exact values on a constructed quarter: 30 answers (20 fives, 10 fours), 30 decisions', () => {
		for (let i = 0; i < 20; i++) resp('2026-08-10', 5);
		for (let i = 0; i < 10; i++) resp('2026-08-11', 4);
		// 24 decided in 10 days, 6 in 20 days → 80 % within 14 days, median 10 days.
		for (let i = 0; i < 24; i++) req('2026-07-05', 10);
		for (let i = 0; i < 6; i++) req('2026-07-06', 20);
		const f = quarterFigures(Q3, 'Asia/Riyadh');
		expect(f.satisfaction.n).toBe(30);
		expect(f.satisfaction.enough).toBe(true);
		expect(f.satisfaction.value).toBeCloseTo(14 / 3, 10);
		// sd = sqrt((20·(1/3)² + 10·(2/3)²)/29) = sqrt(20/87); half-width = t(29)·sd/√30
		expect(f.satisfaction.low! < 14 / 3 && f.satisfaction.high! > 14 / 3).toBe(true);
		expect(f.satisfaction.high! - 14 / 3).toBeCloseTo(14 / 3 - f.satisfaction.low!, 10);
		expect(f.withinSla).toEqual({ value: 0.8, n: 30, enough: true });
		expect(f.medianDays).toEqual({ value: 10, n: 30, enough: true });
	});

	it(`fewer than ${MIN_PUBLIC} answers or decisions: not enough, no value, no interval`, () => {
		for (let i = 0; i < 29; i++) resp('2026-08-10', 5);
		for (let i = 0; i < 29; i++) req('2026-07-05', 3);
		const f = quarterFigures(Q3, 'Asia/Riyadh');
		expect(f.satisfaction).toEqual({ value: null, n: 29, enough: false, low: null, high: null });
		expect(f.withinSla).toEqual({ value: null, n: 29, enough: false });
		expect(f.medianDays).toEqual({ value: null, n: 29, enough: false });
	});

	it('only done actions staff published, with only their public wording and figures', () => {
		const add = (status: string, published: number, text: string) =>
			sql(
				`insert into improvement_action (title, description, source, due_date, status, indicator, baseline_value, baseline_n, after_value, after_n, closed_at, published, public_text_ar, public_text_en)
				 values ('عنوان داخلي', 'وصف داخلي', 'indicator', '2026-01-01', ?, 'withinSla', 0.5, 40, 0.8, 12, ?, ?, ?, '')`,
				status,
				ms('2026-06-01'),
				published,
				text
			);
		add('done', 1, 'قلتم ففعلنا');
		add('done', 0, 'غير منشور');
		add('in_progress', 1, 'لم ينته');
		const t = transparency(new Date(ms('2026-11-25')));
		expect(t.actions.map((a) => a.textAr)).toEqual(['قلتم ففعلنا']);
		expect(Object.keys(t.actions[0]).sort()).toEqual(
			['after', 'before', 'closedAt', 'id', 'indicator', 'textAr', 'textEn'].sort()
		);
		expect(t.actions[0].before).toEqual({ value: 0.5, n: 40, enough: true });
		expect(t.actions[0].after).toEqual({ value: null, n: 12, enough: false });
		expect(JSON.stringify(t)).not.toContain('داخلي');
		expect(t.quarters.map((q) => `${q.quarter.year}Q${q.quarter.q}`)).toEqual([
			'2025Q4',
			'2026Q1',
			'2026Q2',
			'2026Q3'
		]);
	});
});
