/** Mean satisfaction (1–5) with a 95% confidence interval; trend and per-program series. */
import { meanCI, csatShare, type Indicator, type MeanCI } from '../../indicators';
import { buckets, comparisonRange, type Filters } from './filters';
import { scoreStats } from './scores';
import { rolled, rollupFilters, rollupRange, segments, usesRollup } from './rollup';
import { all, bucketCte, memo, responseFilters, responseWhere } from './sql';

export type Satisfaction = Indicator & { ci: MeanCI; comparisonCi: MeanCI };

export function satisfaction(f: Filters): Satisfaction {
	const a = scoreStats(f, f);
	const b = scoreStats(f, comparisonRange(f));
	const ci = meanCI(a.n, a.sum, a.sumSq);
	const comparisonCi = meanCI(b.n, b.sum, b.sumSq);
	return {
		value: ci.mean,
		n: a.n,
		comparison: { value: comparisonCi.mean, n: b.n },
		ci,
		comparisonCi
	};
}

export type TrendPoint = {
	key: string;
	from: string;
	to: string;
	n: number;
	mean: number | null;
	low: number | null;
	high: number | null;
	csat: number | null;
	/** Withheld from this reader: it rests on fewer than 5 people (smallCells.ts). */
	withheld?: boolean;
};

/** Mean satisfaction (with CI) and CSAT per month or quarter of the range. */
export function satisfactionTrend(f: Filters): TrendPoint[] {
	return memo(f, 'satTrend', () => {
		const bs = buckets(f, f.grain, f.calendar);
		const cte = bucketCte(bs);
		type Row = { k: string; n: number; s: number; ss: number; top2: number };
		let rows: Row[];
		const t = bs.length ? rolled(f, memo) : null;
		if (t) {
			// each bucket as its segments (month rows, edge days), numbered by its bucket
			const segs = bs.flatMap((b, o) => segments(b).map(([from, to]) => [b.key, from, to, o]));
			const w = rollupFilters(f);
			rows = all<Row>(
				`with b(k, f, t, o) as (values ${segs.map(() => '(?, ?, ?, ?)').join(', ')})
				 select b.k, coalesce(sum(d.n), 0) n, coalesce(sum(d.sum), 0) s, coalesce(sum(d.sum_sq), 0) ss, coalesce(sum(d.top2), 0) top2
				 from b left join ${t.day} d on d.day >= b.f and d.day < b.t${w.sql}
				 group by b.o order by b.o`,
				[...segs.flat(), ...w.params]
			);
		} else {
			const w = responseFilters(f);
			rows = all<Row>(
				`${cte.sql}
			 select b.k, count(r.csat) n, coalesce(sum(r.csat), 0) s, coalesce(sum(r.csat * r.csat), 0) ss, coalesce(sum(r.csat >= 4), 0) top2
			 from b left join response r on r.local_date >= b.f and r.local_date < b.t and r.csat is not null${w.sql}
			 group by b.o order by b.o`,
				[...cte.params, ...w.params]
			);
		}
		return rows.map((r, i) => {
			const ci = meanCI(r.n, r.s, r.ss);
			return {
				key: r.k,
				from: bs[i].from,
				to: bs[i].to,
				n: r.n,
				mean: ci.mean,
				low: ci.low,
				high: ci.high,
				csat: csatShare(r.top2, r.n)
			};
		});
	});
}

export type ProgramScore = {
	programId: number;
	nameAr: string;
	nameEn: string;
	n: number;
	mean: number | null;
	low: number | null;
	high: number | null;
	csat: number | null;
};

/** Mean satisfaction per program, lowest first (what to improve reads at the top). */
export function satisfactionByProgram(f: Filters): ProgramScore[] {
	type Row = {
		id: number;
		nameAr: string;
		nameEn: string;
		n: number;
		s: number;
		ss: number;
		top2: number;
	};
	let rows: Row[];
	const t = rolled(f, memo);
	if (t) {
		// by program, or by program and the respondent snapshot
		const w = rollupRange(
			usesRollup(f) ? 'dash_response_day' : 'dash_respondent_program_day',
			f,
			f
		);
		rows = all<Row>(
			`select p.id, p.name_ar nameAr, p.name_en nameEn, x.n, x.s, x.ss, x.top2
			 from (select d.program_id pid, sum(d.n) n, sum(d.sum) s, sum(d.sum_sq) ss, sum(d.top2) top2
			       from ${w.sql} and d.program_id > 0 group by d.program_id) x
			 join program p on p.id = x.pid where x.n > 0`,
			w.params
		);
	} else {
		const w = responseWhere(f, f);
		rows = all<Row>(
			`select p.id, p.name_ar nameAr, p.name_en nameEn, x.n, x.s, x.ss, x.top2
		 from (select +r.program_id pid, count(r.csat) n, sum(r.csat) s, sum(r.csat * r.csat) ss, sum(r.csat >= 4) top2
		       from response r where ${w.sql} and r.csat is not null group by 1) x
		 join program p on p.id = x.pid`,
			w.params
		);
	}
	return rows
		.map((r) => {
			const ci = meanCI(r.n, r.s, r.ss);
			return {
				programId: r.id,
				nameAr: r.nameAr,
				nameEn: r.nameEn,
				n: r.n,
				mean: ci.mean,
				low: ci.low,
				high: ci.high,
				csat: csatShare(r.top2, r.n)
			};
		})
		.sort((a, b) => (a.mean ?? 0) - (b.mean ?? 0) || a.programId - b.programId);
}

export type SegmentScore = Omit<ProgramScore, 'programId'> & {
	/** Segment key (the response's snapshot); a response without one counts as a direct beneficiary. */
	key: string;
};

/** Mean satisfaction (95% CI) and CSAT per stakeholder segment, in the segments' own order. */
export function satisfactionBySegment(f: Filters): SegmentScore[] {
	type Row = {
		key: string;
		nameAr: string | null;
		nameEn: string | null;
		n: number;
		s: number;
		ss: number;
		top2: number;
	};
	const tail = `left join segment g on g.key = x.seg
		 order by coalesce(g.position, 1e9), g.id, x.seg`;
	let rows: Row[];
	// the respondent rollups carry the segment ('' for none); with a program, the one by program
	if (rolled(f, memo)) {
		const w = rollupRange(f.program ? 'dash_respondent_program_day' : 'dash_respondent_day', f, f);
		rows = all<Row>(
			`select x.seg key, g.name_ar nameAr, g.name_en nameEn, x.n, x.s, x.ss, x.top2
			 from (select case when d.segment = '' then 'beneficiary' else d.segment end seg, sum(d.n) n, sum(d.sum) s,
			              sum(d.sum_sq) ss, sum(d.top2) top2
			       from ${w.sql} group by 1 having sum(d.n) > 0) x
			 ${tail}`,
			w.params
		);
	} else {
		const w = responseWhere(f, f);
		rows = all<Row>(
			`select x.seg key, g.name_ar nameAr, g.name_en nameEn, x.n, x.s, x.ss, x.top2
			 from (select coalesce(r.segment, 'beneficiary') seg, count(r.csat) n, sum(r.csat) s,
			              sum(r.csat * r.csat) ss, sum(r.csat >= 4) top2
			       from response r where ${w.sql} and r.csat is not null group by 1) x
			 ${tail}`,
			w.params
		);
	}
	return rows.map((r) => {
		const ci = meanCI(r.n, r.s, r.ss);
		return {
			key: r.key,
			nameAr: r.nameAr ?? r.key,
			nameEn: r.nameEn ?? r.key,
			n: r.n,
			mean: ci.mean,
			low: ci.low,
			high: ci.high,
			csat: csatShare(r.top2, r.n)
		};
	});
}
