/** Aspect scores: mean per aspect question (courtesy, clarity, speed, competence, channel convenience). */
import { meanCI } from '../../indicators';
import { comparisonRange, type Filters, type Range } from './filters';
import { rolled, rollupRange, segments } from './rollup';
import { all, memo, responseWhere } from './sql';

export const ASPECTS = [
	'courtesy',
	'clarity',
	'speed',
	'competence',
	'channelConvenience'
] as const;

export type AspectScore = {
	aspect: string;
	mean: number | null;
	low: number | null;
	high: number | null;
	n: number;
	comparison: { mean: number | null; n: number };
};

type Sums = { aspect: string; n: number; s: number; ss: number };

function byAspect(f: Filters, range: Range): Map<string, Sums> {
	const t = rolled(f, memo);
	if (t?.aspect) {
		const w = rollupRange(t.aspect, f, range);
		const rows = all<Sums>(
			`select d.aspect, sum(d.n) n, sum(d.sum) s, sum(d.sum_sq) ss from ${w.sql} group by d.aspect`,
			w.params
		);
		return new Map(rows.map((r) => [r.aspect, r]));
	}
	// a program with a gender/age band/city filter: whole months from dash_person_aspect_month,
	// the range's edge days from the program's rows
	if (t && !f.channel && !f.segment) {
		const out = new Map<string, Sums>();
		for (const [from, to] of segments(range)) {
			const rows = from.startsWith('M')
				? (() => {
						const w = rollupRange('dash_person_aspect_month', f, { from, to });
						return all<Sums>(
							`select d.aspect, sum(d.n) n, sum(d.sum) s, sum(d.sum_sq) ss from ${w.sql} group by d.aspect`,
							w.params
						);
					})()
				: rawAspects(f, { from, to });
			for (const r of rows) {
				const x = out.get(r.aspect);
				out.set(r.aspect, x ? { ...x, n: x.n + r.n, s: x.s + r.s, ss: x.ss + r.ss } : r);
			}
		}
		return out;
	}
	return new Map(rawAspects(f, range).map((r) => [r.aspect, r]));
}

function rawAspects(f: Filters, range: Range) {
	const w = responseWhere(f, range);
	return all<Sums>(
		`select a.aspect, count(*) n, sum(a.score) s, sum(a.score * a.score) ss
		 from response r join response_aspect a on a.response_id = r.id
		 where ${w.sql} group by a.aspect`,
		w.params
	);
}

/** Every aspect with answers in either period, lowest mean first (what drags satisfaction down). */
export function aspects(f: Filters): {
	value: AspectScore[];
	n: number;
	comparison: { value: AspectScore[]; n: number };
} {
	const a = byAspect(f, f);
	const b = byAspect(f, comparisonRange(f));
	const keys = [...new Set([...a.keys(), ...b.keys()])];
	const value = keys
		.map((k) => {
			const x = a.get(k);
			const y = b.get(k);
			const ci = meanCI(x?.n ?? 0, x?.s ?? 0, x?.ss ?? 0);
			const cy = meanCI(y?.n ?? 0, y?.s ?? 0, y?.ss ?? 0);
			return {
				aspect: k,
				mean: ci.mean,
				low: ci.low,
				high: ci.high,
				n: ci.n,
				comparison: { mean: cy.mean, n: cy.n }
			};
		})
		.sort((p, q) => (p.mean ?? 99) - (q.mean ?? 99) || p.aspect.localeCompare(q.aspect));
	const n = Math.max(0, ...value.map((v) => v.n));
	const cn = Math.max(0, ...value.map((v) => v.comparison.n));
	return { value, n, comparison: { value, n: cn } };
}
