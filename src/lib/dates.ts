/**
 * The one dates module, pure, used by the server and the browser: the association's local
 * dates and clock in its time zone (the `timeZone` setting, Asia/Riyadh by default), day
 * arithmetic on local dates, the strict date validator, the one digit normaliser, Gregorian and
 * Hijri (Umm al-Qura) dates and quarters as [from, to).
 *
 * Two kinds of value, never mixed:
 * - an INSTANT (`Date` or epoch ms) is a moment; it has a local date and clock only in a zone,
 *   so every function that reads one takes the zone explicitly (no hidden Riyadh default: the
 *   caller passes the association's setting);
 * - a LOCAL DATE ('YYYY-MM-DD', `IsoDate`) is a day on the association's calendar; arithmetic on
 *   it needs no zone, and formatting it shows that day whatever the zone.
 *
 * Zones are handled by @date-fns/tz (offsets and wall clocks from Intl's time-zone data, DST
 * included); Hijri dates by Intl's `islamic-umalqura` calendar, always spelled out in the
 * locale tag (`ar-SA` alone formats Gregorian).
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays as addDaysInZone, isExists } from 'date-fns';
import { LOCALES, type Locale } from './i18n/locales';

/** The zone of a new association (the settings row's default). */
export const DEFAULT_TIME_ZONE = 'Asia/Riyadh';

/** A local calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** A moment: a Date or epoch milliseconds. */
export type Instant = Date | number;
export type Calendar = 'gregorian' | 'hijri';

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ymd = (y: number, m: number, d: number): IsoDate => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

// ------------------------------------------------------------------------------ digits

const EASTERN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits → Latin 0–9; everything else unchanged. */
export function toLatinDigits(s: string): string {
	return s.replace(EASTERN_DIGIT, (c) => {
		const code = c.charCodeAt(0);
		return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
	});
}

// ------------------------------------------------------------------------------ validation

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict 'YYYY-MM-DD' of a day that exists (2025-02-31 and 2025-13-01 are refused; years 0100–9999). */
export function isIsoDate(s: unknown): s is IsoDate {
	if (typeof s !== 'string') return false;
	const m = ISO_DATE.exec(s);
	return !!m && +m[1] >= 100 && isExists(+m[1], +m[2] - 1, +m[3]);
}

/** The local date of year, month (1–12) and day, or null when no such day exists. */
export function isoDateOf(year: number, month: number, day: number): IsoDate | null {
	if (![year, month, day].every(Number.isInteger) || year < 100 || year > 9999) return null;
	return isExists(year, month - 1, day) ? ymd(year, month, day) : null;
}

/**
 * A date as a person types it: year first, '-', '/' or '.' between the parts, one- or
 * two-digit month and day, Arabic-Indic or Persian digits, spaces and bidi marks around.
 * Returns the local date, or null when it is not a real day.
 */
export function readDate(raw: string): IsoDate | null {
	const s = toLatinDigits(String(raw ?? ''))
		.replace(/[\u200e\u200f\u061c]/g, '')
		.trim();
	const m = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(s);
	return m ? isoDateOf(+m[1], +m[2], +m[3]) : null;
}

const knownZones = new Set<string>();

/** True when `tz` names a time zone this runtime knows (IANA name, e.g. 'Asia/Riyadh'). */
export function isTimeZone(tz: string): boolean {
	if (!tz) return false;
	if (knownZones.has(tz)) return true;
	try {
		new Intl.DateTimeFormat('en', { timeZone: tz });
	} catch {
		return false;
	}
	knownZones.add(tz);
	return true;
}

// ------------------------------------------------------------------------------ zoned

function ms(at: Instant): number {
	const t = typeof at === 'number' ? at : at.getTime();
	if (!Number.isFinite(t)) throw new RangeError('Invalid date');
	return t;
}

function rawOffsetMs(t: number, tz: string): number {
	const minutes = tzOffset(tz, new Date(t));
	if (!Number.isFinite(minutes)) throw new RangeError(`Unknown time zone: ${tz}`);
	return Math.round(minutes * 60_000);
}

/**
 * Per time zone, the last quarter hour found to have one offset throughout: the server asks
 * for the offset of "now" on every write (a survey submission's local date), and each answer
 * from Intl costs microseconds. A quarter hour is kept only when its first and last
 * millisecond have the instant's offset (no time zone has had two changes within 15 minutes),
 * and only once a second instant fell in it, so instants spread over years (imports, reports)
 * pay no extra look-ups.
 */
const OFFSET_SPAN = 15 * 60_000;
const steadySpans = new Map<string, { from: number; offset: number }>();
const lastSpan = new Map<string, number>();

/** Offset of `tz` from UTC at the instant, in milliseconds (Riyadh: +3 h all year). */
export function tzOffsetMs(at: Instant, tz: string): number {
	const t = ms(at);
	const kept = steadySpans.get(tz);
	if (kept && t >= kept.from && t < kept.from + OFFSET_SPAN) return kept.offset;
	const offset = rawOffsetMs(t, tz);
	const from = Math.floor(t / OFFSET_SPAN) * OFFSET_SPAN;
	if (lastSpan.get(tz) !== from) lastSpan.set(tz, from);
	else if (rawOffsetMs(from, tz) === offset && rawOffsetMs(from + OFFSET_SPAN - 1, tz) === offset)
		steadySpans.set(tz, { from, offset });
	return offset;
}

export type LocalParts = {
	date: IsoDate;
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
	/** 0 = Sunday … 6 = Saturday. */
	weekday: number;
};

/** The local date and wall-clock time of an instant in `tz`. */
export function localParts(at: Instant, tz: string): LocalParts {
	const t = ms(at);
	const w = new Date(t + tzOffsetMs(t, tz)); // the wall clock, read with the UTC getters
	const [year, month, day] = [w.getUTCFullYear(), w.getUTCMonth() + 1, w.getUTCDate()];
	return {
		date: ymd(year, month, day),
		year,
		month,
		day,
		hour: w.getUTCHours(),
		minute: w.getUTCMinutes(),
		second: w.getUTCSeconds(),
		millisecond: w.getUTCMilliseconds(),
		weekday: w.getUTCDay()
	};
}

/** The local date of an instant in `tz`: 21:30 UTC is already the next day in Riyadh. */
export function localDate(at: Instant, tz: string): IsoDate {
	return localParts(at, tz).date;
}

/** The local hour (0–23) of an instant in `tz`. */
export function localHour(at: Instant, tz: string): number {
	return localParts(at, tz).hour;
}

/** The instant → 'YYYY-MM-DDTHH:mm' in `tz` (the value of a datetime-local input). */
export function localDateTimeInput(at: Instant, tz: string): string {
	const p = localParts(at, tz);
	return `${p.date}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant of a local wall-clock time in `tz`. A time that a DST change skips moves
 * forward (02:30 on a spring-forward night is 03:30); a repeated one is its first occurrence.
 */
export function instantAt(date: IsoDate, tz: string, hour = 0, minute = 0, second = 0, milli = 0) {
	if (!isIsoDate(date)) throw new RangeError(`Invalid local date: ${date}`);
	if (!isTimeZone(tz)) throw new RangeError(`Unknown time zone: ${tz}`);
	const [y, m, d] = date.split('-').map(Number);
	return new Date(new TZDate(y, m - 1, d, hour, minute, second, milli, tz).getTime());
}

/** The first instant of a local date in `tz` (its local midnight). */
export function startOfLocalDay(date: IsoDate, tz: string): Date {
	return instantAt(date, tz);
}

/** The same local wall-clock time `days` days later in `tz` (Riyadh: exactly days × 24 h). */
export function addLocalDays(at: Instant, days: number, tz: string): Date {
	return new Date(addDaysInZone(new TZDate(ms(at), tz), days).getTime());
}

function readLocalDateTime(s: string) {
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(toLatinDigits(s.trim()));
	if (!m || !isIsoDate(m[1]) || +m[2] > 23 || +m[3] > 59 || +(m[4] ?? 0) > 59) return null;
	return { date: m[1], hour: +m[2], minute: +m[3], second: +(m[4] ?? 0) };
}

/** 'YYYY-MM-DDTHH:mm[:ss]' of a real date and time (Arabic-Indic or Persian digits allowed). */
export function isLocalDateTime(s: string): boolean {
	return readLocalDateTime(s) !== null;
}

/**
 * 'YYYY-MM-DDTHH:mm[:ss]' (a datetime-local input, Arabic-Indic or Persian digits allowed)
 * read as a wall-clock time in `tz`; null when it is not a real date and time.
 */
export function parseLocalDateTime(s: string, tz: string): Date | null {
	const p = readLocalDateTime(s);
	return p && instantAt(p.date, tz, p.hour, p.minute, p.second);
}

// ------------------------------------------------------------------------------ local dates

/** Days since 1970-01-01 of a local date: calendar arithmetic needs no zone. */
function dayNumber(date: IsoDate): number {
	const [y, m, d] = date.split('-').map(Number);
	return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}
function ofDayNumber(n: number): IsoDate {
	const d = new Date(n * DAY_MS);
	return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The local date `days` days after (or before, when negative) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
	return ofDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
	return dayNumber(to) - dayNumber(from);
}

/** Weekday of a local date: 0 = Sunday … 6 = Saturday (Friday and Saturday are the Saudi weekend). */
export function weekdayOf(date: IsoDate): number {
	return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

/** The same day `months` months later, clamped to the month's end (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
	const [y, m, d] = date.split('-').map(Number);
	const index = y * 12 + (m - 1) + months;
	const [ty, tm] = [Math.floor(index / 12), (index % 12) + 1];
	const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
	return ymd(ty, tm, Math.min(d, last));
}

// ------------------------------------------------------------------------------ Hijri

export type HijriDate = { year: number; month: number; day: number };

const formats = new Map<string, Intl.DateTimeFormat>();
function dtf(tag: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = tag + JSON.stringify(opts);
	let f = formats.get(key);
	if (!f) formats.set(key, (f = new Intl.DateTimeFormat(tag, opts)));
	return f;
}

/** The Umm al-Qura date of a local date. */
export function hijriOf(date: IsoDate): HijriDate {
	const parts = dtf('en-u-ca-islamic-umalqura-nu-latn', {
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		timeZone: 'UTC'
	}).formatToParts(new Date(dayNumber(date) * DAY_MS + DAY_MS / 2));
	const get = (t: string) => Number(parts.find((p) => p.type === t)!.value.replace(/\D/g, ''));
	return { year: get('year'), month: get('month'), day: get('day') };
}

const compareHijri = (a: HijriDate, b: HijriDate) =>
	a.year - b.year || a.month - b.month || a.day - b.day;

/** The local date of an Umm al-Qura date; throws when that day does not exist (a 30th in a 29-day month). */
export function gregorianOfHijri(h: HijriDate): IsoDate {
	// Mean lunar year and month from the Hijri epoch (622-07-19, proleptic Gregorian), then walk.
	const estimate = Math.floor((h.year - 1) * 354.36667 + (h.month - 1) * 29.530589 + (h.day - 1));
	let n = dayNumber('0622-07-19') + estimate;
	for (let i = 0; i < 40; i++) {
		const c = compareHijri(hijriOf(ofDayNumber(n)), h);
		if (c === 0) return ofDayNumber(n);
		n += c < 0 ? 1 : -1;
	}
	throw new RangeError(`No Gregorian date for Hijri ${h.year}-${h.month}-${h.day}`);
}

// ------------------------------------------------------------------------------ months, years, quarters

export type Range = { from: IsoDate; to: IsoDate };
export type Quarter = { calendar: Calendar; year: number; q: 1 | 2 | 3 | 4 };

/** First day of a month in either calendar (month 13 is the first of the next year). */
function monthStart(calendar: Calendar, year: number, month: number): IsoDate {
	const y = year + Math.floor((month - 1) / 12);
	const m = ((((month - 1) % 12) + 12) % 12) + 1;
	return calendar === 'gregorian' ? ymd(y, m, 1) : gregorianOfHijri({ year: y, month: m, day: 1 });
}

function yearMonthOf(date: IsoDate, calendar: Calendar): [number, number] {
	if (calendar === 'hijri') {
		const h = hijriOf(date);
		return [h.year, h.month];
	}
	return [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
}

/** The month containing `date` in the calendar, as [from, to). */
export function monthRange(date: IsoDate, calendar: Calendar): Range {
	const [year, month] = yearMonthOf(date, calendar);
	return { from: monthStart(calendar, year, month), to: monthStart(calendar, year, month + 1) };
}

/** First day of the calendar year containing `date`. */
export function yearStart(date: IsoDate, calendar: Calendar): IsoDate {
	return monthStart(calendar, yearMonthOf(date, calendar)[0], 1);
}

/** The same day `years` years later in the calendar, clamped to the month's end. */
export function addYears(date: IsoDate, years: number, calendar: Calendar): IsoDate {
	if (calendar === 'gregorian') return addMonths(date, years * 12);
	const h = hijriOf(date);
	const from = monthStart('hijri', h.year + years, h.month);
	const monthLength = daysBetween(from, monthStart('hijri', h.year + years, h.month + 1));
	return addDays(from, Math.min(h.day, monthLength) - 1);
}

/** A quarter as local dates [from, to): `to` is the first day of the next quarter. */
export function quarterRange({ calendar, year, q }: Quarter): Range {
	const first = (q - 1) * 3 + 1;
	return { from: monthStart(calendar, year, first), to: monthStart(calendar, year, first + 3) };
}

/** The quarter a local date falls in. */
export function quarterOf(date: IsoDate, calendar: Calendar): Quarter {
	const [year, month] = yearMonthOf(date, calendar);
	return { calendar, year, q: (Math.floor((month - 1) / 3) + 1) as Quarter['q'] };
}

export function previousQuarter(x: Quarter): Quarter {
	return x.q === 1 ? { ...x, year: x.year - 1, q: 4 } : { ...x, q: (x.q - 1) as Quarter['q'] };
}

export function nextQuarter(x: Quarter): Quarter {
	return x.q === 4 ? { ...x, year: x.year + 1, q: 1 } : { ...x, q: (x.q + 1) as Quarter['q'] };
}

/** "Q2 1448 AH" / "الربع الثاني 1448هـ". */
export function quarterLabel(x: Quarter, locale: Locale): string {
	const ordAr = ['الأول', 'الثاني', 'الثالث', 'الرابع'];
	if (locale === 'ar')
		return `الربع ${ordAr[x.q - 1]} ${x.year}${x.calendar === 'hijri' ? 'هـ' : 'م'}`;
	return `Q${x.q} ${x.year}${x.calendar === 'hijri' ? ' AH' : ''}`;
}

// ------------------------------------------------------------------------------ formatting

/** An instant, or a local date 'YYYY-MM-DD' (shown as that day whatever the zone). */
export type DateLike = Instant | string;

/** What Intl should format: a local date is its own noon in UTC, anything else an instant in `tz`. */
function formatTarget(d: DateLike, tz: string): { at: Date; timeZone: string } {
	if (typeof d === 'string' && ISO_DATE.test(d))
		return { at: new Date(dayNumber(d) * DAY_MS + DAY_MS / 2), timeZone: 'UTC' };
	return { at: d instanceof Date ? d : new Date(d), timeZone: tz };
}

/** "25 November 2026" / "25 نوفمبر 2026" */
export function gregorian(
	d: DateLike,
	locale: Locale,
	tz: string,
	month: 'long' | 'short' = 'long'
): string {
	const { at, timeZone } = formatTarget(d, tz);
	return dtf(LOCALES[locale].intl, {
		day: 'numeric',
		month,
		year: 'numeric',
		timeZone,
		calendar: 'gregory'
	}).format(at);
}

/** "15 Jumada II 1448 AH" / "15 جمادى الآخرة 1448 هـ" (Umm al-Qura). */
export function hijri(d: DateLike, locale: Locale, tz: string): string {
	const { at, timeZone } = formatTarget(d, tz);
	return dtf(LOCALES[locale].hijri, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone
	}).format(at);
}

/** Both calendars, Gregorian first unless the association prefers Hijri. */
export function dualDate(d: DateLike, locale: Locale, tz: string, prefer: Calendar = 'gregorian') {
	const g = gregorian(d, locale, tz);
	const h = hijri(d, locale, tz);
	return prefer === 'hijri' ? { primary: h, secondary: g } : { primary: g, secondary: h };
}

/** The clock time in `tz` ("14:05" in English, Arabic's own 12-hour form in Arabic). */
export function time(d: Instant | string, locale: Locale, tz: string): string {
	const at = d instanceof Date ? d : new Date(d);
	return dtf(LOCALES[locale].intl, {
		hour: '2-digit',
		minute: '2-digit',
		timeZone: tz
	}).format(at);
}

/** "25 Nov 2026 14:05" in `tz`. */
export function dateTime(d: Instant | string, locale: Locale, tz: string): string {
	const at = d instanceof Date ? d : new Date(d);
	return `${gregorian(at, locale, tz, 'short')} ${time(at, locale, tz)}`;
}
