/** NPS = % promoters (9–10) − % detractors (0–6) on the 0–10 recommend question. */
import { npsFromCounts, type Indicator } from '../../indicators';
import { comparisonRange, type Filters } from './filters';
import { scoreStats } from './scores';

export type Nps = Indicator & {
	composition: { promoters: number; passives: number; detractors: number };
};

export function nps(f: Filters): Nps {
	const a = scoreStats(f, f);
	const b = scoreStats(f, comparisonRange(f));
	return {
		value: npsFromCounts(a.promoters, a.passives, a.detractors),
		n: a.npsN,
		comparison: { value: npsFromCounts(b.promoters, b.passives, b.detractors), n: b.npsN },
		composition: { promoters: a.promoters, passives: a.passives, detractors: a.detractors }
	};
}
