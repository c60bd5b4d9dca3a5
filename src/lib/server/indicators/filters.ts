/**
 * The dashboard's one typed filter set, parsed once from the URL's search params (so every
 * view is a shareable link). Dates are LOCAL dates 'YYYY-MM-DD' in the association's zone;
 * `to` is exclusive. Presets follow the association's calendar (Gregorian or Hijri).
 */
import {
	addDays,
	addYears,
	daysBetween,
	hijriOf,
	isIsoDate,
	localDate,
	monthRange,
	previousQuarter,
	quarterOf,
	quarterRange,
	toLatinDigits,
	yearStart,
	type Calendar,
	type Range
} from '../../dates';

export type { Range };

export const PRESETS = [
	'last12',
	'thisMonth',
	'lastMonth',
	'thisQuarter',
	'lastQuarter',
	'ytd',
	'custom'
] as const;
export type Preset = (typeof PRESETS)[number];
export const GENDERS = ['male', 'female'] as const;
export const AGE_BANDS = ['u18', '18_29', '30_44', '45_59', '60p'] as const;

export type Filters = {
	preset: Preset;
	from: string;
	to: string;
	program: number | null;
	channel: string | null;
	gender: (typeof GENDERS)[number] | null;
	ageBand: (typeof AGE_BANDS)[number] | null;
	city: string | null;
	/** Stakeholder segment key (segments/): donors, volunteers… (absent: every segment). */
	segment?: string | null;
	/**
	 * Request type id (`?type=`): narrows the request indicators only (time to decision, within
	 * SLA, open overdue, channel mix of requests, the promises panel, the requests drill-down);
	 * responses carry no type. No rollup answers it: request queries read `request` directly.
	 */
	requestType?: number | null;
	surveyVersion: number | null;
	compare: 'previous' | 'lastYear';
	grain: 'month' | 'quarter';
	calendar: Calendar;
	timeZone: string;
};

type SettingsLike = { calendar: Calendar; timeZone: string };

const posInt = (s: string | null) => (s && /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : null);
const oneOf = <T extends string>(list: readonly T[], s: string | null): T | null =>
	s && (list as readonly string[]).includes(s) ? (s as T) : null;

/** The range of a preset, relative to the local date `today`. */
export function presetRange(
	preset: Exclude<Preset, 'custom'>,
	today: string,
	calendar: Calendar
): Range {
	switch (preset) {
		case 'thisMonth':
			return { from: monthRange(today, calendar).from, to: addDays(today, 1) };
		case 'lastMonth':
			return monthRange(addDays(monthRange(today, calendar).from, -1), calendar);
		case 'thisQuarter':
			return { from: quarterRange(quarterOf(today, calendar)).from, to: addDays(today, 1) };
		case 'lastQuarter':
			return quarterRange(previousQuarter(quarterOf(today, calendar)));
		case 'ytd':
			return { from: yearStart(today, calendar), to: addDays(today, 1) };
		case 'last12': {
			// The 12 full months before this one plus this month so far.
			let from = monthRange(today, calendar).from;
			for (let i = 0; i < 12; i++) from = monthRange(addDays(from, -1), calendar).from;
			return { from, to: addDays(today, 1) };
		}
	}
}

/** The comparison range: the equal-length period just before, or the same period last year. */
export function comparisonRange(f: Pick<Filters, 'from' | 'to' | 'compare' | 'calendar'>): Range {
	if (f.compare === 'lastYear')
		return { from: addYears(f.from, -1, f.calendar), to: addYears(f.to, -1, f.calendar) };
	const len = daysBetween(f.from, f.to);
	return { from: addDays(f.from, -len), to: f.from };
}

/** Parse the dashboard's filters from a URL. Anything invalid falls back to the default. */
export function parseFilters(url: URL, settings: SettingsLike, now: Date = new Date()): Filters {
	const p = url.searchParams;
	const get = (k: string) => {
		const v = p.get(k);
		return v == null ? null : toLatinDigits(v.trim()) || null;
	};
	const today = localDate(now, settings.timeZone);
	let preset =
		oneOf(PRESETS, get('preset')) ??
		(get('from') || get('to') || get('until') ? 'custom' : 'last12');
	let range: Range;
	const from = get('from');
	// `until` (inclusive, what the form shows) is accepted as an alternative to `to` (exclusive).
	const until = get('until');
	const to = get('to') ?? (isIsoDate(until) ? addDays(until, 1) : null);
	if (preset === 'custom') {
		if (isIsoDate(from) && isIsoDate(to) && from < to && daysBetween(from, to) <= 366 * 5)
			range = { from, to };
		else if (isIsoDate(from) && isIsoDate(to) && from === to) range = { from, to: addDays(to, 1) };
		else {
			preset = 'last12';
			range = presetRange('last12', today, settings.calendar);
		}
	} else range = presetRange(preset, today, settings.calendar);
	const city = get('city');
	return {
		preset,
		...range,
		program: posInt(get('program')),
		channel: (() => {
			const c = get('channel');
			return c && /^[A-Za-z0-9_-]{1,40}$/.test(c) ? c : null;
		})(),
		gender: oneOf(GENDERS, get('gender')),
		ageBand: oneOf(AGE_BANDS, get('ageBand')),
		city: city && city.length <= 60 ? city : null,
		segment: (() => {
			const k = get('segment');
			return k && /^[a-z][a-z0-9_]{1,31}$/.test(k) ? k : null;
		})(),
		requestType: posInt(get('type')),
		surveyVersion: posInt(get('surveyVersion')),
		compare: get('compare') === 'lastYear' ? 'lastYear' : 'previous',
		grain: get('grain') === 'quarter' ? 'quarter' : 'month',
		calendar: settings.calendar,
		timeZone: settings.timeZone
	};
}

/** The filters back as search params (defaults omitted), for links and drill-downs. */
export function toSearchParams(
	f: Filters,
	extra: Record<string, string | number | null | undefined> = {}
): URLSearchParams {
	const q = new URLSearchParams();
	if (f.preset === 'custom') {
		q.set('from', f.from);
		q.set('to', f.to);
	} else if (f.preset !== 'last12') q.set('preset', f.preset);
	if (f.program) q.set('program', String(f.program));
	if (f.channel) q.set('channel', f.channel);
	if (f.gender) q.set('gender', f.gender);
	if (f.ageBand) q.set('ageBand', f.ageBand);
	if (f.city) q.set('city', f.city);
	if (f.segment) q.set('segment', f.segment);
	if (f.requestType) q.set('type', String(f.requestType));
	if (f.surveyVersion) q.set('surveyVersion', String(f.surveyVersion));
	if (f.compare !== 'previous') q.set('compare', f.compare);
	if (f.grain !== 'month') q.set('grain', f.grain);
	for (const [k, v] of Object.entries(extra)) if (v != null && v !== '') q.set(k, String(v));
	return q;
}

export type Bucket = { key: string; from: string; to: string };

/** Month or quarter buckets covering [from, to), clipped to the range, in the calendar. */
export function buckets(range: Range, grain: 'month' | 'quarter', calendar: Calendar): Bucket[] {
	const out: Bucket[] = [];
	let cur = range.from;
	for (let i = 0; cur < range.to && i < 200; i++) {
		const r =
			grain === 'month' ? monthRange(cur, calendar) : quarterRange(quarterOf(cur, calendar));
		let key: string;
		if (grain === 'month') {
			if (calendar === 'gregorian') key = r.from.slice(0, 7);
			else {
				const h = hijriOf(r.from);
				key = `${h.year}-${String(h.month).padStart(2, '0')}H`;
			}
		} else {
			const q = quarterOf(cur, calendar);
			key = `${q.year}-Q${q.q}${calendar === 'hijri' ? 'H' : ''}`;
		}
		out.push({ key, from: cur, to: r.to < range.to ? r.to : range.to });
		cur = r.to;
	}
	return out;
}

/** The person filters as [column, value]: the beneficiary's (or a rollup's) gender, age band, city. */
export const personColumns = (f: Filters) =>
	[
		['gender', f.gender],
		['age_band', f.ageBand],
		['city', f.city]
	] as const;
