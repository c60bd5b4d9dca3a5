/**
 * Daily rollups behind the dashboard, kept exactly equal to the raw rows (rollups.spec.ts).
 *
 * Responses are immutable once submitted, so new ones are folded in above a watermark (highest
 * id seen): one indexed probe when nothing changed; if rows disappeared, everything is rebuilt.
 * Two levels: by program and survey version (dash_response_day, dash_aspect_day,
 * dash_channel_day), and by the respondent snapshot — gender, age band, city, channel,
 * segment — and survey version (dash_respondent_day, dash_respondent_aspect_day). A rollup
 * with every dimension at once would be as large as `response` itself; a program together
 * with a respondent filter reads `response` (one program's rows, by its index).
 *
 * Invitations (delivered, completed, deleted after insert) and decided requests (decided,
 * re-opened, re-dated) change after insert. Re-aggregating "the last N days" would need an N
 * that bounds every later change, and none does: a WhatsApp link is marked delivered when staff
 * send it, a link stays valid up to 365 days, an erasure or a program's deletion removes old
 * rows. So the database marks what changed instead: triggers (migration 0007) insert the hour
 * of each changed row's old and new instants into dash_dirty, inside the writer's own
 * transaction, and the next read re-aggregates exactly the local days touching those hours
 * and clears them, in one IMMEDIATE transaction. Every other day stays frozen, and nothing a
 * writer commits can be missed. Both tables also hold month rows ('M' + YYYY-MM), each the sum
 * of its month's day rows, redone whenever one of those days is. Days are local dates in the association's zone; the zone and
 * the response-rate basis are part of the rollup's state name, so changing either rebuilds it.
 */
import { getDb, perConnection } from '../db';
import * as settings from '../settings';
import { addDays, localDate, startOfLocalDay } from '../../dates';
import { personColumns, type Bucket, type Filters, type Range } from './filters';
import { deliveredColumn, rateSql } from './responseRate';

const UPSERT_RESPONSES = `
insert into dash_response_day (day, program_id, survey_version_id, responses, n, sum, sum_sq, top2, nps_n, promoters, passives, detractors)
select r.local_date, coalesce(r.program_id, 0), r.survey_version_id, count(*), count(r.csat), coalesce(sum(r.csat), 0), coalesce(sum(r.csat * r.csat), 0),
       coalesce(sum(r.csat >= 4), 0), count(r.nps), coalesce(sum(r.nps >= 9), 0), coalesce(sum(r.nps between 7 and 8), 0), coalesce(sum(r.nps <= 6), 0)
from response r where ROWS group by 1, 2, 3
on conflict (day, program_id, survey_version_id) do update set
  responses = responses + excluded.responses, n = n + excluded.n, sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq,
  top2 = top2 + excluded.top2, nps_n = nps_n + excluded.nps_n, promoters = promoters + excluded.promoters,
  passives = passives + excluded.passives, detractors = detractors + excluded.detractors`;

const UPSERT_ASPECTS = `
insert into dash_aspect_day (day, program_id, survey_version_id, aspect, n, sum, sum_sq)
select r.local_date, coalesce(r.program_id, 0), r.survey_version_id, a.aspect, count(*), sum(a.score), sum(a.score * a.score)
from response r join response_aspect a on a.response_id = r.id where ROWS group by 1, 2, 3, 4
on conflict (day, program_id, survey_version_id, aspect) do update set n = n + excluded.n, sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq`;

/**
 * One row per channel a response names: each ticked channel of a checkbox channel question
 * (response_dimension, key "channel"), else the response's channel column.
 */
export const CHANNEL_ROWS = `select r.local_date day, coalesce(d.value, r.channel) ch from response r
  left join response_dimension d on d.response_id = r.id and d.key = 'channel'`;

const UPSERT_CHANNELS = `
insert into dash_channel_day (day, channel, responses)
select day, ch, count(*) from (${CHANNEL_ROWS} where ROWS) where ch is not null group by 1, 2
on conflict (day, channel) do update set responses = responses + excluded.responses`;

/** The respondent dimensions as stored in the rollup ('' for none), in key order. */
const WHO = `coalesce(r.gender, ''), coalesce(r.age_band, ''), coalesce(r.city, ''), coalesce(r.channel, ''), coalesce(r.segment, '')`;
const WHO_COLS = `gender, age_band, city, channel, segment`;

const UPSERT_RESPONDENTS = `
insert into dash_respondent_day (day, survey_version_id, ${WHO_COLS}, responses, n, sum, sum_sq, top2, nps_n, promoters, passives, detractors)
select r.local_date, r.survey_version_id, ${WHO}, count(*), count(r.csat), coalesce(sum(r.csat), 0), coalesce(sum(r.csat * r.csat), 0),
       coalesce(sum(r.csat >= 4), 0), count(r.nps), coalesce(sum(r.nps >= 9), 0), coalesce(sum(r.nps between 7 and 8), 0), coalesce(sum(r.nps <= 6), 0)
from response r where ROWS group by 1, 2, 3, 4, 5, 6, 7
on conflict (day, survey_version_id, ${WHO_COLS}) do update set
  responses = responses + excluded.responses, n = n + excluded.n, sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq,
  top2 = top2 + excluded.top2, nps_n = nps_n + excluded.nps_n, promoters = promoters + excluded.promoters,
  passives = passives + excluded.passives, detractors = detractors + excluded.detractors`;

const UPSERT_RESPONDENT_ASPECTS = `
insert into dash_respondent_aspect_day (day, survey_version_id, ${WHO_COLS}, aspect, n, sum, sum_sq)
select r.local_date, r.survey_version_id, ${WHO}, a.aspect, count(*), sum(a.score), sum(a.score * a.score)
from response r join response_aspect a on a.response_id = r.id where ROWS group by 1, 2, 3, 4, 5, 6, 7, 8
on conflict (day, survey_version_id, ${WHO_COLS}, aspect) do update set n = n + excluded.n, sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq`;

/** The channel a response names (each ticked one, else its channel column), for `select r.local_date, …` upserts. */
const CH = `coalesce(d.value, r.channel)`;
const CH_JOIN = `left join response_dimension d on d.response_id = r.id and d.key = 'channel'`;

const UPSERT_PROGRAM_CHANNELS = `
insert into dash_program_channel_day (day, program_id, survey_version_id, channel, responses)
select r.local_date, coalesce(r.program_id, 0), r.survey_version_id, ${CH}, count(*)
from response r ${CH_JOIN} where ROWS and ${CH} is not null group by 1, 2, 3, 4
on conflict (day, program_id, survey_version_id, channel) do update set responses = responses + excluded.responses`;

const UPSERT_RESPONDENT_CHANNELS = `
insert into dash_respondent_channel_day (day, survey_version_id, ${WHO_COLS}, ch, responses)
select r.local_date, r.survey_version_id, ${WHO}, ${CH}, count(*)
from response r ${CH_JOIN} where ROWS and ${CH} is not null group by 1, 2, 3, 4, 5, 6, 7, 8
on conflict (day, survey_version_id, ${WHO_COLS}, ch) do update set responses = responses + excluded.responses`;

const UPSERT_RESPONDENT_PROGRAMS = UPSERT_RESPONDENTS.replace(
	'dash_respondent_day (day, survey_version_id,',
	'dash_respondent_program_day (day, program_id, survey_version_id,'
)
	.replace(
		'select r.local_date, r.survey_version_id,',
		'select r.local_date, coalesce(r.program_id, 0), r.survey_version_id,'
	)
	.replace('group by 1, 2, 3, 4, 5, 6, 7', 'group by 1, 2, 3, 4, 5, 6, 7, 8')
	.replace(
		'on conflict (day, survey_version_id,',
		'on conflict (day, program_id, survey_version_id,'
	);

/** Aspect scores by program and the respondent's gender/age band/city: month rows only. */
const UPSERT_PERSON_ASPECTS = `
insert into dash_person_aspect_month (day, program_id, survey_version_id, gender, age_band, city, aspect, n, sum, sum_sq)
select r.local_date, coalesce(r.program_id, 0), r.survey_version_id, coalesce(r.gender, ''), coalesce(r.age_band, ''), coalesce(r.city, ''),
       a.aspect, count(*), sum(a.score), sum(a.score * a.score)
from response r join response_aspect a on a.response_id = r.id where ROWS group by 1, 2, 3, 4, 5, 6, 7
on conflict (program_id, day, survey_version_id, gender, age_band, city, aspect) do update set n = n + excluded.n, sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq`;

const RESPONSE_UPSERTS = [
	UPSERT_RESPONSES,
	UPSERT_ASPECTS,
	UPSERT_CHANNELS,
	UPSERT_RESPONDENTS,
	UPSERT_RESPONDENT_ASPECTS,
	UPSERT_PROGRAM_CHANNELS,
	UPSERT_RESPONDENT_CHANNELS,
	UPSERT_RESPONDENT_PROGRAMS
];

/**
 * Month rows ('M' + YYYY-MM in the `day` column: above every date, so a range of days never
 * meets them) beside the day rows of the four score tables: a range reads its whole months
 * from them and only its edges from day rows (`segments`).
 */
const MONTH_UPSERTS = [
	UPSERT_RESPONSES,
	UPSERT_ASPECTS,
	UPSERT_RESPONDENTS,
	UPSERT_RESPONDENT_ASPECTS,
	UPSERT_PROGRAM_CHANNELS,
	UPSERT_RESPONDENT_CHANNELS,
	UPSERT_RESPONDENT_PROGRAMS,
	UPSERT_PERSON_ASPECTS
].map((sql) => sql.replace('select r.local_date,', `select 'M' || substr(r.local_date, 1, 7),`));

const RESPONSE_TABLES = [
	'dash_response_day',
	'dash_aspect_day',
	'dash_channel_day',
	'dash_respondent_day',
	'dash_respondent_aspect_day',
	'dash_program_channel_day',
	'dash_respondent_channel_day',
	'dash_respondent_program_day',
	'dash_person_aspect_month'
];

/**
 * Tables added to the response rollups by migration 0011, built on their own (up to the
 * watermark) where the others exist already; the state row 'responses:0011' says they are.
 */
const ADDED_TABLES = [
	'dash_program_channel_day',
	'dash_respondent_channel_day',
	'dash_respondent_program_day',
	'dash_person_aspect_month'
];
const ADDED_STATE = 'responses:0011';
const addedUpserts = (all: string[]) =>
	all.filter((sql) => ADDED_TABLES.some((t) => sql.includes(`insert into ${t} `)));

/** Compare the rollup's total with `response` at most this often (a safety net). */
const VERIFY_MS = 10 * 60_000;
const verified = () => perConnection('indicators.rollupVerified', () => ({ at: 0 }));

function refreshResponses(verifyDue: boolean): number {
	const c = getDb().$client;
	const state = c
		.prepare(`select last_id lastId from dash_rollup_state where name = 'responses'`)
		.get() as { lastId: number } | undefined;
	const maxId = c.prepare(`select coalesce(max(id), 0) from response`).pluck().get() as number;
	const lastId = state?.lastId ?? 0;
	const dirty = !!c.prepare(`select 1 from dash_dirty where source = 'response' limit 1`).get();
	const verify = verifyDue || Date.now() - verified().at > VERIFY_MS;
	const added = !!c.prepare(`select 1 from dash_rollup_state where name = ?`).get(ADDED_STATE);
	// Fast path: nothing new (one probe of the primary key), nothing changed, no check due.
	if (state && added && maxId === lastId && !dirty && !verify) return 0;
	return c
		.transaction(() => {
			const fold = (from: number) => {
				for (const sql of [...RESPONSE_UPSERTS, ...MONTH_UPSERTS])
					c.prepare(sql.replace('ROWS', 'r.id > ? and r.id <= ?')).run(from, maxId);
			};
			const rebuild = () => {
				for (const t of RESPONSE_TABLES) c.exec(`delete from ${t}`);
				c.exec(`delete from dash_dirty where source = 'response'`);
				fold(0);
			};
			if (!state || maxId < lastId) rebuild();
			else {
				if (!added) {
					// the tables of migration 0011, up to the watermark (the others are kept)
					for (const t of ADDED_TABLES) c.exec(`delete from ${t}`);
					for (const sql of addedUpserts([...RESPONSE_UPSERTS, ...MONTH_UPSERTS]))
						c.prepare(sql.replace('ROWS', 'r.id <= ?')).run(lastId);
				}
				redoResponseDays(lastId);
				fold(lastId);
			}
			saveState(ADDED_STATE, 0, 0);
			const total = c
				.prepare(`select coalesce(sum(responses), 0) from dash_response_day where day < 'M'`)
				.pluck()
				.get() as number;
			if (verify) {
				verified().at = Date.now();
				const rows = c.prepare(`select count(*) from response`).pluck().get() as number;
				if (rows !== total) rebuild();
			}
			saveState('responses', maxId, total);
			return maxId - lastId;
		})
		.immediate();
}

/**
 * Days whose responses were deleted or changed (dash_dirty, source 'response': the Julian day
 * number of their local date, marked by triggers), aggregated again from the rows up to the
 * watermark (the rows above it are folded in next).
 */
function redoResponseDays(lastId: number) {
	const c = getDb().$client;
	const days = c
		.prepare(`select date(hour + 0.5) from dash_dirty where source = 'response'`)
		.pluck()
		.all() as string[];
	if (!days.length) return;
	c.exec(`delete from dash_dirty where source = 'response'`);
	for (let i = 0; i < days.length; i += 500) {
		const chunk = days.slice(i, i + 500);
		const marks = chunk.map(() => '?').join(', ');
		for (const t of RESPONSE_TABLES)
			c.prepare(`delete from ${t} where day in (${marks})`).run(...chunk);
		for (const sql of RESPONSE_UPSERTS)
			c.prepare(sql.replace('ROWS', `r.local_date in (${marks}) and r.id <= ?`)).run(
				...chunk,
				lastId
			);
	}
	for (const month of new Set(days.map((d) => d.slice(0, 7)))) {
		for (const t of RESPONSE_TABLES) c.prepare(`delete from ${t} where day = ?`).run('M' + month);
		const from = month + '-01';
		for (const sql of MONTH_UPSERTS)
			c.prepare(sql.replace('ROWS', 'r.local_date >= ? and r.local_date < ? and r.id <= ?')).run(
				from,
				nextMonth(from),
				lastId
			);
	}
}

/** The first day of the month after `date`'s ('YYYY-MM-DD', Gregorian). */
function nextMonth(date: string): string {
	const [y, m] = date.split('-').map(Number);
	return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * A range of local dates as the score rollups hold it: its whole Gregorian months as month
 * rows ['M' + first month, 'M' + month after the last), its edges as day rows.
 */
export function segments(r: Range): [string, string][] {
	const m1 = r.from.endsWith('-01') ? r.from : nextMonth(r.from);
	const m2 = r.to.slice(0, 8) + '01';
	if (m1 >= m2) return [[r.from, r.to]];
	const out: [string, string][] = [];
	if (r.from < m1) out.push([r.from, m1]);
	out.push(['M' + m1.slice(0, 7), 'M' + m2.slice(0, 7)]);
	if (m2 < r.to) out.push([m2, r.to]);
	return out;
}

function saveState(name: string, lastId: number, rows: number) {
	getDb()
		.$client.prepare(
			`insert into dash_rollup_state (name, last_id, rows, built_at) values (?, ?, ?, ?) on conflict (name) do update set last_id = excluded.last_id, rows = excluded.rows, built_at = excluded.built_at`
		)
		.run(name, lastId, rows, Date.now());
}

/** One table of a day rollup: its INSERT (source rows joined to `d(day, f, t)`), keys and sums. */
type DayTable = {
	table: string;
	insert: string;
	/** Key columns besides `day`, and the summed columns: a month row sums its day rows. */
	keys: string;
	sums: string[];
};

/**
 * A rollup of rows that change after insert, keyed by the local day of one instant column:
 * each table's `insert` aggregates the source rows joined to `d(day, f, t)` (a day and its
 * [f, t) instants). The tables of one source share its dirty hours.
 */
type DayRollup = {
	source: 'invitation' | 'request';
	stateName: string;
	/** The instant column's range over the whole table: where a full build starts and ends. */
	span: string;
	tables: DayTable[];
};

/** The person's current attributes as the person rollups store them ('' = none or no person). */
const PERSON = `coalesce(b.gender, ''), coalesce(b.age_band, ''), coalesce(b.city, '')`;

function invitationRollup(tz: string): DayRollup {
	const col = deliveredColumn();
	const r = rateSql('i', col);
	return {
		source: 'invitation',
		stateName: `invitations:${col}:p:${tz}`,
		span: `select min(${col}) lo, max(${col}) hi from invitation`,
		tables: [
			{
				table: 'dash_invitation_day',
				insert: `insert into dash_invitation_day (day, program_id, survey_version_id, invitations, delivered, completed)
		 select d.day, coalesce(i.program_id, 0), coalesce(i.survey_version_id, 0), count(*), ${r.delivered}, ${r.completed}
		 from d join invitation i on i.${col} >= d.f and i.${col} < d.t group by 1, 2, 3`,
				keys: 'program_id, survey_version_id',
				sums: ['invitations', 'delivered', 'completed']
			},
			{
				table: 'dash_invitation_person_day',
				insert: `insert into dash_invitation_person_day (day, program_id, survey_version_id, gender, age_band, city, invitations, delivered, completed)
		 select d.day, coalesce(i.program_id, 0), coalesce(i.survey_version_id, 0), ${PERSON}, count(*), ${r.delivered}, ${r.completed}
		 from d join invitation i on i.${col} >= d.f and i.${col} < d.t left join beneficiary b on b.id = i.beneficiary_id
		 group by 1, 2, 3, 4, 5, 6`,
				keys: 'program_id, survey_version_id, gender, age_band, city',
				sums: ['invitations', 'delivered', 'completed']
			}
		]
	};
}

/** Whole days taken, as the decision distribution buckets them: floor(whole hours / 24). */
export const HOURS_SQL = `(q.decided_at - q.received_at) / 3600000`;
export const DAYS_SQL = `case when ${HOURS_SQL} >= 0 then ${HOURS_SQL} / 24 else (${HOURS_SQL} - 23) / 24 end`;

function decisionRollup(tz: string): DayRollup {
	return {
		source: 'request',
		stateName: `decisions:p:${tz}`,
		span: `select min(decided_at) lo, max(decided_at) hi from request`,
		tables: [
			{
				table: 'dash_decision_day',
				insert: `insert into dash_decision_day (day, channel_id, days, decided, within)
		 select d.day, coalesce(q.channel_id, 0), ${DAYS_SQL}, count(*), coalesce(sum(q.decided_at <= q.due_at), 0)
		 from d join request q on q.decided_at >= d.f and q.decided_at < d.t group by 1, 2, 3`,
				keys: 'channel_id, days',
				sums: ['decided', 'within']
			},
			{
				table: 'dash_decision_person_day',
				insert: `insert into dash_decision_person_day (day, days, gender, age_band, city, decided, within)
		 select d.day, ${DAYS_SQL}, ${PERSON}, count(*), coalesce(sum(q.decided_at <= q.due_at), 0)
		 from d join request q on q.decided_at >= d.f and q.decided_at < d.t left join beneficiary b on b.id = q.beneficiary_id
		 group by 1, 2, 3, 4, 5`,
				keys: 'days, gender, age_band, city',
				sums: ['decided', 'within']
			}
		]
	};
}

/**
 * Re-aggregate `days` (local dates) of a day rollup: delete their rows, insert them again; then
 * the month rows of their months.
 */
function aggregateDays(r: DayRollup, days: string[], tz: string) {
	const c = getDb().$client;
	for (let i = 0; i < days.length; i += 200) {
		const chunk = days.slice(i, i + 200);
		const values = chunk.map(() => '(?, ?, ?)').join(', ');
		const params = chunk.flatMap((d) => [
			d,
			startOfLocalDay(d, tz).getTime(),
			startOfLocalDay(addDays(d, 1), tz).getTime()
		]);
		for (const t of r.tables) {
			shiftMonths(t, chunk, -1);
			c.prepare(`delete from ${t.table} where day in (${chunk.map(() => '?').join(', ')})`).run(
				...chunk
			);
			c.prepare(`with d(day, f, t) as (values ${values}) ${t.insert}`).run(...params);
			shiftMonths(t, chunk, 1);
		}
	}
}

/**
 * Month rows ('M' + YYYY-MM, as in the score rollups) hold the sum of their month's day rows.
 * Re-aggregating days moves them by the difference: minus the days' old rows (before they are
 * deleted), plus their new ones; a month row left at zero is deleted (every day row counts at
 * least one invitation, decision or request, so `sums[0] = 0` means nothing is left). Cost
 * follows the changed days, not the size of their months.
 */
function shiftMonths(t: DayTable, days: string[], sign: 1 | -1) {
	const c = getDb().$client;
	const marks = days.map(() => '?').join(', ');
	c.prepare(
		`insert into ${t.table} (day, ${t.keys}, ${t.sums.join(', ')})
		 select 'M' || substr(day, 1, 7), ${t.keys}, ${t.sums.map((x) => `${sign < 0 ? '-' : ''}sum(${x})`).join(', ')}
		 from ${t.table} where day in (${marks}) group by 1, ${t.keys}
		 on conflict (day, ${t.keys}) do update set ${t.sums.map((x) => `${x} = ${x} + excluded.${x}`).join(', ')}`
	).run(...days);
	if (sign > 0) {
		const months = [...new Set(days.map((d) => 'M' + d.slice(0, 7)))];
		c.prepare(
			`delete from ${t.table} where day in (${months.map(() => '?').join(', ')}) and ${t.sums[0]} = 0`
		).run(...months);
	}
}

function refreshDays(r: DayRollup, tz: string): number {
	const c = getDb().$client;
	const built = c.prepare(`select 1 x from dash_rollup_state where name = ?`).get(r.stateName);
	if (built && !c.prepare(`select 1 x from dash_dirty where source = ? limit 1`).get(r.source))
		return 0;
	return c
		.transaction(() => {
			const hours = c
				.prepare(`select hour from dash_dirty where source = ?`)
				.pluck()
				.all(r.source) as number[];
			c.prepare(`delete from dash_dirty where source = ?`).run(r.source);
			let days: string[];
			if (built) {
				const set = new Set<string>();
				for (const h of hours) {
					// an hour can straddle two local days in a zone with a half-hour offset
					set.add(localDate(h * 3_600_000, tz));
					set.add(localDate(h * 3_600_000 + 3_599_999, tz));
				}
				days = [...set];
			} else {
				for (const t of r.tables) c.exec(`delete from ${t.table}`);
				c.prepare(`delete from dash_rollup_state where name like ?`).run(
					r.stateName.split(':')[0] + ':%'
				);
				const span = c.prepare(r.span).get() as { lo: number | null; hi: number | null };
				days = [];
				if (span.lo != null && span.hi != null)
					for (
						let d = localDate(span.lo, tz), end = localDate(span.hi, tz);
						d <= end;
						d = addDays(d, 1)
					)
						days.push(d);
			}
			aggregateDays(r, days, tz);
			saveState(r.stateName, 0, days.length);
			return days.length;
		})
		.immediate();
}

/**
 * Requests per received local date, channel and the requester's current attributes
 * (dash_received_day): `received_local_date` is stored, so dirty days are kept as Julian day
 * numbers (source 'received', like responses) and re-aggregated from `request_received_idx`.
 */
const RECEIVED: DayTable = {
	table: 'dash_received_day',
	insert: `insert into dash_received_day (day, channel_id, gender, age_band, city, requests)
	 select q.received_local_date, q.channel_id, ${PERSON}, count(*)
	 from request q left join beneficiary b on b.id = q.beneficiary_id where ROWS group by 1, 2, 3, 4, 5`,
	keys: 'channel_id, gender, age_band, city',
	sums: ['requests']
};
const RECEIVED_STATE = 'received:p';

function refreshReceived(): number {
	const c = getDb().$client;
	const built = c.prepare(`select 1 x from dash_rollup_state where name = ?`).get(RECEIVED_STATE);
	if (built && !c.prepare(`select 1 x from dash_dirty where source = 'received' limit 1`).get())
		return 0;
	return c
		.transaction(() => {
			let days: string[];
			if (built) {
				days = c
					.prepare(`select date(hour + 0.5) from dash_dirty where source = 'received'`)
					.pluck()
					.all() as string[];
				for (let i = 0; i < days.length; i += 500) {
					const chunk = days.slice(i, i + 500);
					const marks = chunk.map(() => '?').join(', ');
					shiftMonths(RECEIVED, chunk, -1);
					c.prepare(`delete from ${RECEIVED.table} where day in (${marks})`).run(...chunk);
					c.prepare(RECEIVED.insert.replace('ROWS', `q.received_local_date in (${marks})`)).run(
						...chunk
					);
					shiftMonths(RECEIVED, chunk, 1);
				}
			} else {
				c.exec(`delete from ${RECEIVED.table}`);
				c.exec(RECEIVED.insert.replace('ROWS', '1'));
				days = c
					.prepare(`select distinct day from ${RECEIVED.table} where day < 'M'`)
					.pluck()
					.all() as string[];
				for (let i = 0; i < days.length; i += 500) shiftMonths(RECEIVED, days.slice(i, i + 500), 1);
			}
			c.exec(`delete from dash_dirty where source = 'received'`);
			saveState(RECEIVED_STATE, 0, days.length);
			return days.length;
		})
		.immediate();
}

/**
 * Bring every rollup up to date (cheap when nothing changed: a few indexed probes). Returns
 * how many responses were folded in and how many days of invitations and decisions were
 * (re-)aggregated.
 */
export function refreshRollups(opts: { verify?: boolean; timeZone?: string } = {}) {
	const tz = opts.timeZone ?? settings.get().timeZone;
	return {
		responses: refreshResponses(!!opts.verify),
		invitationDays: refreshDays(invitationRollup(tz), tz),
		decisionDays: refreshDays(decisionRollup(tz), tz),
		receivedDays: refreshReceived()
	};
}

let bypass = false;
/** Run `fn` with every indicator reading the raw rows (the specs' and the bench's reference). */
export function withoutRollups<T>(fn: () => T): T {
	bypass = true;
	try {
		return fn();
	} finally {
		bypass = false;
	}
}

/**
 * Which response rollup answers this filter set: by program, by respondent, by both (scores
 * only: dash_respondent_program_day), or none (raw rows).
 */
export function responseRollup(f: Filters): 'program' | 'respondent' | 'respondentProgram' | null {
	if (bypass) return null;
	const who = !!(f.channel || f.gender || f.ageBand || f.city || f.segment);
	if (!who) return 'program';
	return f.program ? 'respondentProgram' : 'respondent';
}

/** Can this filter set be answered from the program-level response rollups? */
export function usesRollup(f: Filters): boolean {
	return responseRollup(f) === 'program';
}

/** A gender, age band or city filter (the person's record; a segment is not one of these). */
function personAttrs(f: Filters): boolean {
	return !!(f.gender || f.ageBand || f.city);
}

/**
 * Which invitation rollup answers `f`: by program ('plain'), by program and the person's current
 * attributes ('person'), or none (a segment: membership is not in any rollup); refreshed once
 * per page load.
 */
export function invitationRolled(
	f: Filters,
	memo: <T>(f: Filters, key: string, fn: () => T) => T
): 'dash_invitation_day' | 'dash_invitation_person_day' | null {
	if (bypass || f.segment) return null;
	memo(f, 'rollup:refresh', () => refreshRollups({ timeZone: f.timeZone }));
	return personAttrs(f) ? 'dash_invitation_person_day' : 'dash_invitation_day';
}

/**
 * Which decision rollup answers `f`: by channel ('dash_decision_day'), by the person's current
 * attributes ('dash_decision_person_day': no channel), or none (a request category, a segment,
 * a channel together with a person filter).
 */
export function decisionTable(
	f: Filters,
	memo: <T>(f: Filters, key: string, fn: () => T) => T
): 'dash_decision_day' | 'dash_decision_person_day' | null {
	if (bypass || f.segment || f.requestType) return null;
	if (personAttrs(f) && f.channel) return null;
	memo(f, 'rollup:refresh', () => refreshRollups({ timeZone: f.timeZone }));
	return personAttrs(f) ? 'dash_decision_person_day' : 'dash_decision_day';
}

/** Can dash_received_day (requests by received date) answer `f`? Not a category or a segment. */
export function receivedRolled(
	f: Filters,
	memo: <T>(f: Filters, key: string, fn: () => T) => T
): boolean {
	if (bypass || f.segment || f.requestType) return false;
	memo(f, 'rollup:refresh', () => refreshRollups({ timeZone: f.timeZone }));
	return true;
}

/**
 * The person filters (gender, age band, city) on a person rollup, as ` and +…` on alias `a`:
 * those tables have no index on them, and without the `+` the planner builds an automatic
 * index over the whole table on every call (~300 ms) instead of reading the range's rows.
 */
export function personFilters(f: Filters, a = 'd') {
	const c: string[] = [];
	const p: string[] = [];
	for (const [col, v] of personColumns(f))
		if (v) {
			c.push(` and +${a}.${col} = ?`);
			p.push(v);
		}
	return { sql: c.join(''), params: p };
}

/** The filters a response rollup carries, as ` and …` on alias `a`. */
export function rollupFilters(f: Filters, a = 'd') {
	const c: string[] = [];
	const p: (string | number)[] = [];
	const eq = (col: string, v: string | number | null | undefined, plus = '') => {
		if (v == null || v === '') return;
		c.push(` and ${plus}${a}.${col} = ?`);
		p.push(v);
	};
	eq('program_id', f.program);
	// No rollup has an index that starts with the survey version: without the `+` the planner
	// built an automatic index over the whole table on every call (the aspects of one version
	// took 2–3 times the raw computation's time) instead of reading the range's rows.
	eq('survey_version_id', f.surveyVersion, '+');
	eq('gender', f.gender);
	eq('age_band', f.ageBand);
	eq('city', f.city);
	eq('channel', f.channel);
	eq('segment', f.segment);
	return { sql: c.join(''), params: p };
}

/**
 * FROM over any day rollup `table` (alias d) for a range: its segments (month rows, edge days)
 * joined to the table, each a range of its primary key. Callers append `where …`, with `+` on
 * other key columns (`+d.channel_id = ?`): else the planner may build an automatic index on
 * that column, a scan of the whole table on every call.
 */
export function segmentsJoin(table: string, range: Range) {
	const seg = segments(range);
	return {
		sql: `(values ${seg.map(() => '(?, ?)').join(', ')}) s cross join ${table} d on d.day >= s.column1 and d.day < s.column2`,
		params: seg.flat()
	};
}

/** A `with b(k, f, t, o)` CTE of buckets as their segments (month rows, edge days), numbered by bucket. */
export function bucketSegmentsCte(bs: Bucket[]) {
	const segs = bs.flatMap((b, o) => segments(b).map(([from, to]) => [b.key, from, to, o]));
	if (!segs.length)
		return { sql: `with b(k, f, t, o) as (select null, null, null, null where 0)`, params: [] };
	return {
		sql: `with b(k, f, t, o) as (values ${segs.map(() => '(?, ?, ?, ?)').join(', ')})`,
		params: segs.flat()
	};
}

/**
 * FROM … WHERE over a response rollup `table` (alias d) for a range and the filters: the
 * range's segments (month rows, edge days) joined to the table. Callers append ` and …`.
 */
export function rollupRange(table: string, f: Filters, range: Range) {
	const seg = segments(range);
	const w = rollupFilters(f);
	return {
		sql: `(values ${seg.map(() => '(?, ?)').join(', ')}) s join ${table} d on d.day >= s.column1 and d.day < s.column2 where 1${w.sql}`,
		params: [...seg.flat(), ...w.params]
	};
}

/**
 * The response rollup table (and its aspect table) for `f`, refreshed once per filters object
 * (page load); null when `f` must read `response` itself.
 */
export function rolled(
	f: Filters,
	memo: <T>(f: Filters, key: string, fn: () => T) => T
): { day: string; aspect: string | null } | null {
	const kind = responseRollup(f);
	if (!kind) return null;
	memo(f, 'rollup:refresh', () => refreshRollups({ timeZone: f.timeZone }));
	if (kind === 'program') return { day: 'dash_response_day', aspect: 'dash_aspect_day' };
	if (kind === 'respondent')
		return { day: 'dash_respondent_day', aspect: 'dash_respondent_aspect_day' };
	// a program and a respondent filter: scores by both; aspects from the program's rows
	return { day: 'dash_respondent_program_day', aspect: null };
}
