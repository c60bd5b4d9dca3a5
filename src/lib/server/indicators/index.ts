export * from './filters';
export { csat } from './csat';
export {
	satisfaction,
	satisfactionTrend,
	satisfactionByProgram,
	satisfactionBySegment
} from './satisfaction';
export { nps } from './nps';
export { aspects, ASPECTS } from './aspects';
export {
	responseRate,
	responseRateByProgram,
	deliveredColumn,
	deliveredSql,
	rateSql,
	rateOf
} from './responseRate';
export {
	medianTimeToDecision,
	p90TimeToDecision,
	durations,
	decisionDistribution
} from './timeToDecision';
export { withinSla, slaTrend } from './withinSla';
export { openOverdue } from './openOverdue';
export { channelMix, channelSeries } from './channelMix';
export { indirectReach, reachSeries } from './indirectReach';
export { directBeneficiaries, directCounts } from './directBeneficiaries';
export {
	loadOverview,
	cachedOverview,
	clearOverviewCache,
	sources,
	type Overview
} from './overview';
