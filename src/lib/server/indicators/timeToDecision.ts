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
	return {
		sql: `q.decided_at >= ? and q.decided_at < ?${w.sql}`,
		params: [...msRange(range, f.timeZone), ...w.params]
	};
}

const HOUR = 3_600_000;

/** Decisions per whole hour taken: a small histogram (hundreds of rows) used to find ranks. */
export function hourHistogram(
	f: Filters,
	range: Range
): { h: number; c: number; within: number }[] {
	return memo(f, `hist:${range.from}:${range.to}`, () => {
		const w = decidedWhere(f, range);
		return all<{ h: number; c: number; within: number }>(
			`select cast((q.decided_at - q.received_at) / ${HOUR} as integer) h, count(*) c, sum(q.decided_at <= q.due_at) within
			 from request q where ${w.sql} group by 1 order by 1`,
			w.params
		);
	});
}

/**
 * The k-th smallest (0-based) decision time in days, exactly: the hour histogram says which
 * hour holds rank k, then only that hour's rows are ordered (ORDER BY + OFFSET in SQL).
 */
function nth(f: Filters, range: Range, k: number): number {
	const hist = hourHistogram(f, range);
	let before = 0;
	for (const { h, c } of hist) {
		if (k < before + c) {
			const w = decidedWhere(f, range);
			return one<{ d: number }>(
				`select (q.decided_at - q.received_at) * 1.0 / ${DAY} d from request q
				 where ${w.sql} and q.decided_at - q.received_at >= ? and q.decided_at - q.received_at < ? order by d limit 1 offset ?`,
				[...w.params, h * HOUR, (h + 1) * HOUR, k - before]
			).d;
		}
		before += c;
	}
	throw new RangeError(`rank ${k} beyond ${before} decisions`);
}

export type Durations = { n: number; median: number | null; p90: number | null };

export function durations(f: Filters, range: Range): Durations {
	return memo(f, `dur:${range.from}:${range.to}`, () => {
		const n = hourHistogram(f, range).reduce((s, x) => s + x.c, 0);
		if (n === 0) return { n, median: null, p90: null };
		const lo = Math.floor((n - 1) / 2);
		const median =
			n % 2 === 0 ? (nth(f, range, lo) + nth(f, range, lo + 1)) / 2 : nth(f, range, lo);
		const p90 = nth(f, range, Math.ceil(0.9 * n) - 1);
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
	const days = new Map<number, number>();
	for (const { h, c } of hourHistogram(f, f)) {
		const d = Math.min(Math.floor(h / 24), cap);
		days.set(d, (days.get(d) ?? 0) + c);
	}
	return [...days].sort((a, b) => a[0] - b[0]).map(([d, count]) => ({ days: d, count }));
}
