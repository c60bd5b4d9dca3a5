/**
 * Everything the dashboard's overview shows, in one call: the function the page's load
 * and the bench both use. Panels whose data source has no rows at all are omitted.
 */
import { aspects } from './aspects';
import { channelMix, channelSeries } from './channelMix';
import { csat } from './csat';
import { directBeneficiaries } from './directBeneficiaries';
import type { Filters } from './filters';
import { indirectReach, reachSeries } from './indirectReach';
import { nps } from './nps';
import { openOverdue } from './openOverdue';
import { responseRate, responseRateByProgram } from './responseRate';
import {
	satisfaction,
	satisfactionByProgram,
	satisfactionBySegment,
	satisfactionTrend
} from './satisfaction';
import { perConnection } from '../db';
import { refreshRollups } from './rollup';
import { one } from './sql';
import { decisionDistribution, medianTimeToDecision, p90TimeToDecision } from './timeToDecision';
import { slaTrend, withinSla } from './withinSla';

/** Which data sources have any rows at all (cheap: one indexed probe each). */
export function sources() {
	const has = (sql: string) => !!one<{ x: number } | undefined>(sql);
	return {
		responses: has(`select 1 x from response limit 1`),
		invitations: has(`select 1 x from invitation limit 1`),
		requests: has(`select 1 x from request limit 1`),
		enrollments: has(`select 1 x from enrollment limit 1`),
		website: has(`select 1 x from site_day limit 1`),
		social: has(`select 1 x from social_reach limit 1`)
	};
}

export function loadOverview(f: Filters, slaDays: number, now = Date.now()) {
	const src = sources();
	const reach = src.website || src.social ? indirectReach(f) : null;
	const direct = src.enrollments || src.requests ? directBeneficiaries(f) : null;
	return {
		sources: src,
		tiles: {
			csat: src.responses ? csat(f) : null,
			satisfaction: src.responses ? satisfaction(f) : null,
			nps: src.responses ? nps(f) : null,
			responseRate: src.invitations ? responseRate(f) : null,
			medianDays: src.requests ? medianTimeToDecision(f) : null,
			p90Days: src.requests ? p90TimeToDecision(f) : null,
			withinSla: src.requests ? withinSla(f) : null,
			openOverdue: src.requests ? openOverdue(f, now) : null,
			reach: reach ? { value: reach.value, n: reach.n, comparison: reach.comparison } : null,
			directServed: direct?.directServed ?? null,
			directSurveyed: direct?.directSurveyed ?? null,
			directResponded: direct?.directResponded ?? null,
			directComplete: direct?.directComplete ?? null
		},
		panels: {
			trend: src.responses ? satisfactionTrend(f) : null,
			nps: src.responses ? nps(f).composition : null,
			aspects: src.responses ? aspects(f).value : null,
			byProgram: src.responses ? satisfactionByProgram(f) : null,
			bySegment: src.responses ? satisfactionBySegment(f) : null,
			distribution: src.requests ? { slaDays, rows: decisionDistribution(f) } : null,
			sla: src.requests ? slaTrend(f) : null,
			channels: src.requests ? channelSeries(f) : null,
			channelMix: src.requests || src.responses ? channelMix(f).value : null,
			reach: reach
				? {
						website: reach.website,
						impressions: reach.impressions,
						platforms: reach.platforms,
						series: reachSeries(f)
					}
				: null,
			responseRate: src.invitations ? responseRateByProgram(f) : null
		}
	};
}

export type Overview = ReturnType<typeof loadOverview>;

/**
 * A short-lived cache of whole overviews: keyed by the filters and a data version (highest
 * ids of responses, invitations and request events — each request change adds an event —
 * and the reach tables' sizes), and never older than TTL_MS (delivery marks on invitations and
 * same-day reach rollups change rows in place, so they can lag by at most that long).
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 50;
const overviews = () =>
	perConnection(
		'indicators.overviews',
		() => new Map<string, { at: number; version: string; value: Overview }>()
	);

function dataVersion(): string {
	const v = one<Record<string, number | null>>(
		`select (select max(id) from response) r, (select max(id) from invitation) i, (select max(id) from request_event) e,
		        (select max(id) from social_reach) s, (select max(updated_at) from social_reach) su, (select max(day) from site_day) d, (select max(rowid) from enrollment) en, (select max(id) from beneficiary) be, (select max(built_at) from dash_rollup_state) b`
	);
	return Object.values(v).join('|');
}

export function cachedOverview(f: Filters, slaDays: number, now = Date.now()): Overview {
	const { calendar, timeZone, ...rest } = f;
	const key = JSON.stringify([rest, calendar, timeZone, slaDays]);
	refreshRollups(); // first, so the version below already reflects the rollups' state
	const version = dataVersion();
	const cache = overviews();
	const hit = cache.get(key);
	if (hit && hit.version === version && now - hit.at < TTL_MS) return hit.value;
	const value = loadOverview(f, slaDays, now);
	cache.set(key, { at: now, version, value });
	if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
	return value;
}

export function clearOverviewCache() {
	overviews().clear();
}
