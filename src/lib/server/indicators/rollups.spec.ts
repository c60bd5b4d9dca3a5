/**
 * The rollups are an optimisation, never a second definition: every overview figure read
 * through them equals the same figure computed from the raw rows (`withoutRollups`), for
 * many filter sets, and still after invitations are delivered, completed or deleted and
 * requests decided, re-opened, moved to another channel or deleted in the recent days.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../../scripts/bench-data';
import { setDb, type DB } from '../db';
import { startOfLocalDay } from '../../dates';
import { loadOverview, parseFilters } from './index';
import { refreshRollups, withoutRollups } from './rollup';

const NOW = new Date('2026-11-25T09:00:00Z');
const TZ = 'Asia/Riyadh';
const S = { calendar: 'gregorian' as const, timeZone: TZ };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const FILTER_SETS = [
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
let db: DB;
const sql = (s: string, ...p: unknown[]) => db.$client.prepare(s).run(...p);

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'rida-rollups-'));
	process.env.RIDA_LOG ??= 'silent';
	// the bench's generator, small: 400 days of responses, invitations, requests and reach
	db = generate(join(dir, 'rollups.db'), { responses: 6000, requests: 1500, days: 400 }, NOW);
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

function compareAll() {
	for (const q of FILTER_SETS) {
		const f = () => parseFilters(new URL('http://x/dashboard?' + q), S, NOW);
		const raw = withoutRollups(() => loadOverview(f(), 14, NOW.getTime()));
		const rolled = loadOverview(f(), 14, NOW.getTime());
		expect(rolled, q || 'default').toEqual(raw);
	}
}

describe('dashboard rollups', { timeout: 180_000 }, () => {
	it('equal the raw computation for every filter set', () => {
		compareAll();
		const rows = db.$client
			.prepare(
				`select (select count(*) from dash_invitation_day) i, (select count(*) from dash_decision_day) d, (select count(*) from dash_respondent_day) r,
				        (select count(*) from dash_invitation_person_day) ip, (select count(*) from dash_decision_person_day) dp, (select count(*) from dash_received_day) q,
				        (select count(*) from dash_program_channel_day) pc, (select count(*) from dash_respondent_channel_day) rc, (select count(*) from dash_respondent_program_day) rp, (select count(*) from dash_person_aspect_month) pa`
			)
			.get() as Record<string, number>;
		for (const [t, n] of Object.entries(rows)) expect(n, t).toBeGreaterThan(100);
	});

	it('stay equal after invitations and requests change in the recent days', () => {
		const recent = NOW.getTime() - 20 * DAY;
		// invitations: completed late, delivered again, deleted, moved to another program
		sql(
			`update invitation set completed_at = ? where completed_at is null and delivered_at >= ? and id % 2 = 0`,
			NOW.getTime() - HOUR,
			recent
		);
		sql(
			`update invitation set delivered_at = delivered_at + ? where id % 7 = 0 and delivered_at >= ?`,
			3 * DAY,
			recent
		);
		sql(
			`delete from response where invitation_id in (select id from invitation where id % 11 = 0 and delivered_at >= ?)`,
			recent
		);
		sql(`delete from invitation where id % 11 = 0 and delivered_at >= ?`, recent);
		sql(`update invitation set program_id = 9 where id % 13 = 0 and delivered_at >= ?`, recent);
		// responses are immutable in use, but an update or deletion marks its day too
		sql(
			`update response set gender = 'male', csat = 5 where id % 19 = 0 and local_date >= '2026-10-01'`
		);
		// and one old invitation completed long after it was delivered (a 365-day link)
		sql(
			`update invitation set completed_at = ? where id = (select min(id) from invitation where completed_at is null)`,
			NOW.getTime()
		);
		// requests: decided now, re-opened, re-dated, another channel, deleted
		sql(
			`update request set decided_at = ?, decision = 'accepted' where decided_at is null and received_at < ?`,
			NOW.getTime() - 2 * HOUR,
			NOW.getTime() - DAY
		);
		sql(
			`update request set decided_at = null, decision = null where id % 9 = 0 and decided_at >= ?`,
			recent
		);
		sql(
			`update request set channel_id = 1 + (channel_id % 8) where id % 5 = 0 and decided_at >= ?`,
			recent
		);
		sql(
			`update request set due_at = due_at - ? where id % 4 = 0 and decided_at >= ?`,
			10 * DAY,
			recent
		);
		sql(`delete from request where id % 23 = 0 and decided_at >= ?`, recent);
		const dirty = db.$client.prepare(`select count(*) n from dash_dirty`).get() as { n: number };
		expect(dirty.n).toBeGreaterThan(0);
		compareAll();
		expect(db.$client.prepare(`select count(*) n from dash_dirty`).get()).toEqual({ n: 0 });
	});

	it('stay equal for new responses and a change of the response-rate basis', () => {
		const day = '2026-11-24';
		const at = startOfLocalDay(day, TZ).getTime() + 10 * HOUR;
		for (let i = 0; i < 20; i++)
			sql(
				`insert into response (program_id, survey_version_id, submitted_at, local_date, answers, csat, nps, gender, age_band, city, channel, segment) values (?, 1, ?, ?, '{}', ?, ?, ?, '30_44', 'جدة', 'web', ?)`,
				1 + (i % 5),
				at,
				day,
				1 + (i % 5),
				i % 11,
				i % 2 ? 'female' : 'male',
				i % 3 ? null : 'donors'
			);
		compareAll();
		// before any delivery is recorded the basis is created_at: the rollup is rebuilt on it
		sql(`update invitation set delivered_at = null`);
		compareAll();
		sql(`update invitation set delivered_at = created_at + 60000 where id % 3 = 0`);
		compareAll();
		expect(refreshRollups({ timeZone: TZ })).toEqual({
			responses: 0,
			invitationDays: 0,
			decisionDays: 0,
			receivedDays: 0
		});
	});

	it('build the tables of migration 0011 beside existing response rollups', () => {
		// a database rolled up before 0011: its tables empty, no 'responses:0011' state
		for (const t of [
			'dash_program_channel_day',
			'dash_respondent_channel_day',
			'dash_respondent_program_day',
			'dash_person_aspect_month'
		])
			sql(`delete from ${t}`);
		sql(`delete from dash_rollup_state where name = 'responses:0011'`);
		compareAll();
		const n = db.$client.prepare(`select count(*) n from dash_person_aspect_month`).get() as {
			n: number;
		};
		expect(n.n).toBeGreaterThan(100);
	});

	it("stay equal when people's gender, age band or city change, or a row changes person", () => {
		compareAll();
		// edits of the person's record: a move to another city, a birthday into the next band,
		// a corrected gender, attributes cleared
		sql(`update beneficiary set city = 'جدة' where id % 7 = 0 and city <> 'جدة'`);
		sql(`update beneficiary set age_band = '30_44' where id % 11 = 0 and age_band = '18_29'`);
		sql(
			`update beneficiary set gender = case gender when 'male' then 'female' else 'male' end where id % 13 = 0`
		);
		sql(`update beneficiary set city = null, age_band = null where id % 29 = 0`);
		// invitations and requests moved to another person, or to none
		sql(`update invitation set beneficiary_id = beneficiary_id + 1 where id % 31 = 0`);
		sql(
			`update request set beneficiary_id = case when id % 2 then null else beneficiary_id + 3 end where id % 37 = 0`
		);
		// a record deleted (with and without foreign key actions)
		sql(
			`delete from beneficiary where id = (select min(beneficiary_id) from request where decided_at is not null)`
		);
		expect(
			(
				db.$client.prepare(`select count(*) n from dash_dirty where source = 'received'`).get() as {
					n: number;
				}
			).n
		).toBeGreaterThan(0);
		compareAll();
		db.$client.pragma('foreign_keys = ON');
		try {
			sql(
				`delete from enrollment where beneficiary_id = (select max(beneficiary_id) from invitation)`
			);
			sql(`delete from beneficiary where id = (select max(beneficiary_id) from invitation)`);
			// a program deleted: its invitations go (cascade), its responses lose their program
			// (set null, several on one day: the triggers must not fail under the action's policy)
			sql(`delete from enrollment where program_id = 6`);
			sql(`delete from program where id = 6`);
			compareAll();
		} finally {
			db.$client.pragma('foreign_keys = OFF');
		}
		// new requests, one re-dated to another received day and one moved to another channel
		sql(
			`update request set received_local_date = date(received_local_date, '-3 days') where id % 41 = 0`
		);
		sql(`update request set channel_id = 1 + (channel_id % 8) where id % 43 = 0`);
		compareAll();
		expect(refreshRollups({ timeZone: TZ })).toEqual({
			responses: 0,
			invitationDays: 0,
			decisionDays: 0,
			receivedDays: 0
		});
	});
});
