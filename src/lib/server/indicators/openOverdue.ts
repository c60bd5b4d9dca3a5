/**
 * Open overdue = requests still open (no decision, not closed) and past their due instant,
 * as of the end of the period (or now, if the period runs into the future). n = all
 * requests open at that instant. Reconstructed from the cached columns, so past periods
 * and the comparison period are answered the same way.
 */
import type { Indicator } from '../../indicators';
import { comparisonRange, type Filters, type Range } from './filters';
import { msRange, one, requestFilters } from './sql';

function at(f: Filters, range: Range, now: number) {
	const asOf = Math.min(msRange(range, f.timeZone)[1], now);
	const w = requestFilters(f);
	return one<{ open: number; overdue: number }>(
		`select count(*) open, coalesce(sum(q.due_at < ?), 0) overdue from request q
		 where q.received_at < ? and (q.decided_at is null or q.decided_at >= ?) and (q.closed_at is null or q.closed_at >= ?)${w.sql}`,
		[asOf, asOf, asOf, asOf, ...w.params]
	);
}

export function openOverdue(f: Filters, now = Date.now()): Indicator {
	const a = at(f, f, now);
	const b = at(f, comparisonRange(f), now);
	return { value: a.overdue, n: a.open, comparison: { value: b.overdue, n: b.open } };
}
