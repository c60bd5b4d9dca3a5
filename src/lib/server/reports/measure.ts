/**
 * The report's bridge to the indicators module: each indicator key measured over a range
 * with the dashboard's own functions (one definition per number). Nothing is computed here.
 */
import {
	csat,
	medianTimeToDecision,
	nps,
	openOverdue,
	indirectReach,
	responseRate,
	withinSla,
	type Filters
} from '../indicators';
import type { Calendar } from '../../dates';
import { INDICATOR_KEYS, type IndicatorKey } from '../db/schema/reports';

export { INDICATOR_KEYS, type IndicatorKey };

export type Unit = 'share' | 'nps' | 'days' | 'count';
export const UNIT: Record<IndicatorKey, Unit> = {
	csat: 'share',
	nps: 'nps',
	responseRate: 'share',
	withinSla: 'share',
	medianDays: 'days',
	openOverdue: 'count',
	reach: 'count'
};
/** Which way is better by default (a target may say otherwise). */
export const DEFAULT_DIRECTION: Record<IndicatorKey, 'higher' | 'lower'> = {
	csat: 'higher',
	nps: 'higher',
	responseRate: 'higher',
	withinSla: 'higher',
	medianDays: 'lower',
	openOverdue: 'lower',
	reach: 'higher'
};
/** Indicators that can be scoped to one program. */
export const PROGRAM_SCOPED: ReadonlySet<IndicatorKey> = new Set(['csat', 'nps', 'responseRate']);

export type Range = { from: string; to: string };
export type Measured = { value: number | null; n: number };

export function filtersFor(
	range: Range,
	ctx: { calendar: Calendar; timeZone: string },
	extra: Partial<Filters> = {}
): Filters {
	return {
		preset: 'custom',
		from: range.from,
		to: range.to,
		program: null,
		channel: null,
		gender: null,
		ageBand: null,
		city: null,
		surveyVersion: null,
		compare: 'previous',
		grain: 'month',
		calendar: ctx.calendar,
		timeZone: ctx.timeZone,
		...extra
	};
}

/** One indicator over one range (optionally one program), via the indicators module. */
export function measure(key: IndicatorKey, f: Filters, now = Date.now()): Measured {
	const pick = (x: { value: number | null; n: number }) => ({ value: x.value, n: x.n });
	switch (key) {
		case 'csat':
			return pick(csat(f));
		case 'nps':
			return pick(nps(f));
		case 'responseRate':
			return pick(responseRate(f));
		case 'withinSla':
			return pick(withinSla(f));
		case 'medianDays':
			return pick(medianTimeToDecision(f));
		case 'openOverdue':
			return pick(openOverdue(f, now));
		case 'reach': {
			// n = sources that reported; with none, reach is unknown rather than 0.
			const r = indirectReach(f);
			return { value: r.n > 0 ? r.value : null, n: r.n };
		}
	}
}

export function isIndicatorKey(v: unknown): v is IndicatorKey {
	return typeof v === 'string' && (INDICATOR_KEYS as readonly string[]).includes(v);
}
