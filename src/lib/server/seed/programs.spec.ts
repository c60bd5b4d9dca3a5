import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import { syncDefinitions } from '../surveys/versions';
import { seedPrograms } from './programs';
import * as programs from '../programs';

const ctx = useTestDb();

describe('demo programs seed', () => {
	it('is varied: 3000 beneficiaries, 20 programs of different satisfaction, a dip one quarter', () => {
		syncDefinitions();
		seedPrograms(new Date('2026-11-25T09:00:00Z'));
		const q = (s: string) => ctx.db.$client.prepare(s).get() as Record<string, number>;
		expect(q('select count(*) n from beneficiary').n).toBe(3000);
		expect(q('select count(*) n from program').n).toBe(20);
		expect(q('select count(*) n from response').n).toBeGreaterThan(1000);
		const list = programs.list();
		const csats = list.filter((p) => p.csat !== null).map((p) => p.csat!);
		expect(Math.max(...csats) - Math.min(...csats)).toBeGreaterThan(0.2);
		expect(list.some((p) => p.status === 'running' || p.status === 'planned')).toBe(true);
		// A dip one quarter: mean satisfaction 6–9 months ago below the rest.
		const dip = q(
			`select avg(csat) a from response where local_date >= date('2026-11-25', '-270 days') and local_date < date('2026-11-25', '-180 days')`
		).a;
		const rest = q(
			`select avg(csat) a from response where local_date < date('2026-11-25', '-270 days') or local_date >= date('2026-11-25', '-180 days')`
		).a;
		expect(dip).toBeLessThan(rest - 0.3);
	}, 60_000);
});
