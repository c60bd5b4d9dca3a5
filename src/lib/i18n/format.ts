/**
 * The one date and number helper: Gregorian and Hijri (Umm al-Qura) dates in the
 * association's time zone, numbers and percentages per locale.
 */
import { LOCALES, type Locale } from './locales';

export const DEFAULT_TZ = 'Asia/Riyadh';

type DateInput = Date | number | string;
const toDate = (d: DateInput) => (d instanceof Date ? d : new Date(d));

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(tag: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = tag + JSON.stringify(opts);
	let f = cache.get(key);
	if (!f) cache.set(key, (f = new Intl.DateTimeFormat(tag, opts)));
	return f;
}

/** "25 November 2026" / "25 نوفمبر 2026" */
export function gregorian(
	d: DateInput,
	locale: Locale,
	tz = DEFAULT_TZ,
	month: 'long' | 'short' = 'long'
): string {
	return dtf(LOCALES[locale].intl, {
		day: 'numeric',
		month,
		year: 'numeric',
		timeZone: tz,
		calendar: 'gregory'
	}).format(toDate(d));
}

/** "15 Jumada II 1448 AH" / "15 جمادى الآخرة 1448 هـ" */
export function hijri(d: DateInput, locale: Locale, tz = DEFAULT_TZ): string {
	return dtf(LOCALES[locale].hijri, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: tz
	}).format(toDate(d));
}

/** Both calendars, Gregorian first unless the association prefers Hijri. */
export function dualDate(
	d: DateInput,
	locale: Locale,
	prefer: 'gregorian' | 'hijri' = 'gregorian',
	tz = DEFAULT_TZ
) {
	const g = gregorian(d, locale, tz);
	const h = hijri(d, locale, tz);
	return prefer === 'hijri' ? { primary: h, secondary: g } : { primary: g, secondary: h };
}

export function time(d: DateInput, locale: Locale, tz = DEFAULT_TZ): string {
	return dtf(LOCALES[locale].intl, { hour: '2-digit', minute: '2-digit', timeZone: tz }).format(
		toDate(d)
	);
}

export function dateTime(d: DateInput, locale: Locale, tz = DEFAULT_TZ): string {
	return `${gregorian(d, locale, tz, 'short')} ${time(d, locale, tz)}`;
}

export function number(n: number | null | undefined, locale: Locale, digits = 0): string {
	if (n == null || Number.isNaN(n)) return '—';
	return new Intl.NumberFormat(LOCALES[locale].intl, {
		maximumFractionDigits: digits,
		minimumFractionDigits: digits
	}).format(n);
}

/** A share 0–1 as a percentage. */
export function percent(share: number | null | undefined, locale: Locale, digits = 0): string {
	if (share == null || Number.isNaN(share)) return '—';
	return new Intl.NumberFormat(LOCALES[locale].intl, {
		style: 'percent',
		maximumFractionDigits: digits,
		minimumFractionDigits: digits
	}).format(share);
}

// ---------- local dates (YYYY-MM-DD in the association's zone) ----------

/** The local calendar date of an instant. */
export function localDate(d: DateInput, tz = DEFAULT_TZ): string {
	const parts = dtf('en-CA', {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		timeZone: tz,
		calendar: 'gregory'
	}).formatToParts(toDate(d));
	const get = (t: string) => parts.find((p) => p.type === t)!.value;
	return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The UTC instant of local midnight starting a local date (Riyadh has no DST). */
export function startOfLocalDay(date: string, tz = DEFAULT_TZ): Date {
	const guess = new Date(date + 'T00:00:00Z');
	// offset = local wall clock − UTC at that instant
	const wall = dtf('en-CA', {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
		timeZone: tz,
		calendar: 'gregory'
	}).formatToParts(guess);
	const g = (t: string) => Number(wall.find((p) => p.type === t)!.value);
	const asUtc = Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute'), g('second'));
	return new Date(guess.getTime() - (asUtc - guess.getTime()));
}

export function addDays(date: string, days: number): string {
	const d = new Date(date + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

// ---------- Hijri (Umm al-Qura) arithmetic via Intl ----------

export type HijriDate = { year: number; month: number; day: number };

/** Hijri date of a local Gregorian date 'YYYY-MM-DD'. */
export function hijriOf(date: string): HijriDate {
	const parts = dtf('en-u-ca-islamic-umalqura-nu-latn', {
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		timeZone: 'UTC'
	}).formatToParts(new Date(date + 'T12:00:00Z'));
	const get = (t: string) => Number(parts.find((p) => p.type === t)!.value.replace(/\D/g, ''));
	return { year: get('year'), month: get('month'), day: get('day') };
}

const cmp = (a: HijriDate, b: HijriDate) => a.year - b.year || a.month - b.month || a.day - b.day;

/** The Gregorian local date 'YYYY-MM-DD' of a Hijri date (first estimate, then walk). */
export function gregorianOfHijri(h: HijriDate): string {
	// Mean lunar year and month lengths from the Hijri epoch (622-07-19 Gregorian, proleptic).
	const approxDays = Math.floor((h.year - 1) * 354.36667 + (h.month - 1) * 29.530589 + (h.day - 1));
	let date = addDays('0622-07-19', approxDays);
	for (let i = 0; i < 40; i++) {
		const c = cmp(hijriOf(date), h);
		if (c === 0) return date;
		date = addDays(date, c < 0 ? 1 : -1);
	}
	throw new Error(`No Gregorian date for Hijri ${h.year}-${h.month}-${h.day}`);
}

export type Calendar = 'gregorian' | 'hijri';
export type Quarter = { calendar: Calendar; year: number; q: 1 | 2 | 3 | 4 };

/** A quarter as local dates [from, to): to is the first day of the next quarter. */
export function quarterRange({ calendar, year, q }: Quarter): { from: string; to: string } {
	if (calendar === 'gregorian') {
		const m = (q - 1) * 3 + 1;
		const from = `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
		const to =
			q === 4
				? `${String(year + 1).padStart(4, '0')}-01-01`
				: `${String(year).padStart(4, '0')}-${String(m + 3).padStart(2, '0')}-01`;
		return { from, to };
	}
	const from = gregorianOfHijri({ year, month: (q - 1) * 3 + 1, day: 1 });
	const to =
		q === 4
			? gregorianOfHijri({ year: year + 1, month: 1, day: 1 })
			: gregorianOfHijri({ year, month: q * 3 + 1, day: 1 });
	return { from, to };
}

/** The quarter a local date falls in. */
export function quarterOf(date: string, calendar: Calendar): Quarter {
	if (calendar === 'gregorian') {
		const [y, m] = date.split('-').map(Number);
		return { calendar, year: y, q: (Math.floor((m - 1) / 3) + 1) as Quarter['q'] };
	}
	const h = hijriOf(date);
	return { calendar, year: h.year, q: (Math.floor((h.month - 1) / 3) + 1) as Quarter['q'] };
}

export function previousQuarter(x: Quarter): Quarter {
	return x.q === 1 ? { ...x, year: x.year - 1, q: 4 } : { ...x, q: (x.q - 1) as Quarter['q'] };
}

export function quarterLabel(x: Quarter, locale: Locale): string {
	const ordAr = ['الأول', 'الثاني', 'الثالث', 'الرابع'];
	if (locale === 'ar')
		return `الربع ${ordAr[x.q - 1]} ${x.year}${x.calendar === 'hijri' ? 'هـ' : 'م'}`;
	return `Q${x.q} ${x.year}${x.calendar === 'hijri' ? ' AH' : ''}`;
}
