/**
 * Time to decision = request received → decision, in days, over requests DECIDED in the
 * period. Median (mean of the two middle values when n is even) and 90th percentile
 * (nearest rank: the ⌈0.9·n⌉-th smallest), both computed in SQL with ORDER BY + OFFSET
 * on the covering index — never by loading all rows.
 */
import type { Indicator } from '../../indicators';
import { comparisonRange, type Filters, type Range } from './filters';
import { all, memo, msRange, one, requestFilters } from './sql';

const DAY = 86_400_000;

function decidedWhere(f: Filters, range: Range) {
	const w = requestFilters(f);
	return { sql: `q.decided_at >= ? and q.decided_at < ?${w.sql}`, params: [...msRange(range, f.timeZone), ...w.params] };
}

/** The k-th smallest (0-based) decision time in days. */
function nth(f: Filters, range: Range, k: number, count = 1): number[] {
	const w = decidedWhere(f, range);
	return all<{ d: number }>(
		`select (q.decided_at - q.received_at) * 1.0 / ${DAY} d from request q where ${w.sql} order by d limit ? offset ?`,
		[...w.params, count, k]
	).map((r) => r.d);
}

export type Durations = { n: number; median: number | null; p90: number | null };

export function durations(f: Filters, range: Range): Durations {
	return memo(f, `dur:${range.from}:${range.to}`, () => {
		const w = decidedWhere(f, range);
		const { n } = one<{ n: number }>(`select count(*) n from request q where ${w.sql}`, w.params);
		if (n === 0) return { n, median: null, p90: null };
		const mid = nth(f, range, Math.floor((n - 1) / 2), n % 2 === 0 ? 2 : 1);
		const median = mid.reduce((a, b) => a + b, 0) / mid.length;
		const p90 = nth(f, range, Math.ceil(0.9 * n) - 1)[0];
		return { n, median, p90 };
	});
}

export function medianTimeToDecision(f: Filters): Indicator {
	const a = durations(f, f);
	const b = durations(f, comparisonRange(f));
	return { value: a.median, n: a.n, comparison: { value: b.median, n: b.n } };
}

export function p90TimeToDecision(f: Filters): Indicator {
	const a = durations(f, f);
	const b = durations(f, comparisonRange(f));
	return { value: a.p90, n: a.n, comparison: { value: b.p90, n: b.n } };
}

/** Histogram: requests decided in the period by whole days taken (0, 1, 2 … `cap`+). */
export function decisionDistribution(f: Filters, cap = 30): { days: number; count: number }[] {
	const w = decidedWhere(f, f);
	return all<{ days: number; count: number }>(
		`select min(cast((q.decided_at - q.received_at) / ${DAY} as integer), ?) days, count(*) count
		 from request q where ${w.sql} group by 1 order by 1`,
		[cap, ...w.params]
	);
}
