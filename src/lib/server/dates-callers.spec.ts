/**
 * Every caller uses the one dates module: days that do not exist are refused wherever a date
 * enters, Persian digits are read wherever Arabic-Indic ones are, and the association's
 * timeZone setting decides every local day and clock (server jobs and pages alike).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestDb } from './testing';
import * as settings from './settings';
import * as scheduler from './scheduler';
import { programSchema } from './programs/form';
import { filtersFromUrl } from './requests/forms';
import { parseQuarter } from './reports/params';
import { ActionForm } from './improvements/form';
import { normaliseDigits } from './surveys/engine';
import { int } from './validate';
import { actions as entryActions } from '../../routes/(app)/reach/entries/+page.server';
import { load as reachLoad } from '../../routes/(app)/reach/+page.server';
import { load as rootLoad } from '../../routes/+layout.server';

const ctx = useTestDb();
const setZone = (tz: string) => {
	settings.ensure();
	ctx.db.$client.prepare('update settings set time_zone = ?').run(tz);
};
afterEach(() => {
	setZone('Asia/Riyadh');
	vi.useRealTimers();
});

const newAdmin = () =>
	Number(
		ctx.db.$client
			.prepare(`insert into user (email, name, role) values (?, 'a', 'admin')`)
			.run(`admin${Math.random()}@x`).lastInsertRowid
	);

function adminEvent(url: string, form?: Record<string, string>) {
	const id = newAdmin();
	const body = new FormData();
	for (const [k, v] of Object.entries(form ?? {})) body.set(k, v);
	return {
		locals: { user: { id, role: 'admin', name: 'a', email: 'x' }, locale: 'ar' },
		url: new URL('http://x' + url),
		params: {},
		request: new Request('http://x' + url, { method: 'POST', body }),
		getClientAddress: () => '127.0.0.1'
	} as never;
}

describe('a day that does not exist is refused wherever a date enters', () => {
	it('program form', () => {
		const r = programSchema.safeParse({
			nameAr: 'أ',
			nameEn: 'A',
			kind: 'program',
			startDate: '2025-02-31',
			endDate: '2025-03-31',
			surveyId: 'post-program'
		});
		expect(r.success).toBe(false);
		expect(r.error?.issues.some((i) => i.path[0] === 'startDate')).toBe(true);
	});
	it('program form reads Arabic-Indic and Persian digits', () => {
		const r = programSchema.safeParse({ startDate: '٢٠٢٦-٠١-٠١', endDate: '۲۰۲۶-۰۲-۰۱' });
		const dateIssues = r.error?.issues.filter((i) =>
			['startDate', 'endDate'].includes(String(i.path[0]))
		);
		expect(dateIssues).toEqual([]);
	});
	it('request list filters', () => {
		const f = filtersFromUrl(new URL('http://x/requests?from=2025-02-31&to=2025-03-01'), 1);
		expect(f.from).toBeUndefined();
		expect(f.to).toBe('2025-03-01');
	});
	it('social reach entry', async () => {
		const out = (await entryActions.save(
			adminEvent('/reach/entries', {
				platform: 'x',
				periodKind: 'day',
				periodStart: '2025-02-31',
				reach: '10'
			})
		)) as { status: number; data: { errors: Record<string, string> } };
		expect(out.status).toBe(400);
		expect(out.data.errors.periodStart).toBe('errors.date');
	});
	it('improvement action due date', () => {
		const base = { title: 'x', source: 'indicator', indicator: 'csat' };
		expect(ActionForm.safeParse({ ...base, dueDate: '2025-02-31' }).success).toBe(false);
	});
});

describe('Persian digits are read wherever Arabic-Indic ones are', () => {
	it('report quarter in the URL', () => {
		expect(parseQuarter('۱۴۴۸', 'q۲', 'hijri')).toEqual({ calendar: 'hijri', year: 1448, q: 2 });
		expect(parseQuarter('٢٠٢٦', '٣', 'gregorian')).toEqual({
			calendar: 'gregorian',
			year: 2026,
			q: 3
		});
	});
	it('improvement action form (due date and ids)', () => {
		const r = ActionForm.safeParse({
			title: 'x',
			source: 'program',
			indicator: 'csat',
			programId: '۱۲',
			dueDate: '۲۰۲۶-۱۲-۰۱'
		});
		expect(r.success).toBe(true);
		expect(r.data).toMatchObject({ programId: 12, dueDate: '2026-12-01' });
	});
	it('survey answers and form integers', () => {
		expect(normaliseDigits('۴٫۵')).toBe('4.5');
		expect(int(0, 100).parse('۴۲')).toBe(42);
	});
});

describe("the association's timeZone setting decides local days and clocks", () => {
	it('every page gets the zone from the root layout', () => {
		setZone('Europe/London');
		expect(rootLoad({ locals: { locale: 'en' } } as never)).toEqual({
			locale: 'en',
			timeZone: 'Europe/London'
		});
	});
	it("the reach page's current month is the association's", async () => {
		vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-30T12:00:00Z') });
		setZone('Pacific/Kiritimati'); // UTC+14: already 1 December
		const data = (await reachLoad(adminEvent('/reach'))) as { filters: { to: string } };
		expect(data.filters.to).toBe('2026-12');
		setZone('Asia/Riyadh');
		const riyadh = (await reachLoad(adminEvent('/reach'))) as { filters: { to: string } };
		expect(riyadh.filters.to).toBe('2026-11');
	});
	it('scheduled jobs are re-timed when the setting changes', async () => {
		scheduler.registerJob({ name: 'test.tz', pattern: '0 2 * * *', run: () => {} });
		// Every job ran just now: start() catches nothing up, it only schedules.
		const mark = ctx.db.$client.prepare(
			`insert or replace into job_run (name, last_run_at, last_status) values (?, ?, 'ok')`
		);
		for (const j of scheduler.registeredJobs()) mark.run(j.name, Date.now());
		await scheduler.start('Asia/Riyadh');
		try {
			const at = (name: string) => scheduler.nextRuns().find((r) => r.name === name)?.at;
			const riyadh = at('test.tz')!;
			expect(riyadh.getUTCHours()).toBe(23); // 02:00 Riyadh
			settings.update({ id: newAdmin() }, { timeZone: 'Europe/London' });
			const london = at('test.tz')!;
			expect([1, 2]).toContain(london.getUTCHours()); // 02:00 London (BST or GMT)
		} finally {
			scheduler.stop();
		}
	});
});
