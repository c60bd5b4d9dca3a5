/**
 * Share of requests decided within the SLA, over requests decided in the period. The due
 * instant is cached on each request by the requests module (calendar or working days, per
 * settings), so "within" is simply decided_at <= due_at.
 */
import { share, type Indicator } from '../../indicators';
import { buckets, comparisonRange, type Filters, type Range } from './filters';
import { all, bucketCteMs, memo, msRange, requestFilters } from './sql';
import { bucketSegmentsCte, decisionTable, personFilters } from './rollup';
import { dayHistogram } from './timeToDecision';

/** Same scan as time to decision (its hour histogram carries the within-SLA count). */
function counts(f: Filters, range: Range) {
	const hist = dayHistogram(f, range);
	return { n: hist.reduce((s, x) => s + x.c, 0), within: hist.reduce((s, x) => s + x.within, 0) };
}

export function withinSla(f: Filters): Indicator {
	const a = counts(f, f);
	const b = counts(f, comparisonRange(f));
	return {
		value: share(a.within, a.n),
		n: a.n,
		comparison: { value: share(b.within, b.n), n: b.n }
	};
}

export type SlaPoint = {
	key: string;
	from: string;
	to: string;
	n: number;
	within: number;
	share: number | null;
	/** Withheld from this reader: it rests on fewer than 5 people (smallCells.ts). */
	withheld?: boolean;
};

export function slaTrend(f: Filters): SlaPoint[] {
	const bs = buckets(f, f.grain, f.calendar);
	type Row = { k: string; n: number; within: number };
	let rows: Row[];
	const table = decisionTable(f, memo);
	if (table) {
		const cte = bucketSegmentsCte(bs);
		const ch = f.channel ? ' and +d.channel_id = (select id from channel where key = ?)' : '';
		const who = personFilters(f);
		rows = all<Row>(
			`${cte.sql}
			 select b.k, coalesce(sum(d.decided), 0) n, coalesce(sum(d.within), 0) within
			 from b left join ${table} d on d.day >= b.f and d.day < b.t${ch}${who.sql}
			 group by b.o order by b.o`,
			[...cte.params, ...(f.channel ? [f.channel] : []), ...who.params]
		);
	} else {
		const w = requestFilters(f);
		const cte = bucketCteMs(bs, f.timeZone);
		const span = bs.length
			? msRange({ from: bs[0].from, to: bs[bs.length - 1].to }, f.timeZone)
			: [0, 0];
		// the period's decisions once (CROSS JOIN keeps request outside: with a person filter the
		// planner otherwise seeks every person's requests once per bucket), then every bucket
		rows = all<Row>(
			`${cte.sql}
			 select b.k, coalesce(x.n, 0) n, coalesce(x.within, 0) within from b left join (
			   select b.o, count(*) n, coalesce(sum(q.decided_at <= q.due_at), 0) within
			   from request q cross join b on q.decided_at >= b.f and q.decided_at < b.t
			   where q.decided_at >= ? and q.decided_at < ?${w.sql} group by b.o) x on x.o = b.o
			 order by b.o`,
			[...cte.params, ...span, ...w.params]
		);
	}
	return rows.map((r, i) => ({
		key: r.k,
		from: bs[i].from,
		to: bs[i].to,
		n: r.n,
		within: r.within,
		share: share(r.within, r.n)
	}));
}
