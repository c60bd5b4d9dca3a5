/**
 * Everything the dashboard's overview shows, in one call: the function the page's load
 * and the bench both use. Panels whose data source has no rows at all are omitted.
 */
import { aspects } from './aspects';
import { channelMix, channelSeries } from './channelMix';
import { csat } from './csat';
import type { Filters } from './filters';
import { indirectReach, reachSeries } from './indirectReach';
import { nps } from './nps';
import { openOverdue } from './openOverdue';
import { responseRate, responseRateByProgram } from './responseRate';
import { satisfaction, satisfactionByProgram, satisfactionTrend } from './satisfaction';
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
		website: has(`select 1 x from site_day limit 1`),
		social: has(`select 1 x from social_reach limit 1`)
	};
}

export function loadOverview(f: Filters, slaDays: number, now = Date.now()) {
	const src = sources();
	const reach = src.website || src.social ? indirectReach(f) : null;
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
			reach: reach ? { value: reach.value, n: reach.n, comparison: reach.comparison } : null
		},
		panels: {
			trend: src.responses ? satisfactionTrend(f) : null,
			nps: src.responses ? nps(f).composition : null,
			aspects: src.responses ? aspects(f).value : null,
			byProgram: src.responses ? satisfactionByProgram(f) : null,
			distribution: src.requests ? { slaDays, rows: decisionDistribution(f) } : null,
			sla: src.requests ? slaTrend(f) : null,
			channels: src.requests ? channelSeries(f) : null,
			channelMix: src.requests || src.responses ? channelMix(f).value : null,
			reach: reach ? { website: reach.website, impressions: reach.impressions, platforms: reach.platforms, series: reachSeries(f) } : null,
			responseRate: src.invitations ? responseRateByProgram(f) : null
		}
	};
}

export type Overview = ReturnType<typeof loadOverview>;
