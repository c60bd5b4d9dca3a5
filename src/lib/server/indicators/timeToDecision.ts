/**
 * Time to decision = request received → decision, in days, over requests DECIDED in the
 * period. Median (mean of the two middle values when n is even) and 90th percentile
 * (nearest rank: the ⌈0.9·n⌉-th smallest), both computed in SQL with ORDER BY + OFFSET
 * on the covering index — never by loading all rows.
 */
import type { Indicator } from '../../indicators';
import { comparisonRange, type Filters, type Range } from './filters';
import { DAYS_SQL, HOURS_SQL, decisionTable, personFilters, segmentsJoin } from './rollup';
import { all, memo, msRange, one, requestFilters } from './sql';

const DAY = 86_400_000;

function decidedWhere(f: Filters, range: Range) {
	const w = requestFilters(f);
	return {
		sql: `q.decided_at >= ? and q.decided_at < ?${w.sql}`,
		params: [...msRange(range, f.timeZone), ...w.params]
	};
}

/**
 * Decisions per whole days taken (floor of whole hours / 24, the distribution's bucket), with
 * how many were within their due instant: a few dozen rows, read from the day rollup when the
 * filters allow (rollup.ts), else aggregated from `request`.
 */
export function dayHistogram(
	f: Filters,
	range: Range
): { days: number; c: number; within: number }[] {
	return memo(f, `hist:${range.from}:${range.to}`, () => {
		const table = decisionTable(f, memo);
		if (table) {
			// by channel, or (dash_decision_person_day) by the person's gender, age band, city
			const ch = f.channel ? ' and +d.channel_id = (select id from channel where key = ?)' : '';
			const who = personFilters(f);
			const j = segmentsJoin(table, range);
			return all<{ days: number; c: number; within: number }>(
				`select d.days, sum(d.decided) c, sum(d.within) within from ${j.sql}
				 where 1${ch}${who.sql} group by d.days order by d.days`,
				[...j.params, ...(f.channel ? [f.channel] : []), ...who.params]
			);
		}
		const w = decidedWhere(f, range);
		return all<{ days: number; c: number; within: number }>(
			`select ${DAYS_SQL} days, count(*) c, coalesce(sum(q.decided_at <= q.due_at), 0) within
			 from request q where ${w.sql} group by 1 order by 1`,
			w.params
		);
	});
}

/**
 * The k-th smallest (0-based) decision time in days, exactly: the histogram says which bucket
 * of whole days holds rank k, then only that bucket's rows are ordered (ORDER BY + OFFSET in
 * SQL, on the expression index request_hours_idx, one seek per hour of that day).
 */
/** 24 equalities, not a range: each hour is then one seek bounded by the period on decided_at. */
const HOURS_OF_DAY = Array(24).fill('?').join(', ');

function nth(f: Filters, range: Range, k: number): number {
	let before = 0;
	for (const { days, c } of dayHistogram(f, range)) {
		if (k < before + c) {
			const w = decidedWhere(f, range);
			return one<{ d: number }>(
				`select (q.decided_at - q.received_at) * 1.0 / ${DAY} d from request q
				 where ${HOURS_SQL} in (${HOURS_OF_DAY}) and ${w.sql} order by d limit 1 offset ?`,
				[...Array.from({ length: 24 }, (_, i) => days * 24 + i), ...w.params, k - before]
			).d;
		}
		before += c;
	}
	throw new RangeError(`rank ${k} beyond ${before} decisions`);
}

export type Durations = { n: number; median: number | null; p90: number | null };

export function durations(f: Filters, range: Range): Durations {
	return memo(f, `dur:${range.from}:${range.to}`, () => {
		const n = dayHistogram(f, range).reduce((s, x) => s + x.c, 0);
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
	for (const { days: x, c } of dayHistogram(f, f)) {
		const d = Math.min(x, cap);
		days.set(d, (days.get(d) ?? 0) + c);
	}
	return [...days].sort((a, b) => a[0] - b[0]).map(([d, count]) => ({ days: d, count }));
}
