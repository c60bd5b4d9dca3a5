import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import { seedCore } from './core';
import { seedReports } from './reports';
import * as targets from '../targets';
import * as actions from '../improvements';
import { buildReport, recentQuarters, reviews } from '../reports';

const ctx = useTestDb();
const NOW = new Date('2026-11-25T09:00:00Z');

describe('demo seed for reports', () => {
	it('sets targets for two years, reviews two quarters (figures unchanged), opens actions with measured effects', async () => {
		await seedCore();
		seedReports(NOW);
		expect(targets.forYear('gregorian', 2026).size).toBe(7);
		expect(targets.forYear('gregorian', 2025).size).toBe(7);
		expect(targets.forYear('gregorian', 2025).get('csat')!.value).toBeLessThan(
			targets.forYear('gregorian', 2026).get('csat')!.value
		);
		const [last, q2, q3] = recentQuarters('gregorian', 'Asia/Riyadh', 3, NOW);
		const rv = reviews('gregorian');
		expect(rv.has(`${last.year}-${last.q}`)).toBe(false); // the last quarter awaits the board
		expect(rv.has(`${q2.year}-${q2.q}`) && rv.has(`${q3.year}-${q3.q}`)).toBe(true);
		const rep = buildReport(q2, NOW);
		expect(rep.review?.fingerprint).toBe(rep.fingerprint);
		const all = actions.list();
		expect(all).toHaveLength(6);
		const done = all.filter((a) => a.status === 'done');
		expect(done).toHaveLength(3);
		for (const a of done) {
			const full = actions.get(a.id)!;
			expect(full.afterFrom && full.afterTo && full.baselineFrom).toBeTruthy();
			expect(full.afterN).not.toBeNull();
		}
		expect(actions.overdue(NOW).length).toBeGreaterThan(0);
		expect(all.filter((a) => a.status === 'in_progress')).toHaveLength(1);
		// Every step is journaled: 6 created; done = open → in progress → done (2 updates each),
		// the one in progress 1 update, the 2 still open none.
		expect(
			ctx.db.$client
				.prepare(
					`select action, count(*) n from audit_event where action like 'action.%' group by action order by action`
				)
				.all()
		).toEqual([
			{ action: 'action.create', n: 6 },
			{ action: 'action.update', n: 7 }
		]);
	});
});
