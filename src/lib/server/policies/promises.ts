/**
 * "What we promised, what we measured": each clause of the policies in force at the end of a
 * quarter, with its indicator measured over that quarter by the dashboard's own functions.
 */
import type { Calendar } from '../../dates';
import { filtersFor, measure, type Measured, type Range } from '../reports/measure';
import { isSmall, type CellMode } from '../indicators/smallCells';
import type { IndicatorKey } from '../db/schema/reports';
import { inForce } from './index';

export type PolicyPromises = {
	policyId: number;
	titleAr: string;
	titleEn: string;
	version: string;
	clauses: {
		id: number;
		ref: string;
		textAr: string;
		textEn: string;
		indicator: IndicatorKey;
		measured: Measured;
		/** Withheld from this reader: fewer than 5 people (smallCells.ts). */
		withheld: boolean;
	}[];
};

export function promises(
	range: Range,
	ctx: { calendar: Calendar; timeZone: string },
	mode: CellMode,
	now = Date.now()
): PolicyPromises[] {
	const f = filtersFor(range, ctx);
	const cache = new Map<IndicatorKey, Measured>();
	const get = (k: IndicatorKey) => {
		if (!cache.has(k)) cache.set(k, measure(k, f, now));
		return cache.get(k)!;
	};
	return inForce(range.to).map((p) => ({
		policyId: p.id,
		titleAr: p.titleAr,
		titleEn: p.titleEn,
		version: p.version,
		clauses: p.clauses.map((c) => {
			const m = get(c.indicator);
			// Reach counts visits, not people: never withheld (as on the dashboard).
			const withheld = mode === 'hide' && c.indicator !== 'reach' && isSmall(m.n);
			return {
				id: c.id,
				ref: c.ref,
				textAr: c.textAr,
				textEn: c.textEn,
				indicator: c.indicator,
				measured: withheld ? { value: null, n: 0 } : m,
				withheld
			};
		})
	}));
}
