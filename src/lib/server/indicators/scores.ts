/** The one scan of response scores that CSAT, mean satisfaction and NPS share per period. */
import type { Filters, Range } from './filters';
import { memo, one, responseWhere } from './sql';

export type ScoreStats = {
	n: number;
	sum: number;
	sumSq: number;
	top2: number;
	npsN: number;
	promoters: number;
	passives: number;
	detractors: number;
};

export function scoreStats(f: Filters, range: Range): ScoreStats {
	return memo(f, `scores:${range.from}:${range.to}`, () => {
		const w = responseWhere(f, range);
		return one<ScoreStats>(
			`select count(r.csat) n, coalesce(sum(r.csat), 0) sum, coalesce(sum(r.csat * r.csat), 0) sumSq,
			        coalesce(sum(r.csat >= 4), 0) top2, count(r.nps) npsN,
			        coalesce(sum(r.nps >= 9), 0) promoters, coalesce(sum(r.nps between 7 and 8), 0) passives,
			        coalesce(sum(r.nps <= 6), 0) detractors
			 from response r where ${w.sql}`,
			w.params
		);
	});
}
