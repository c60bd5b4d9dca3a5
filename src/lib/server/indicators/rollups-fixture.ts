/**
 * The database the rollup specs share the shape of: the bench's generator, small (400 days of
 * responses, invitations, requests and reach), and `compareAll()`, which checks every overview
 * figure read through the rollups against the same figure computed from the raw rows.
 * Two spec files use it (rollups.spec.ts, rollups-people.spec.ts), each on its own file, so
 * Vitest's two workers share the work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { generate } from '../../../../scripts/bench-data';
import { setDb, type DB } from '../db';
import { loadOverview, parseFilters } from './index';
import { refreshRollups, withoutRollups } from './rollup';

export const NOW = new Date('2026-11-25T09:00:00Z');
export const TZ = 'Asia/Riyadh';
const S = { calendar: 'gregorian' as const, timeZone: TZ };
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const FILTER_SETS = [
	'',
	'preset=lastQuarter',
	'preset=thisMonth',
	'grain=quarter&compare=lastYear',
	'program=7',
	'gender=female&ageBand=30_44',
	'gender=male',
	'city=جدة',
	'channel=web',
	'channel=web&city=الرياض',
	'surveyVersion=1',
	'surveyVersion=1&ageBand=60p',
	'program=3&gender=female',
	'segment=donors',
	'from=2026-11-01&to=2026-11-26',
	'from=2026-01-15&to=2026-06-10&grain=quarter',
	'from=2025-12-31&to=2026-03-02&channel=web',
	// person rollups (invitations, decisions, received requests) and the respondent-program one
	'ageBand=18_29',
	'gender=female&city=الرياض',
	'city=جدة&preset=lastQuarter',
	'gender=male&ageBand=60p&grain=quarter&compare=lastYear',
	'gender=female&channel=web',
	'program=3&channel=web',
	'program=3&city=جدة&ageBand=30_44',
	'program=5&segment=donors',
	'program=5&surveyVersion=1',
	'program=2&gender=male&from=2026-02-10&to=2026-09-20&grain=quarter',
	'segment=donors&gender=female',
	'program=4&gender=female',
	'program=4&ageBand=45_59&compare=lastYear&from=2025-12-20&to=2026-10-05',
	'type=1&city=جدة'
];

let dir = '';
export let db: DB;
export const sql = (s: string, ...p: unknown[]) => db.$client.prepare(s).run(...p);

/** Opens a fresh generated database for the spec file that calls it. */
export function useRollupDb() {
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'rida-rollups-'));
		process.env.RIDA_LOG ??= 'silent';
		// the bench's generator, small: 400 days of responses, invitations, requests and reach
		db = generate(join(dir, 'rollups.db'), { responses: 3000, requests: 800, days: 400 }, NOW);
		setDb(db);
		// respondents without attributes, and a segment, so '' dimensions and segments are covered
		sql(`update response set gender = null, city = null where id % 17 = 0`);
		sql(`update response set channel = null where id % 13 = 0`);
		sql(`update response set segment = 'donors' where id % 5 = 0`);
	}, 120_000);
	afterAll(() => {
		db?.$client.close();
		setDb(undefined);
		rmSync(dir, { recursive: true, force: true });
	});
}

export function compareAll() {
	for (const q of FILTER_SETS) {
		const f = () => parseFilters(new URL('http://x/dashboard?' + q), S, NOW);
		const raw = withoutRollups(() => loadOverview(f(), 14, NOW.getTime()));
		const rolled = loadOverview(f(), 14, NOW.getTime());
		expect(rolled, q || 'default').toEqual(raw);
	}
}

/** After compareAll() every rollup is up to date: the upkeep job finds nothing left to fold. */
export function expectNothingToFold() {
	expect(refreshRollups({ timeZone: TZ })).toEqual({
		responses: 0,
		invitationDays: 0,
		decisionDays: 0,
		receivedDays: 0
	});
}
