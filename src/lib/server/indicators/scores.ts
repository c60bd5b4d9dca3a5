/** The one scan of response scores that CSAT, mean satisfaction and NPS share per period. */
import type { Filters, Range } from './filters';
import { rolled, rollupWhere } from './rollup';
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
		const t = rolled(f, memo);
		if (t) {
			const w = rollupWhere(f, range);
			return one<ScoreStats>(
				`select coalesce(sum(n), 0) n, coalesce(sum(sum), 0) sum, coalesce(sum(sum_sq), 0) sumSq, coalesce(sum(top2), 0) top2,
				        coalesce(sum(nps_n), 0) npsN, coalesce(sum(promoters), 0) promoters, coalesce(sum(passives), 0) passives,
				        coalesce(sum(detractors), 0) detractors
				 from ${t.day} d where ${w.sql}`,
				w.params
			);
		}
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
