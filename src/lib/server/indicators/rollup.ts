/**
 * Daily response rollups. Responses are immutable once submitted, so new ones are folded in
 * above a watermark (highest id seen) at the start of each dashboard load: one indexed
 * probe when nothing changed. If rows disappeared (a deletion), everything is rebuilt.
 * Rollups serve the overview when no respondent-attribute filter (channel, gender, age band,
 * city) is set; with such filters the indicators read `response` directly.
 */
import { getDb } from '../db';
import type { Filters } from './filters';

const UPSERT_RESPONSES = `
insert into dash_response_day (day, program_id, survey_version_id, responses, n, sum, sum_sq, top2, nps_n, promoters, passives, detractors)
select local_date, coalesce(program_id, 0), survey_version_id, count(*), count(csat), coalesce(sum(csat), 0), coalesce(sum(csat * csat), 0),
       coalesce(sum(csat >= 4), 0), count(nps), coalesce(sum(nps >= 9), 0), coalesce(sum(nps between 7 and 8), 0), coalesce(sum(nps <= 6), 0)
from response where id > ? and id <= ? group by 1, 2, 3
on conflict (day, program_id, survey_version_id) do update set
  responses = responses + excluded.responses, n = n + excluded.n, sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq,
  top2 = top2 + excluded.top2, nps_n = nps_n + excluded.nps_n, promoters = promoters + excluded.promoters,
  passives = passives + excluded.passives, detractors = detractors + excluded.detractors`;

const UPSERT_ASPECTS = `
insert into dash_aspect_day (day, program_id, survey_version_id, aspect, n, sum, sum_sq)
select r.local_date, coalesce(r.program_id, 0), r.survey_version_id, a.aspect, count(*), sum(a.score), sum(a.score * a.score)
from response r join response_aspect a on a.response_id = r.id where r.id > ? and r.id <= ? group by 1, 2, 3, 4
on conflict (day, program_id, survey_version_id, aspect) do update set n = n + excluded.n, sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq`;

/**
 * One row per channel a response names: each ticked channel of a checkbox channel question
 * (response_dimension, key "channel"), else the response's channel column.
 */
export const CHANNEL_ROWS = `select r.local_date day, coalesce(d.value, r.channel) ch from response r
  left join response_dimension d on d.response_id = r.id and d.key = 'channel'`;

const UPSERT_CHANNELS = `
insert into dash_channel_day (day, channel, responses)
select day, ch, count(*) from (${CHANNEL_ROWS} where r.id > ? and r.id <= ?) where ch is not null group by 1, 2
on conflict (day, channel) do update set responses = responses + excluded.responses`;

/** Full row counts (to notice deletions) at most this often; new rows are seen at once. */
const VERIFY_MS = 10 * 60_000;
let verifiedAt = 0;

/** Bring the rollups up to date. Returns how many responses were folded in. */
export function refreshRollups(opts: { verify?: boolean } = {}): number {
	const c = getDb().$client;
	const state = c
		.prepare(`select last_id lastId, rows from dash_rollup_state where name = 'responses'`)
		.get() as { lastId: number; rows: number } | undefined;
	const maxId = (
		c.prepare(`select coalesce(max(id), 0) maxId from response`).get() as { maxId: number }
	).maxId;
	const lastId = state?.lastId ?? 0;
	const have = state?.rows ?? 0;
	const verify = opts.verify || Date.now() - verifiedAt > VERIFY_MS;
	// Fast path: nothing new (one probe of the primary key) and no verification due.
	if (state && maxId === lastId && !verify) return 0;
	const rows = (c.prepare(`select count(*) n from response`).get() as { n: number }).n;
	verifiedAt = Date.now();
	if (state && maxId === lastId && rows === have) return 0;
	const rebuild =
		!state ||
		rows < have ||
		maxId < lastId ||
		rows - have !==
			(c.prepare(`select count(*) n from response where id > ?`).get(lastId) as { n: number }).n;
	return c.transaction(() => {
		let from = lastId;
		if (rebuild) {
			c.exec(
				`delete from dash_response_day; delete from dash_aspect_day; delete from dash_channel_day;`
			);
			from = 0;
		}
		c.prepare(UPSERT_RESPONSES).run(from, maxId);
		c.prepare(UPSERT_ASPECTS).run(from, maxId);
		c.prepare(UPSERT_CHANNELS).run(from, maxId);
		c.prepare(
			`insert into dash_rollup_state (name, last_id, rows, built_at) values ('responses', ?, ?, ?) on conflict (name) do update set last_id = excluded.last_id, rows = excluded.rows, built_at = excluded.built_at`
		).run(maxId, rows, Date.now());
		return rows - (rebuild ? 0 : have);
	})();
}

/** Can this filter set be answered from the daily rollups? */
export function usesRollup(f: Filters): boolean {
	return !f.channel && !f.gender && !f.ageBand && !f.city && !f.segment;
}

/** WHERE on a rollup table (alias d) for the range and the program / survey version filters. */
export function rollupWhere(f: Filters, range: { from: string; to: string }, a = 'd') {
	const c = [`${a}.day >= ?`, `${a}.day < ?`];
	const p: (string | number)[] = [range.from, range.to];
	if (f.program) {
		c.push(`${a}.program_id = ?`);
		p.push(f.program);
	}
	if (f.surveyVersion) {
		c.push(`${a}.survey_version_id = ?`);
		p.push(f.surveyVersion);
	}
	return { sql: c.join(' and '), params: p };
}

/** True when `f` can use the rollups; refreshes them once per filters object (page load). */
export function rolled(f: Filters, memo: <T>(f: Filters, key: string, fn: () => T) => T): boolean {
	if (!usesRollup(f)) return false;
	memo(f, 'rollup:refresh', refreshRollups);
	return true;
}
