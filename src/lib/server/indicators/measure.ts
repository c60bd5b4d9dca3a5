/**
 * Measuring an indicator key over a period with the dashboard's own functions (one definition
 * per number): used by the report, targets, improvement actions. Nothing is computed here.
 */
import { csat } from './csat';
import { indirectReach } from './indirectReach';
import { nps } from './nps';
import { openOverdue } from './openOverdue';
import { responseRate } from './responseRate';
import { medianTimeToDecision } from './timeToDecision';
import { withinSla } from './withinSla';
import type { Filters } from './filters';
import type { Calendar } from '../../dates';
import { INDICATOR_KEYS, isIndicatorKey, type IndicatorKey } from '../../indicators/registry';

export { INDICATOR_KEYS, isIndicatorKey, type IndicatorKey };

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
