import { sql } from 'drizzle-orm';
import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * Daily rollups of responses for the dashboard (responses are append-only once submitted,
 * so they are folded in incrementally above a watermark; see indicators/rollup.ts).
 * program_id / survey_version_id 0 = none. Used when no respondent-attribute filter is set.
 */
export const dashResponseDay = sqliteTable(
	'dash_response_day',
	{
		day: text('day').notNull(),
		programId: integer('program_id').notNull(),
		surveyVersionId: integer('survey_version_id').notNull(),
		responses: integer('responses').notNull(),
		n: integer('n').notNull(),
		sum: integer('sum').notNull(),
		sumSq: integer('sum_sq').notNull(),
		top2: integer('top2').notNull(),
		npsN: integer('nps_n').notNull(),
		promoters: integer('promoters').notNull(),
		passives: integer('passives').notNull(),
		detractors: integer('detractors').notNull()
	},
	(t) => [primaryKey({ columns: [t.day, t.programId, t.surveyVersionId] })]
);

export const dashAspectDay = sqliteTable(
	'dash_aspect_day',
	{
		day: text('day').notNull(),
		programId: integer('program_id').notNull(),
		surveyVersionId: integer('survey_version_id').notNull(),
		aspect: text('aspect').notNull(),
		n: integer('n').notNull(),
		sum: real('sum').notNull(),
		sumSq: real('sum_sq').notNull()
	},
	(t) => [primaryKey({ columns: [t.day, t.programId, t.surveyVersionId, t.aspect] })]
);

export const dashChannelDay = sqliteTable(
	'dash_channel_day',
	{
		day: text('day').notNull(),
		channel: text('channel').notNull(),
		responses: integer('responses').notNull()
	},
	(t) => [primaryKey({ columns: [t.day, t.channel] })]
);

/** Watermark of what the rollups contain: highest response id and row count folded in. */
export const dashRollupState = sqliteTable('dash_rollup_state', {
	name: text('name').primaryKey(),
	lastId: integer('last_id').notNull(),
	rows: integer('rows').notNull(),
	builtAt: integer('built_at', { mode: 'timestamp_ms' }).notNull().default(now)
});
