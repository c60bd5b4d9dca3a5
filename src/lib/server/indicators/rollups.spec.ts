/**
 * The rollups are an optimisation, never a second definition: every overview figure read
 * through them equals the same figure computed from the raw rows (`withoutRollups`), for
 * many filter sets, and still after invitations are delivered, completed or deleted and
 * requests decided, re-opened, moved to another channel or deleted in the recent days.
 * (People's records changing: rollups-people.spec.ts.)
 */
import { describe, expect, it } from 'vitest';
import { startOfLocalDay } from '../../dates';
import {
	compareAll,
	expectNothingToFold,
	DAY,
	db,
	HOUR,
	NOW,
	sql,
	TZ,
	useRollupDb
} from './rollups-fixture';

useRollupDb();

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
		// Twice: the second batch is folded into the rows the first one made (the upserts'
		// "on conflict" sums; the first batch's keys may be new to the rollups).
		for (let batch = 0; batch < 2; batch++) {
			for (let i = 0; i < 22; i++)
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
		}
		// before any delivery is recorded the basis is created_at: the rollup is rebuilt on it
		sql(`update invitation set delivered_at = null`);
		compareAll();
		sql(`update invitation set delivered_at = created_at + 60000 where id % 3 = 0`);
		compareAll();
		expectNothingToFold();
	});
});
