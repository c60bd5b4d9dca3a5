/**
 * Dates of the analytics exports: ISO 'YYYY-MM-DD' (optionally with a time), 'M/D/YYYY' or
 * 'D/M/YYYY' (the order is decided for the whole file: a first number > 12 anywhere ⇒
 * day-first, a second number > 12 ⇒ month-first; otherwise the default — month-first for the
 * platform exports, day-first for mapped files, overridable), month names in English or Arabic
 * with optional weekday ("Sat, Nov 01, 2025", "3 November 2025", "٣ نوفمبر ٢٠٢٥"), Excel date
 * cells and serials.
 * A timestamp with an explicit UTC offset ("2019-11-03 21:40 +0000") is converted to the
 * association's local date (Asia/Riyadh by default); without an offset the date is taken as
 * written. Dates without a year get one so that the most recent date of the file falls in
 * `opts.year` when given, otherwise in the latest year that does not put it in the future;
 * consecutive rows crossing December → January (or back, for newest-first files) change year.
 *
 * Time-zone arithmetic, digits and calendar checks come from the one dates module.
 */
import { isoDateOf, localParts, toLatinDigits } from '../../../dates';
import { periodStartOf as periodStartOfDate } from '../../reach/social';
import type { PeriodKind } from './types';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a date known to exist (checked with `validYmd`). */
export const ymd = (y: number, m: number, d: number) => isoDateOf(y, m, d)!;

/** A real calendar date in the years analytics exports can hold. */
export function validYmd(y: number, m: number, d: number): boolean {
	return y >= 1900 && y <= 2200 && isoDateOf(y, m, d) !== null;
}

export function periodStartOf(y: number, m: number, d: number, kind: PeriodKind): string {
	return periodStartOfDate(ymd(y, m, d), kind);
}

export type Gran = 'day' | 'month' | 'quarter';
export type TimeInfo = { h: number; min: number; s: number; offsetMin: number | null } | null;
export type RawDate =
	| { t: 'full'; y: number; m: number; d: number; gran: Gran; time: TimeInfo }
	| { t: 'slash'; a: number; b: number; y: number; time: TimeInfo }
	| { t: 'noyear'; m: number; d: number }
	| { t: 'bad' }
	| { t: 'total' };

const MONTHS: Record<string, number> = {
	january: 1,
	jan: 1,
	february: 2,
	feb: 2,
	march: 3,
	mar: 3,
	april: 4,
	apr: 4,
	may: 5,
	june: 6,
	jun: 6,
	july: 7,
	jul: 7,
	august: 8,
	aug: 8,
	september: 9,
	sep: 9,
	sept: 9,
	october: 10,
	oct: 10,
	november: 11,
	nov: 11,
	december: 12,
	dec: 12,
	يناير: 1,
	فبراير: 2,
	مارس: 3,
	أبريل: 4,
	ابريل: 4,
	إبريل: 4,
	مايو: 5,
	يونيو: 6,
	يونيه: 6,
	يوليو: 7,
	يوليه: 7,
	أغسطس: 8,
	اغسطس: 8,
	سبتمبر: 9,
	أكتوبر: 10,
	اكتوبر: 10,
	نوفمبر: 11,
	ديسمبر: 12
};
const WEEKDAYS = new Set([
	'sunday',
	'sun',
	'monday',
	'mon',
	'tuesday',
	'tue',
	'tues',
	'wednesday',
	'wed',
	'thursday',
	'thu',
	'thur',
	'thurs',
	'friday',
	'fri',
	'saturday',
	'sat',
	'الأحد',
	'الاحد',
	'الاثنين',
	'الإثنين',
	'الثلاثاء',
	'الأربعاء',
	'الاربعاء',
	'الخميس',
	'الجمعة',
	'السبت'
]);
const TOTAL_WORDS = new Set([
	'total',
	'totals',
	'grand total',
	'sum',
	'الإجمالي',
	'الاجمالي',
	'المجموع',
	'الكل'
]);

const TIME_RE =
	/(?:[ T,]+|^)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(am|pm|a\.m\.|p\.m\.|ص|م)?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?\s*$/i;

function splitTime(s: string): { date: string; time: TimeInfo } {
	const m = TIME_RE.exec(s);
	if (!m || m.index === 0) return { date: s, time: null };
	let h = Number(m[1]);
	const ampm = (m[4] ?? '').toLowerCase();
	if ((ampm.startsWith('p') || ampm === 'م') && h < 12) h += 12;
	if ((ampm.startsWith('a') || ampm === 'ص') && h === 12) h = 0;
	let offsetMin: number | null = null;
	const off = (m[5] ?? '').toLowerCase();
	if (off === 'z' || off === 'utc' || off === 'gmt') offsetMin = 0;
	else if (off) {
		const o = /^([+-])(\d{2}):?(\d{2})$/.exec(off)!;
		offsetMin = (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3]));
	}
	return {
		date: s.slice(0, m.index),
		time: { h, min: Number(m[2]), s: Number(m[3] ?? 0), offsetMin }
	};
}

export function rawDate(cell: unknown): RawDate {
	if (cell === null || cell === undefined) return { t: 'bad' };
	if (cell instanceof Date) {
		if (Number.isNaN(cell.getTime())) return { t: 'bad' };
		// exceljs stores the sheet's wall-clock time as UTC.
		return {
			t: 'full',
			y: cell.getUTCFullYear(),
			m: cell.getUTCMonth() + 1,
			d: cell.getUTCDate(),
			gran: 'day',
			time: null
		};
	}
	if (typeof cell === 'number') {
		if (!(cell >= 1 && cell < 2_958_466)) return { t: 'bad' };
		const dt = new Date(Date.UTC(1899, 11, 30) + Math.floor(cell) * DAY_MS); // Excel serial
		return {
			t: 'full',
			y: dt.getUTCFullYear(),
			m: dt.getUTCMonth() + 1,
			d: dt.getUTCDate(),
			gran: 'day',
			time: null
		};
	}
	const text = toLatinDigits(String(cell))
		.replace(/[\u200E\u200F\u061C\uFEFF]/g, '')
		.replace(/[\u00A0\u202F\u2009]/g, ' ')
		.trim()
		.replace(/^["']+|["']+$/g, '')
		.trim();
	if (!text) return { t: 'bad' };
	if (TOTAL_WORDS.has(text.toLowerCase())) return { t: 'total' };
	const { date, time } = splitTime(text);
	const s = date.trim().replace(/,$/, '').trim();
	let m: RegExpExecArray | null;
	if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s)))
		return { t: 'full', y: +m[1], m: +m[2], d: +m[3], gran: 'day', time };
	if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(s)))
		return { t: 'slash', a: +m[1], b: +m[2], y: m[3].length === 2 ? 2000 + +m[3] : +m[3], time };
	if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(s)))
		return { t: 'full', y: +m[1], m: +m[2], d: 1, gran: 'month', time: null };
	if ((m = /^(\d{1,2})[-/.](\d{4})$/.exec(s)))
		return { t: 'full', y: +m[2], m: +m[1], d: 1, gran: 'month', time: null };
	if ((m = /^q([1-4])[\s\-/]*(\d{4})$/i.exec(s)) || (m = /^(\d{4})[\s\-/]*q([1-4])$/i.exec(s))) {
		const [q, y] = m[1].length === 4 ? [+m[2], +m[1]] : [+m[1], +m[2]];
		return { t: 'full', y, m: (q - 1) * 3 + 1, d: 1, gran: 'quarter', time: null };
	}
	// Month names, with optional weekday: "Sat, Nov 01, 2025", "November 3", "3 November 2025", "3-Nov-25".
	const tokens = s
		.toLowerCase()
		.split(/[\s,،.\-/]+/)
		.filter((t) => t && !WEEKDAYS.has(t));
	let month: number | null = null;
	let day: number | null = null;
	let year: number | null = null;
	for (const tok of tokens) {
		const clean = tok.replace(/^(\d{1,2})(st|nd|rd|th)$/, '$1');
		if (Object.hasOwn(MONTHS, clean)) {
			if (month !== null) return { t: 'bad' };
			month = MONTHS[clean];
		} else if (/^\d{4}$/.test(clean)) {
			if (year !== null) return { t: 'bad' };
			year = +clean;
		} else if (/^\d{1,2}$/.test(clean)) {
			if (day !== null) {
				// "3-Nov-25": a second 1–2 digit number after the month is a 2-digit year.
				if (year !== null) return { t: 'bad' };
				year = 2000 + +clean;
			} else day = +clean;
		} else return { t: 'bad' };
	}
	if (month === null) return { t: 'bad' };
	if (day === null && year !== null)
		return { t: 'full', y: year, m: month, d: 1, gran: 'month', time: null };
	if (day === null) return { t: 'bad' };
	if (year === null) return { t: 'noyear', m: month, d: day };
	return { t: 'full', y: year, m: month, d: day, gran: 'day', time };
}

/** Local date of a wall-clock time with an explicit UTC offset. */
export function shiftToZone(
	y: number,
	m: number,
	d: number,
	time: TimeInfo,
	tz: string
): [number, number, number] {
	if (!time || time.offsetMin === null) return [y, m, d];
	const instant = Date.UTC(y, m - 1, d, time.h, time.min, time.s) - time.offsetMin * 60_000;
	const local = localParts(instant, tz);
	return [local.year, local.month, local.day];
}

/**
 * The order of slash dates (3/4/2025), decided for the whole file: a first number > 12
 * anywhere ⇒ day-first, a second number > 12 ⇒ month-first, otherwise `fallback`. A `forced`
 * order is kept as it is.
 */
export function slashOrder(
	dates: readonly RawDate[],
	fallback: 'mdy' | 'dmy',
	forced: boolean
): 'mdy' | 'dmy' {
	if (forced) return fallback;
	const slashes = dates.filter((d): d is Extract<RawDate, { t: 'slash' }> => d.t === 'slash');
	const dayFirst = slashes.some((d) => d.a > 12);
	const monthFirst = slashes.some((d) => d.b > 12);
	if (dayFirst && !monthFirst) return 'dmy';
	if (monthFirst && !dayFirst) return 'mdy';
	return fallback;
}

export type NoYearDate = Extract<RawDate, { t: 'noyear' }>;

/**
 * Years for dates written without one, in file order: consecutive dates crossing
 * December → January (or back) change year, and the most recent date falls in `opts.year`,
 * else in the latest year that does not put it after today (in `timeZone`).
 */
export function inferYears(
	dates: readonly NoYearDate[],
	opts: { year?: number; now?: Date; timeZone: string }
): number[] {
	if (!dates.length) return [];
	const ord = (d: NoYearDate) => (d.m - 1) * 31 + d.d;
	const YEAR = 372;
	const offsets = [0];
	const abs = [ord(dates[0])];
	for (let i = 1; i < dates.length; i++) {
		const c = ord(dates[i]);
		let best = offsets[i - 1];
		let bestDist = Infinity;
		for (const k of [offsets[i - 1] - 1, offsets[i - 1], offsets[i - 1] + 1]) {
			const dist = Math.abs(c + k * YEAR - abs[i - 1]);
			if (dist < bestDist) {
				bestDist = dist;
				best = k;
			}
		}
		offsets.push(best);
		abs.push(c + best * YEAR);
	}
	let maxI = 0;
	for (let i = 1; i < abs.length; i++) if (abs[i] > abs[maxI]) maxI = i;
	let anchorYear: number;
	if (opts.year) anchorYear = opts.year;
	else {
		const now = localParts(opts.now ?? new Date(), opts.timeZone);
		anchorYear = now.year;
		const nowOrd = (now.month - 1) * 31 + now.day;
		if (ord(dates[maxI]) > nowOrd) anchorYear--;
	}
	return offsets.map((o) => anchorYear + o - offsets[maxI]);
}

/** A read date made whole: slash dates in `order`, year-less ones with their inferred year. */
export function completeDate(
	d: RawDate,
	order: 'mdy' | 'dmy',
	inferredYear: number | undefined
): { y: number; m: number; d: number; gran: Gran; time: TimeInfo } | null {
	if (d.t === 'full') return { y: d.y, m: d.m, d: d.d, gran: d.gran, time: d.time };
	if (d.t === 'slash') {
		const [m, day] = order === 'mdy' ? [d.a, d.b] : [d.b, d.a];
		return { y: d.y, m, d: day, gran: 'day', time: d.time };
	}
	if (d.t === 'noyear' && inferredYear !== undefined)
		return { y: inferredYear, m: d.m, d: d.d, gran: 'day', time: null };
	return null;
}

/** A date of granularity `gran` cannot be put in a period of `kind` (a month in days). */
export function coarserThan(gran: Gran, kind: PeriodKind): boolean {
	const rank = { day: 0, month: 1, quarter: 2 };
	return rank[gran] > rank[kind];
}
