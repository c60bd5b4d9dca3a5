/** The one scan of response scores that CSAT, mean satisfaction and NPS share per period. */
import type { Filters, Range } from './filters';
import { rolled, rollupRange } from './rollup';
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
			const w = rollupRange(t.day, f, range);
			return one<ScoreStats>(
				`select coalesce(sum(d.n), 0) n, coalesce(sum(d.sum), 0) sum, coalesce(sum(d.sum_sq), 0) sumSq, coalesce(sum(d.top2), 0) top2,
				        coalesce(sum(d.nps_n), 0) npsN, coalesce(sum(d.promoters), 0) promoters, coalesce(sum(d.passives), 0) passives,
				        coalesce(sum(d.detractors), 0) detractors
				 from ${w.sql}`,
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
