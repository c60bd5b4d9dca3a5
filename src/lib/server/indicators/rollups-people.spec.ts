/**
 * The person rollups (migration 0011) stay equal to the raw computation: built beside response
 * rollups that existed before them, and when people's gender, age band or city change, a row
 * moves to another person, or a person or program is deleted.
 */
import { describe, expect, it } from 'vitest';
import { compareAll, expectNothingToFold, db, sql, useRollupDb } from './rollups-fixture';

useRollupDb();

describe('dashboard person rollups', { timeout: 180_000 }, () => {
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
		// (the test above ended equal)
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
		expectNothingToFold();
	});
});
