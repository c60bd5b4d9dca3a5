/**
 * The public transparency page's figures: the last four complete quarters, each from the
 * dashboard's own indicator functions. A figure resting on fewer than MIN_PUBLIC answers or
 * decisions is not published ("not enough answers"); nothing personal, no comment text.
 */
import { indirectReach, medianTimeToDecision, satisfaction, withinSla } from '../indicators';
import { filtersFor } from '../indicators/measure';
import { recentQuarters } from '../reports';
import * as improvements from '../improvements';
import * as settings from '../settings';
import { quarterRange, type Quarter } from '../../dates';
import { publicPolicy } from './index';
import { indicator as def } from '../../indicators/registry';

/** Below this many answers (or decisions), a public figure says "not enough answers". */
export const MIN_PUBLIC = 30;

export type Figure = { value: number | null; n: number; enough: boolean };
export type PublicQuarter = {
	quarter: Quarter;
	from: string;
	to: string;
	satisfaction: Figure & { low: number | null; high: number | null };
	withinSla: Figure;
	medianDays: Figure;
	reach: number | null;
};

const gate = (value: number | null, n: number): Figure =>
	n >= MIN_PUBLIC ? { value, n, enough: true } : { value: null, n, enough: false };

/** Reach counts visits (n = sources that reported): shown whenever one did. */
const gateFor = (k: Parameters<typeof def>[0], value: number | null, n: number): Figure =>
	def(k).people ? gate(value, n) : { value: n > 0 ? value : null, n, enough: n > 0 };

export function quarterFigures(q: Quarter, timeZone: string): PublicQuarter {
	const range = quarterRange(q);
	const f = filtersFor(range, { calendar: q.calendar, timeZone });
	const s = satisfaction(f);
	const sat = gate(s.ci.mean, s.n);
	const w = withinSla(f);
	const m = medianTimeToDecision(f);
	const r = indirectReach(f);
	return {
		quarter: q,
		...range,
		satisfaction: {
			...sat,
			low: sat.enough ? s.ci.low : null,
			high: sat.enough ? s.ci.high : null
		},
		withinSla: gate(w.value, w.n),
		medianDays: gate(m.value, m.n),
		// Reach counts visits, not people: published whenever a source reported.
		reach: r.n > 0 ? r.value : null
	};
}

export function transparency(now = new Date()) {
	const s = settings.get();
	const quarters = recentQuarters(s.calendar, s.timeZone, 4, now)
		.reverse()
		.map((q) => quarterFigures(q, s.timeZone));
	const actions = improvements.publishedDone().map((a) => ({
		id: a.id,
		textAr: a.publicTextAr,
		textEn: a.publicTextEn,
		indicator: a.indicator,
		before: gateFor(a.indicator, a.baselineValue, a.baselineN ?? 0),
		after: gateFor(a.indicator, a.afterValue, a.afterN ?? 0),
		closedAt: a.closedAt?.getTime() ?? null
	}));
	return {
		association: { nameAr: s.nameAr, nameEn: s.nameEn },
		slaDays: s.slaDays,
		policy: publicPolicy(),
		quarters,
		actions
	};
}
