/**
 * The dashboard's one typed filter set, parsed once from the URL's search params (so every
 * view is a shareable link). Dates are LOCAL dates 'YYYY-MM-DD' in the association's zone;
 * `to` is exclusive. Presets follow the association's calendar (Gregorian or Hijri).
 */
import {
	addDays,
	gregorianOfHijri,
	hijriOf,
	localDate,
	quarterOf,
	quarterRange,
	previousQuarter,
	type Calendar
} from '../../i18n/format';

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

export type Range = { from: string; to: string };

export type Filters = {
	preset: Preset;
	from: string;
	to: string;
	program: number | null;
	channel: string | null;
	gender: (typeof GENDERS)[number] | null;
	ageBand: (typeof AGE_BANDS)[number] | null;
	city: string | null;
	surveyVersion: number | null;
	compare: 'previous' | 'lastYear';
	grain: 'month' | 'quarter';
	calendar: Calendar;
	timeZone: string;
};

type SettingsLike = { calendar: Calendar; timeZone: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string | null): s is string =>
	!!s &&
	DATE.test(s) &&
	!Number.isNaN(Date.parse(s + 'T00:00:00Z')) &&
	new Date(s + 'T00:00:00Z').toISOString().slice(0, 10) === s;
const posInt = (s: string | null) => (s && /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : null);
const oneOf = <T extends string>(list: readonly T[], s: string | null): T | null =>
	s && (list as readonly string[]).includes(s) ? (s as T) : null;
const toLatin = (s: string) =>
	s
		.replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660))
		.replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - 0x06f0));

/** First day of the month containing `date`, and of the next one, in the given calendar. */
export function monthRange(date: string, calendar: Calendar): Range {
	if (calendar === 'gregorian') {
		const [y, m] = date.split('-').map(Number);
		const from = `${y}-${String(m).padStart(2, '0')}-01`;
		const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
		return { from, to };
	}
	const h = hijriOf(date);
	const from = gregorianOfHijri({ year: h.year, month: h.month, day: 1 });
	const to =
		h.month === 12
			? gregorianOfHijri({ year: h.year + 1, month: 1, day: 1 })
			: gregorianOfHijri({ year: h.year, month: h.month + 1, day: 1 });
	return { from, to };
}

function yearStart(date: string, calendar: Calendar): string {
	if (calendar === 'gregorian') return date.slice(0, 4) + '-01-01';
	return gregorianOfHijri({ year: hijriOf(date).year, month: 1, day: 1 });
}

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

const dayNo = (d: string) => Math.round(Date.parse(d + 'T00:00:00Z') / 86_400_000);

/** Same date one year earlier in the calendar (Hijri: same Hijri day, clamped to month end). */
export function shiftYear(date: string, calendar: Calendar, years = -1): string {
	if (calendar === 'gregorian') {
		const [y, m, d] = date.split('-').map(Number);
		const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
		return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
	}
	const h = hijriOf(date);
	for (let day = h.day; day >= 28; day--) {
		try {
			return gregorianOfHijri({ year: h.year + years, month: h.month, day });
		} catch {
			/* day 30 may not exist in that year's month */
		}
	}
	return gregorianOfHijri({ year: h.year + years, month: h.month, day: Math.min(h.day, 28) });
}

/** The comparison range: the equal-length period just before, or the same period last year. */
export function comparisonRange(f: Pick<Filters, 'from' | 'to' | 'compare' | 'calendar'>): Range {
	if (f.compare === 'lastYear')
		return { from: shiftYear(f.from, f.calendar), to: shiftYear(f.to, f.calendar) };
	const len = dayNo(f.to) - dayNo(f.from);
	return { from: addDays(f.from, -len), to: f.from };
}

/** Parse the dashboard's filters from a URL. Anything invalid falls back to the default. */
export function parseFilters(url: URL, settings: SettingsLike, now: Date = new Date()): Filters {
	const p = url.searchParams;
	const get = (k: string) => {
		const v = p.get(k);
		return v == null ? null : toLatin(v.trim()) || null;
	};
	const today = localDate(now, settings.timeZone);
	let preset =
		oneOf(PRESETS, get('preset')) ??
		(get('from') || get('to') || get('until') ? 'custom' : 'last12');
	let range: Range;
	const from = get('from');
	// `until` (inclusive, what the form shows) is accepted as an alternative to `to` (exclusive).
	const until = get('until');
	const to = get('to') ?? (isDate(until) ? addDays(until, 1) : null);
	if (preset === 'custom') {
		if (isDate(from) && isDate(to) && from < to && dayNo(to) - dayNo(from) <= 366 * 5)
			range = { from, to };
		else if (isDate(from) && isDate(to) && from === to) range = { from, to: addDays(to, 1) };
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
