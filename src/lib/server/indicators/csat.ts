/** CSAT = share of responses answering the overall question 4 or 5 on 1–5. */
import { csatShare, type Indicator } from '../../indicators';
import { comparisonRange, type Filters } from './filters';
import { scoreStats } from './scores';

export function csat(f: Filters): Indicator {
	const a = scoreStats(f, f);
	const b = scoreStats(f, comparisonRange(f));
	return {
		value: csatShare(a.top2, a.n),
		n: a.n,
		comparison: { value: csatShare(b.top2, b.n), n: b.n }
	};
}
