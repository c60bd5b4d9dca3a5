import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	type SQLiteColumn
} from 'drizzle-orm/sqlite-core';

const now = sql`(unixepoch('subsec') * 1000)`;

/** Score sums of a response rollup row: CSAT (n, sum, sum of squares, top 2) and NPS parts. */
const scoreColumns = () => ({
	responses: integer('responses').notNull(),
	n: integer('n').notNull(),
	sum: integer('sum').notNull(),
	sumSq: integer('sum_sq').notNull(),
	top2: integer('top2').notNull(),
	npsN: integer('nps_n').notNull(),
	promoters: integer('promoters').notNull(),
	passives: integer('passives').notNull(),
	detractors: integer('detractors').notNull()
});

/** An aspect rollup row's sums. */
const aspectColumns = () => ({
	n: integer('n').notNull(),
	sum: real('sum').notNull(),
	sumSq: real('sum_sq').notNull()
});

/** The respondent snapshot dimensions ('' = none). */
const respondentColumns = () => ({
	gender: text('gender').notNull(),
	ageBand: text('age_band').notNull(),
	city: text('city').notNull(),
	channel: text('channel').notNull(),
	segment: text('segment').notNull()
});

/** One index per respondent filter, each ending with the day (the range). */
const respondentIndexes = (
	name: string,
	t: Record<'gender' | 'ageBand' | 'city' | 'channel' | 'segment' | 'day', SQLiteColumn>
) => [
	index(`${name}_gender_idx`).on(t.gender, t.ageBand, t.day),
	index(`${name}_age_idx`).on(t.ageBand, t.day),
	index(`${name}_city_idx`).on(t.city, t.day),
	index(`${name}_channel_idx`).on(t.channel, t.day),
	index(`${name}_segment_idx`).on(t.segment, t.day)
];

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
		...scoreColumns()
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
		...aspectColumns()
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

/**
 * Response rollup by respondent attributes (the response's snapshot: gender, age band, city,
 * channel, segment; '' = none), without the program: serves the overview when one of these
 * filters is set and no program is (a rollup with every dimension would be as large as
 * `response` itself). Folded in with the other response rollups above the same watermark.
 */
export const dashRespondentDay = sqliteTable(
	'dash_respondent_day',
	{
		day: text('day').notNull(),
		surveyVersionId: integer('survey_version_id').notNull(),
		...respondentColumns(),
		...scoreColumns()
	},
	(t) => [
		primaryKey({
			columns: [t.day, t.surveyVersionId, t.gender, t.ageBand, t.city, t.channel, t.segment]
		}),
		...respondentIndexes('dash_respondent_day', t)
	]
);

export const dashRespondentAspectDay = sqliteTable(
	'dash_respondent_aspect_day',
	{
		day: text('day').notNull(),
		surveyVersionId: integer('survey_version_id').notNull(),
		...respondentColumns(),
		aspect: text('aspect').notNull(),
		...aspectColumns()
	},
	(t) => [
		primaryKey({
			columns: [
				t.day,
				t.surveyVersionId,
				t.gender,
				t.ageBand,
				t.city,
				t.channel,
				t.segment,
				t.aspect
			]
		}),
		...respondentIndexes('dash_respondent_aspect', t)
	]
);

/**
 * Invitations per local day of their response-rate basis instant (`delivered_at`, or
 * `created_at` until any delivery is recorded; dash_rollup_state names the basis), program
 * and survey version: counts, delivered and completed-among-delivered (rateSql's definition).
 * Invitation rows change after insert (delivered, completed, deleted), so triggers mark the
 * hour of every changed row's instants in dash_dirty in the writer's own transaction, and the
 * next read re-aggregates exactly those local days (indicators/rollup.ts).
 */
export const dashInvitationDay = sqliteTable(
	'dash_invitation_day',
	{
		day: text('day').notNull(),
		programId: integer('program_id').notNull(),
		surveyVersionId: integer('survey_version_id').notNull(),
		invitations: integer('invitations').notNull(),
		delivered: integer('delivered').notNull(),
		completed: integer('completed').notNull()
	},
	(t) => [primaryKey({ columns: [t.day, t.programId, t.surveyVersionId] })]
);

/**
 * Requests decided per local day of `decided_at`, channel and whole days taken (the decision
 * distribution's bucket: floor(hours / 24)): how many, and how many by their due instant.
 * Kept exact like dash_invitation_day (triggers mark changed hours, reads re-aggregate them).
 */
export const dashDecisionDay = sqliteTable(
	'dash_decision_day',
	{
		day: text('day').notNull(),
		channelId: integer('channel_id').notNull(),
		days: integer('days').notNull(),
		decided: integer('decided').notNull(),
		within: integer('within').notNull()
	},
	(t) => [primaryKey({ columns: [t.day, t.channelId, t.days] })]
);

/** Hours (ms / 3,600,000) whose rows changed since the rollups last read them, per source. */
export const dashDirty = sqliteTable(
	'dash_dirty',
	{
		source: text('source').notNull(),
		hour: integer('hour').notNull()
	},
	(t) => [primaryKey({ columns: [t.source, t.hour] })]
);

/**
 * The person's current record (beneficiary gender, age band, city; '' = none, or no person).
 * The person rollups have no secondary index: their month rows are few, a day range of the
 * primary key is read as fast (measured), and each index would add to every re-aggregation.
 */
const personColumns = () => ({
	gender: text('gender').notNull(),
	ageBand: text('age_band').notNull(),
	city: text('city').notNull()
});

/**
 * dash_invitation_day with the invited person's CURRENT gender, age band and city (what the
 * dashboard's person filters mean for invitations): response rate under a person filter.
 * Kept exact by the same dirty hours, which a change of a person's attributes (or of an
 * invitation's person) also marks for every invitation of theirs (migration 0011's triggers).
 */
export const dashInvitationPersonDay = sqliteTable(
	'dash_invitation_person_day',
	{
		day: text('day').notNull(),
		programId: integer('program_id').notNull(),
		surveyVersionId: integer('survey_version_id').notNull(),
		...personColumns(),
		invitations: integer('invitations').notNull(),
		delivered: integer('delivered').notNull(),
		completed: integer('completed').notNull()
	},
	(t) => [
		primaryKey({
			columns: [t.day, t.programId, t.surveyVersionId, t.gender, t.ageBand, t.city]
		})
	]
);

/**
 * dash_decision_day without the channel and with the requester's current gender, age band and
 * city: time to decision and within SLA under a person filter. Same upkeep as above.
 */
export const dashDecisionPersonDay = sqliteTable(
	'dash_decision_person_day',
	{
		day: text('day').notNull(),
		days: integer('days').notNull(),
		...personColumns(),
		decided: integer('decided').notNull(),
		within: integer('within').notNull()
	},
	(t) => [primaryKey({ columns: [t.day, t.days, t.gender, t.ageBand, t.city] })]
);

/**
 * Requests per received local date (`received_local_date`), channel and the requester's
 * current gender, age band and city: the channel mix and channel series. Triggers mark the
 * received day (as a Julian day number, source 'received') of every inserted, changed or
 * deleted request and of every request of a person whose attributes change.
 */
export const dashReceivedDay = sqliteTable(
	'dash_received_day',
	{
		day: text('day').notNull(),
		channelId: integer('channel_id').notNull(),
		...personColumns(),
		requests: integer('requests').notNull()
	},
	(t) => [primaryKey({ columns: [t.day, t.channelId, t.gender, t.ageBand, t.city] })]
);

/** Respondents' channels (as dash_channel_day) by program and survey version. */
export const dashProgramChannelDay = sqliteTable(
	'dash_program_channel_day',
	{
		day: text('day').notNull(),
		programId: integer('program_id').notNull(),
		surveyVersionId: integer('survey_version_id').notNull(),
		channel: text('channel').notNull(),
		responses: integer('responses').notNull()
	},
	(t) => [primaryKey({ columns: [t.day, t.programId, t.surveyVersionId, t.channel] })]
);

/**
 * Respondents' channels (each ticked channel, else the response's channel: `ch`) by the
 * respondent snapshot and survey version: the channel mix under a respondent filter.
 */
export const dashRespondentChannelDay = sqliteTable(
	'dash_respondent_channel_day',
	{
		day: text('day').notNull(),
		surveyVersionId: integer('survey_version_id').notNull(),
		...respondentColumns(),
		ch: text('ch').notNull(),
		responses: integer('responses').notNull()
	},
	(t) => [
		primaryKey({
			columns: [t.day, t.surveyVersionId, t.gender, t.ageBand, t.city, t.channel, t.segment, t.ch]
		}),
		...respondentIndexes('dash_respondent_channel', t)
	]
);

/**
 * Scores by program AND the respondent snapshot: satisfaction by program under a respondent
 * filter, and a program together with a respondent filter (nearly one row per response at
 * day level, so only those views read it).
 */
export const dashRespondentProgramDay = sqliteTable(
	'dash_respondent_program_day',
	{
		day: text('day').notNull(),
		programId: integer('program_id').notNull(),
		surveyVersionId: integer('survey_version_id').notNull(),
		...respondentColumns(),
		...scoreColumns()
	},
	(t) => [
		primaryKey({
			columns: [
				t.day,
				t.programId,
				t.surveyVersionId,
				t.gender,
				t.ageBand,
				t.city,
				t.channel,
				t.segment
			]
		}),
		index('dash_respondent_program_program_idx').on(t.programId, t.day),
		...respondentIndexes('dash_respondent_program', t)
	]
);

/**
 * Aspect scores by program and the respondent's gender, age band and city (snapshot), MONTH
 * rows only ('M' + YYYY-MM; day rows would hold nearly one row per aspect answer): a program
 * together with a gender/age band/city filter reads its whole months here and the range's
 * edges from the rows (one program's responses, by its index).
 */
export const dashPersonAspectMonth = sqliteTable(
	'dash_person_aspect_month',
	{
		day: text('day').notNull(),
		programId: integer('program_id').notNull(),
		surveyVersionId: integer('survey_version_id').notNull(),
		gender: text('gender').notNull(),
		ageBand: text('age_band').notNull(),
		city: text('city').notNull(),
		aspect: text('aspect').notNull(),
		...aspectColumns()
	},
	(t) => [
		primaryKey({
			columns: [t.programId, t.day, t.surveyVersionId, t.gender, t.ageBand, t.city, t.aspect]
		})
	]
);
