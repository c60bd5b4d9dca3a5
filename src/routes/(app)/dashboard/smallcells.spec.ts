/**
 * Small cells, through the routes as SvelteKit calls them (real DB, real guard): a figure or
 * a list resting on fewer than 5 people is withheld from the board and flagged for quality,
 * so filtering by a small program, a gender, an age band or a city cannot point at a person.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '$lib/server/testing';
import { recordPending } from '$lib/server/voices';
import { clearOverviewCache, type Overview as RawOverview } from '$lib/server/indicators';
import type { CellReport } from '$lib/server/indicators/smallCells';
import { DEFAULT_TIME_ZONE, localDate, quarterOf } from '$lib/dates';
import { load as loadDashboard } from './+page.server';
import { GET as exportPanel } from './export/+server';
import { load as loadResponses } from './responses/+page.server';
import { load as loadComments } from './comments/+page.server';
import { load as loadPrograms } from '../programs/+page.server';
import { load as loadReport } from '../reports/[year]/[quarter]/+page.server';
import { load as loadActions } from '../actions/+page.server';

const ctx = useTestDb();
const sql = (s: string, ...p: unknown[]) => ctx.db.$client.prepare(s).run(...p);

type Role = 'admin' | 'quality' | 'relations' | 'board';
function event(role: Role, url: string, params: Record<string, string> = {}) {
	const id = Number(
		sql(
			`insert into user (email, name, role) values (?, ?, ?)`,
			`${role}${Math.random()}@x`,
			role,
			role
		).lastInsertRowid
	);
	return {
		locals: { user: { id, role, name: role, email: 'x' }, locale: 'ar' },
		url: new URL('http://x' + url),
		params,
		getClientAddress: () => '127.0.0.1'
	} as never;
}

let small = 0;
let big = 0;
const today = localDate(new Date(), DEFAULT_TIME_ZONE);

beforeAll(() => {
	const v = Number(
		sql(`insert into survey_version (survey_id, hash, definition) values ('p', 'h', '{}')`)
			.lastInsertRowid
	);
	const prog = (name: string) =>
		Number(
			sql(
				`insert into program (name_ar, name_en, kind, start_date, end_date, survey_id, status) values (?, ?, 'program', '2026-01-01', '2026-01-02', 'p', 'ended')`,
				name,
				name
			).lastInsertRowid
		);
	small = prog('برنامج صغير جدا');
	big = prog('برنامج كبير');
	const resp = (p: number, csat: number, gender: string, city: string, comment: string | null) =>
		sql(
			`insert into response (program_id, survey_version_id, submitted_at, local_date, answers, csat, nps, gender, city, comment) values (?, ?, ?, ?, ?, ?, 9, ?, ?, ?)`,
			p,
			v,
			Date.now(),
			today,
			JSON.stringify(comment ? { suggestion: comment } : {}),
			csat,
			gender,
			city,
			comment
		);
	// three women in Tabuk in the small program: each said something
	resp(small, 1, 'female', 'تبوك', 'لم يعجبني التعامل في الاستقبال ولا طول الانتظار أبدًا');
	resp(small, 2, 'female', 'تبوك', 'المكان بعيد جدًا عن الحي ولا توجد مواصلات مناسبة أبدًا');
	resp(small, 5, 'female', 'تبوك', 'شكرًا لكم على كل شيء، البرنامج مفيد جدًا لي ولأسرتي');
	for (let i = 0; i < 10; i++) resp(big, 4, 'male', 'الرياض', null);
	recordPending(); // the written answers, as start-up does for rows stored directly
	// two decided requests this quarter: within-SLA rests on two people
	const ch = Number(
		sql(`insert into channel (key, name_ar, name_en) values ('phone', 'هاتف', 'Phone')`)
			.lastInsertRowid
	);
	for (let i = 0; i < 2; i++)
		sql(
			`insert into request (code, channel_id, kind, subject, received_at, received_local_date, due_at, decided_at, decision, status) values (?, ?, 'support', 's', ?, ?, ?, ?, 'accepted', 'decided')`,
			`SMAL-000${i}`,
			ch,
			Date.now() - 3_600_000,
			today,
			Date.now() + 86_400_000,
			Date.now() - 60_000
		);
	clearOverviewCache();
});

type Overview = RawOverview & { cells: CellReport };

describe('dashboard figures', () => {
	it('filtered to a small program: withheld from the board, flagged for quality', async () => {
		const url = `/dashboard?program=${small}`;
		const board = ((await loadDashboard(event('board', url))) as { overview: Overview }).overview;
		expect(board.tiles.csat).toMatchObject({ value: null, n: 0 });
		expect(board.tiles.satisfaction).toMatchObject({ value: null, n: 0 });
		expect(board.tiles.nps).toMatchObject({ value: null, n: 0 });
		// the month with three answers is blanked; nothing in the series gives it away
		expect(board.panels.trend!.some((x) => x.withheld)).toBe(true);
		expect(board.panels.trend!.every((x) => x.mean === null && x.n === 0)).toBe(true);
		expect(board.panels.nps).toBeNull();
		expect(board.cells).toMatchObject({ mode: 'hide', min: 5 });
		expect(board.cells.tiles).toEqual(expect.arrayContaining(['csat', 'satisfaction', 'nps']));
		expect(JSON.stringify(board.panels.byProgram)).not.toContain('برنامج صغير');

		const quality = ((await loadDashboard(event('quality', url))) as { overview: Overview })
			.overview;
		expect(quality.tiles.csat).toMatchObject({ n: 3 });
		expect(quality.tiles.csat!.value).toBeCloseTo(1 / 3);
		expect(quality.cells).toMatchObject({ mode: 'warn' });
		expect(quality.cells.tiles).toContain('csat');
	});

	it('a gender and city filter narrowing to three people: the same', async () => {
		const url = `/dashboard?gender=female&city=${encodeURIComponent('تبوك')}`;
		const board = ((await loadDashboard(event('board', url))) as { overview: Overview }).overview;
		expect(board.tiles.csat).toMatchObject({ value: null, n: 0 });
		expect(board.panels.byProgram).toEqual([]);
	});

	it('unfiltered, the big program is shown and the small one is not a row for the board', async () => {
		const board = ((await loadDashboard(event('board', '/dashboard'))) as { overview: Overview })
			.overview;
		expect(board.tiles.csat).toMatchObject({ n: 13 });
		expect(board.panels.byProgram!.map((p) => p.programId)).toEqual([big]);
		const quality = (
			(await loadDashboard(event('quality', '/dashboard'))) as {
				overview: Overview;
			}
		).overview;
		expect(quality.panels.byProgram!.map((p) => p.programId).sort()).toEqual([small, big].sort());
		expect(quality.cells.panels).toContain('byProgram');
	});

	it('panel exports follow the same rule', async () => {
		const res = await exportPanel(event('board', '/dashboard/export?panel=byProgram&format=csv'));
		expect(await res.text()).not.toContain('برنامج صغير');
		const q = await exportPanel(event('quality', '/dashboard/export?panel=byProgram&format=csv'));
		expect(await q.text()).toContain('برنامج صغير');
	});
});

describe('drill-down lists', () => {
	it('three responses are not listed to the board, and listed with a warning to quality', async () => {
		for (const load of [loadResponses, loadComments]) {
			const url = `/dashboard/responses?program=${small}`;
			const b = (await load(event('board', url))) as {
				list: { rows: unknown[]; total: number; cells: { small: boolean; mode: string } };
			};
			expect(b.list.rows).toEqual([]);
			expect(b.list.cells).toMatchObject({ small: true, mode: 'hide' });
			expect(JSON.stringify(b)).not.toContain('الاستقبال');
			const q = (await load(event('quality', url))) as typeof b;
			expect(q.list.rows).toHaveLength(3);
			expect(q.list.cells).toMatchObject({ small: true, mode: 'warn' });
		}
	});
});

describe('programs and the board report', () => {
	it('the programs list withholds a satisfaction figure resting on three answers from the board', async () => {
		type Row = { id: number; csat: number | null };
		const b = (await loadPrograms(event('board', '/programs'))) as { programs: Row[] };
		expect(b.programs.find((p) => p.id === small)!.csat).toBeNull();
		expect(b.programs.find((p) => p.id === big)!.csat).toBe(1);
		const q = (await loadPrograms(event('quality', '/programs'))) as { programs: Row[] };
		expect(q.programs.find((p) => p.id === small)!.csat).toBeCloseTo(1 / 3);
	});

	it('the report withholds within-SLA over two requests and comments drawn from three people', async () => {
		const qt = quarterOf(today, 'gregorian');
		const params = { year: String(qt.year), quarter: String(qt.q) };
		type R = {
			indicators: { key: string; value: number | null; n: number }[];
			comments: unknown[];
			summary: { ar: string[] };
		};
		const b = (await loadReport(event('board', `/reports/${qt.year}/${qt.q}`, params))) as R;
		expect(b.indicators.find((r) => r.key === 'withinSla')).toMatchObject({ value: null, n: 0 });
		expect(b.indicators.find((r) => r.key === 'csat')!.n).toBe(13);
		expect(b.comments).toEqual([]);
		const q = (await loadReport(event('quality', `/reports/${qt.year}/${qt.q}`, params))) as R;
		expect(q.indicators.find((r) => r.key === 'withinSla')).toMatchObject({ value: 1, n: 2 });
		expect(q.comments.length).toBeGreaterThan(0);
	});

	it('an action measured on three people shows its values to quality only', async () => {
		sql(
			`insert into improvement_action (title, source, due_date, indicator, program_id, baseline_value, baseline_n) values ('تحسين', 'program', '2026-12-31', 'csat', ?, 0.33, 3)`,
			small
		);
		type A = { rows: { title: string; baselineValue: number | null; baselineN: number | null }[] };
		const b = (await loadActions(event('board', '/actions'))) as A;
		expect(b.rows.find((a) => a.title === 'تحسين')).toMatchObject({
			baselineValue: null,
			baselineN: null
		});
		const q = (await loadActions(event('quality', '/actions'))) as A;
		expect(q.rows.find((a) => a.title === 'تحسين')).toMatchObject({
			baselineValue: 0.33,
			baselineN: 3
		});
	});
});
