/**
 * ONE response rate: the dashboard tile, a program's page and the delivery funnel compute
 * completed ÷ delivered through the same SQL (rateSql/rateOf) and agree on one dataset.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import { startOfLocalDay } from '../../dates';
import * as programs from '../programs';
import { funnel } from '../delivery';
import { parseFilters, responseRate, responseRateByProgram } from './index';

const ctx = useTestDb();
const S = { calendar: 'gregorian' as const, timeZone: 'Asia/Riyadh' };
const NOW = new Date('2026-11-25T09:00:00Z');
const at = (date: string) => startOfLocalDay(date, 'Asia/Riyadh').getTime() + 10 * 3_600_000;
const run = (s: string, ...p: unknown[]) => ctx.db.$client.prepare(s).run(...p);
let pid = 0;

beforeAll(() => {
	const v = Number(
		run(
			`insert into survey_version (survey_id, hash, definition) values ('post-program', 'rr', '{}')`
		).lastInsertRowid
	);
	pid = Number(
		run(
			`insert into program (name_ar, name_en, kind, start_date, end_date, survey_id, status) values ('ب', 'P', 'program', '2026-09-01', '2026-09-30', 'post-program', 'ended')`
		).lastInsertRowid
	);
	let n = 0;
	/** One invitation: its outbox message (channel, state), delivered or not, completed or not. */
	function inv(o: {
		channel?: 'sms' | 'email';
		delivered: boolean;
		completed: boolean;
		anon?: boolean;
	}) {
		n++;
		const id = Number(
			run(
				`insert into invitation (kind, program_id, survey_version_id, token_hash, created_at, expires_at, delivered_at, completed_at, anonymous)
				 values ('program', ?, ?, ?, ?, ?, ?, ?, ?)`,
				pid,
				v,
				`rr-${n}`,
				at('2026-10-02'),
				at('2026-12-31'),
				o.delivered ? at('2026-10-03') : null,
				o.completed ? at('2026-10-05') : null,
				o.anon ? 1 : 0
			).lastInsertRowid
		);
		if (o.channel)
			run(
				`insert into outbox_message (invitation_id, kind, channel, state, attempts, not_before, sent_at, idempotency_key)
				 values (?, 'invitation', ?, ?, 1, ?, ?, ?)`,
				id,
				o.channel,
				o.delivered ? 'sent' : 'given_up',
				at('2026-10-02'),
				o.delivered ? at('2026-10-03') : null,
				`rr-m-${n}`
			);
	}
	// SMS: 6 delivered (3 completed); e-mail: 2 delivered (1 completed);
	// 3 never delivered (one still answered, from a printed copy); 1 anonymous walk-in answer.
	for (let i = 0; i < 6; i++) inv({ channel: 'sms', delivered: true, completed: i < 3 });
	for (let i = 0; i < 2; i++) inv({ channel: 'email', delivered: true, completed: i < 1 });
	for (let i = 0; i < 3; i++) inv({ channel: 'sms', delivered: false, completed: i < 1 });
	inv({ delivered: false, completed: true, anon: true });
});

function threeWays() {
	const f = parseFilters(new URL('http://x/dashboard?from=2026-10-01&to=2026-11-01'), S, NOW);
	const tile = responseRate(f);
	const byProgram = responseRateByProgram(f).find((r) => r.programId === pid)!;
	const page = programs.get(pid)!;
	const rows = funnel(pid);
	const delivered = rows.reduce((s, r) => s + r.delivered, 0);
	const responded = rows.reduce((s, r) => s + r.responded, 0);
	return { tile, byProgram, page, rows, delivered, responded };
}

describe('one response rate: completed ÷ delivered', () => {
	it('the dashboard, the program page and the delivery funnel agree', () => {
		const x = threeWays();
		expect({ n: x.tile.n, value: x.tile.value }).toEqual({ n: 8, value: 0.5 });
		expect(x.byProgram).toMatchObject({ delivered: 8, completed: 4, rate: 0.5 });
		// the page still shows who was invited (11) and who completed (5) …
		expect(x.page).toMatchObject({ invited: 11, completed: 5, delivered: 8, responded: 4 });
		// … but its rate is the one definition (not 5 ÷ 11)
		expect(x.page.responseRate).toBe(0.5);
		expect({ delivered: x.delivered, responded: x.responded }).toEqual({
			delivered: 8,
			responded: 4
		});
		const sms = x.rows.find((r) => r.channel === 'sms')!;
		const email = x.rows.find((r) => r.channel === 'email')!;
		expect(sms).toMatchObject({ invited: 9, delivered: 6, responded: 3, responseRate: 0.5 });
		expect(email).toMatchObject({ invited: 2, delivered: 2, responded: 1, responseRate: 0.5 });
	});

	it('before any delivery is recorded, every invitation to a beneficiary counts as delivered — in all three', () => {
		run(`update invitation set delivered_at = null`);
		const x = threeWays();
		expect({ n: x.tile.n, value: x.tile.value }).toEqual({ n: 11, value: 5 / 11 });
		expect(x.page).toMatchObject({ delivered: 11, responded: 5, responseRate: 5 / 11 });
		expect({ delivered: x.delivered, responded: x.responded }).toEqual({
			delivered: 11,
			responded: 5
		});
	});
});
