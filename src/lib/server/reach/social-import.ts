/**
 * Importers for the analytics files that social platforms let an account owner export.
 * Pure: a Buffer in, aggregated rows out. No DB, no network.
 *
 * Recognised exports (by header names; matching ignores case, surrounding spaces, quotes,
 * BOM and repeated spaces):
 *   x_content       X (Twitter) analytics: per-post content export ("Post id, Date, …,
 *                   Impressions, Likes, Engagements, …, New follows, …"), the older tweet
 *                   activity export ("Tweet id, Tweet permalink, Tweet text, time, impressions,
 *                   engagements, …"), and the account-level daily overview ("Date, Impressions,
 *                   Likes, Engagements, …, New follows, Unfollows, …, Create Post").
 *   meta_content    Meta Business Suite content export for Instagram or Facebook ("Post ID,
 *                   Account ID, Account username, …, Publish time, Permalink, Post type, Date,
 *                   Views, Reach, Likes, Shares, Follows, Comments, Saves"); often UTF-16LE
 *                   with a BOM, tab- or comma-separated, first line `sep=,`.
 *   tiktok_overview TikTok Studio overview ("Date, Video Views, Profile Views, Likes, Comments,
 *                   Shares") with dates WITHOUT a year ("November 3" / "3 November").
 *   tiktok_viewers  TikTok Studio viewers ("Date, Total Viewers, New Viewers, Returning Viewers").
 *   youtube_table   YouTube Studio "Table data" with a Date dimension ("Date, Views, Watch time
 *                   (hours), Subscribers, Impressions, …"); the leading "Total" row is skipped.
 * Anything else is 'unknown' → the admin maps columns and calls parseWithMapping.
 *
 * OUTPUT ROWS are aggregated per platform per period (day for the recognised exports):
 *   impressions  times content was shown/viewed. X/YouTube "Impressions" (YouTube falls back
 *                to "Views" when the Impressions column is absent), Meta "Views" (older files:
 *                "Impressions"), TikTok "Video Views". SUMMED.
 *   engagements  X "Engagements"; Meta Likes|Reactions + Comments + Shares + Saves (or the
 *                combined "Reactions, comments and shares" column); TikTok Likes + Comments +
 *                Shares; YouTube Likes + Comments added + Shares when present. SUMMED.
 *   followers    NET FOLLOWERS GAINED in the period (a delta, not the running total — no export
 *                gives totals per day): X "New follows" (− "Unfollows" when present), Meta
 *                "Follows" (follows attributed to the posts), YouTube "Subscribers" (net, may be
 *                negative). SUMMED.
 *   posts        per-post exports (X content, Meta content): the number of post rows of that
 *                day; X overview "Create Post"; YouTube "Videos published" when present.
 *   reach        UNIQUE accounts — NOT additive. Per-post reach (Meta "Reach") is never
 *                summed across posts: per-post files give reach = null. Reach is taken only
 *                from account-level daily files (TikTok "Total Viewers", YouTube "Unique
 *                viewers"), and only when exactly one source row falls into the period; when
 *                several rows land in the same period (duplicates, or daily rows mapped to a
 *                month) reach is null and an 'import.reachNotSummable' warning is added.
 *                `rollup()` applies the same rule when going from days to months/quarters.
 *
 * ERRORS are per row and never throw: { row, column, reason, params } where `row` is the
 * 1-based spreadsheet row as Excel shows it (header = row 1 for a CSV; a leading `sep=` line is
 * not counted because Excel hides it) and `reason` is an i18n key. A row with any error is left
 * out of the totals entirely (no partial sums). Rows whose date cell says "Total" are skipped.
 *
 * DATES: ISO 'YYYY-MM-DD' (optionally with a time), 'M/D/YYYY' or 'D/M/YYYY' (the order is
 * decided for the whole file: a first number > 12 anywhere ⇒ day-first, a second number > 12
 * ⇒ month-first; otherwise the default — month-first for the platform exports, day-first for
 * mapped files, overridable), month names in English or Arabic with optional weekday
 * ("Sat, Nov 01, 2025", "3 November 2025", "٣ نوفمبر ٢٠٢٥"), Excel date cells and serials.
 * A timestamp with an explicit UTC offset ("2019-11-03 21:40 +0000") is converted to the
 * association's local date (Asia/Riyadh by default); without an offset the date is taken as
 * written. Dates without a year get one so that the most recent date of the file falls in
 * `opts.year` when given, otherwise in the latest year that does not put it in the future;
 * consecutive rows crossing December → January (or back, for newest-first files) change year.
 *
 * NUMBERS: "12,345", "12 345" (any space kind), "12.345" (dot + 3-digit groups = thousands:
 * the metrics are counts), Arabic-Indic digits and "٬", "1.2K" / "3M", empty / "-" / "—" = no
 * value. Anything else is an 'import.badNumber' error. Negative values are errors except for
 * followers (net change).
 */
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { z } from 'zod';

// ------------------------------------------------------------------------------ types

export const SOCIAL_PLATFORMS = [
	'x',
	'instagram',
	'snapchat',
	'tiktok',
	'youtube',
	'facebook',
	'linkedin',
	'telegram',
	'whatsapp_channel'
] as const;
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];

export type PeriodKind = 'day' | 'month' | 'quarter';

export type ImportFormat =
	'x_content' | 'meta_content' | 'tiktok_overview' | 'tiktok_viewers' | 'youtube_table' | 'unknown';

export type ParsedRow = {
	platform: SocialPlatform;
	periodKind: PeriodKind;
	/** 'YYYY-MM-DD': the day, or the first day of the month/quarter. */
	periodStart: string;
	reach: number | null;
	impressions: number | null;
	/** Net followers gained in the period (can be negative). */
	followers: number | null;
	engagements: number | null;
	posts: number | null;
};

export type Metric = 'reach' | 'impressions' | 'followers' | 'engagements' | 'posts';
const METRICS: Metric[] = ['reach', 'impressions', 'followers', 'engagements', 'posts'];

export type ImportReason =
	| 'import.badNumber'
	| 'import.negativeNumber'
	| 'import.badDate'
	| 'import.dateTooCoarse'
	| 'import.columnNotFound'
	| 'import.platformUnknown'
	| 'import.unreadableFile'
	| 'import.unsupportedFile'
	| 'import.tooLarge';

export type ImportError = {
	/** 1-based spreadsheet row (0 = the file as a whole). */
	row: number;
	/** Header of the offending column as written in the file ('' = none). */
	column: string;
	/** i18n message key. */
	reason: ImportReason;
	params?: Record<string, string | number>;
};

export type ImportWarningReason =
	'import.reachNotSummable' | 'import.yearInferred' | 'import.duplicatePeriod' | 'import.noData';

export type ImportWarning = {
	reason: ImportWarningReason;
	params?: Record<string, string | number>;
};

export type DetectResult = {
	format: ImportFormat;
	platform?: SocialPlatform;
	rows: ParsedRow[];
	errors: ImportError[];
	warnings: ImportWarning[];
	/** Header cells as written (BOM/quotes/outer spaces removed) — the choices for the mapping step. */
	headers: string[];
	/** Up to 5 data rows as display strings, for the mapping step's preview. */
	preview: string[][];
};

export type DetectOptions = {
	/** Year of the MOST RECENT date in a file whose dates have no year (TikTok overview). */
	year?: number;
	/** Platform to use when the file does not say (Meta exports, unknown files). */
	platformHint?: string;
	/** "Today" for year inference (tests). Default: new Date(). */
	now?: Date;
	/** Zone for timestamps with an explicit offset. Default 'Asia/Riyadh'. */
	timeZone?: string;
	/** Force the order of ambiguous d/m/y dates. */
	dateOrder?: 'mdy' | 'dmy';
};

const columnRef = z.string().trim().min(1).max(200);
export const columnMappingSchema = z.object({
	platform: z.enum(SOCIAL_PLATFORMS),
	periodKind: z.enum(['day', 'month', 'quarter']),
	date: columnRef,
	reach: columnRef.optional(),
	/** Several columns are summed (e.g. likes + comments + shares). */
	impressions: z.union([columnRef, z.array(columnRef).min(1)]).optional(),
	followers: z.union([columnRef, z.array(columnRef).min(1)]).optional(),
	engagements: z.union([columnRef, z.array(columnRef).min(1)]).optional(),
	posts: z.union([columnRef, z.array(columnRef).min(1)]).optional(),
	/** Count each data row as one post (per-post files without a posts column). */
	countRowsAsPosts: z.boolean().optional(),
	/** Order of ambiguous dates like 03/04/2025. Default 'dmy' (Saudi spreadsheets). */
	dateOrder: z.enum(['mdy', 'dmy']).optional()
});
export type ColumnMapping = z.input<typeof columnMappingSchema>;

export type MappingResult = {
	platform: SocialPlatform;
	rows: ParsedRow[];
	errors: ImportError[];
	warnings: ImportWarning[];
	headers: string[];
};

/** Within the server's BODY_SIZE_LIMIT (10 MB, set by scripts/start.js). */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
const MAX_ROWS = 200_000;
const DAY_MS = 86_400_000;

// ------------------------------------------------------------------------------ small helpers

/** sha256 hex of the raw bytes — store it to detect re-imports of the same file. */
export function fileFingerprint(buffer: Uint8Array): string {
	return createHash('sha256').update(buffer).digest('hex');
}

export function isSocialPlatform(v: unknown): v is SocialPlatform {
	return typeof v === 'string' && (SOCIAL_PLATFORMS as readonly string[]).includes(v);
}

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
function asciiDigits(s: string): string {
	return s.replace(ARABIC_DIGITS, (c) => {
		const code = c.charCodeAt(0);
		return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
	});
}

/** Header as displayed: BOM, bidi marks, outer quotes and spaces removed, inner spaces collapsed. */
export function cleanHeader(h: unknown): string {
	return String(h ?? '')
		.replace(/[\uFEFF\u200E\u200F\u061C]/g, '')
		.replace(/[\u00A0\u202F\u2009]/g, ' ')
		.trim()
		.replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
		.trim()
		.replace(/\s+/g, ' ');
}
/** Header key for matching: cleanHeader + lower case. */
export function headerKey(h: unknown): string {
	return cleanHeader(h).toLowerCase();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function validYmd(y: number, m: number, d: number): boolean {
	if (!(y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return false;
	const dt = new Date(Date.UTC(y, m - 1, d));
	return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function offsetMsOf(tz: string, instant: number): number {
	if (tz === 'Asia/Riyadh') return 3 * 3_600_000;
	const parts: Record<string, number> = {};
	for (const p of new Intl.DateTimeFormat('en-US', {
		timeZone: tz,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(instant))) {
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	}
	return (
		Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) -
		(instant - (instant % 1000))
	);
}

function periodStartOf(y: number, m: number, d: number, kind: PeriodKind): string {
	if (kind === 'day') return ymd(y, m, d);
	if (kind === 'month') return ymd(y, m, 1);
	return ymd(y, Math.floor((m - 1) / 3) * 3 + 1, 1);
}

// ------------------------------------------------------------------------------ numbers

type NumResult =
	| { ok: true; value: number | null }
	| { ok: false; reason: 'import.badNumber' | 'import.negativeNumber' };

const EMPTY_MARKERS = new Set(['', '-', '--', '—', '–', 'n/a', 'na', 'null', 'none']);

/** Parse one count cell. Exported for the mapping preview and tests. */
export function parseCount(cell: unknown, allowNegative = false): NumResult {
	if (cell === null || cell === undefined) return { ok: true, value: null };
	let value: number;
	if (typeof cell === 'number') {
		if (!Number.isFinite(cell)) return { ok: false, reason: 'import.badNumber' };
		value = cell;
	} else if (typeof cell === 'string') {
		let s = asciiDigits(cell)
			.replace(/[\u200E\u200F\u061C\uFEFF]/g, '')
			.trim()
			.replace(/^["']+|["']+$/g, '')
			.replace(/[\s\u00A0\u202F\u2009]+/g, '')
			.replace(/\u066C/g, ',') // Arabic thousands separator
			.replace(/\u066B/g, '.') // Arabic decimal separator
			.replace(/\u2212/g, '-');
		if (EMPTY_MARKERS.has(s.toLowerCase())) return { ok: true, value: null };
		let sign = 1;
		if (s.startsWith('-')) {
			sign = -1;
			s = s.slice(1);
		} else if (s.startsWith('+')) s = s.slice(1);
		let m: RegExpExecArray | null;
		if ((m = /^(\d+(?:[.,]\d+)?)([kmb])$/i.exec(s))) {
			const mult = { k: 1e3, m: 1e6, b: 1e9 }[m[2].toLowerCase() as 'k' | 'm' | 'b'];
			value = Number(m[1].replace(',', '.')) * mult;
		} else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) value = Number(s.replace(/,/g, ''));
		else if (/^\d{1,3}(\.\d{3})+$/.test(s)) value = Number(s.replace(/\./g, ''));
		else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s))
			value = Number(s.replace(/\./g, '').replace(',', '.'));
		else if (/^\d+(\.\d+)?$/.test(s)) value = Number(s);
		else if (/^\d+,\d{1,2}$/.test(s)) value = Number(s.replace(',', '.'));
		else return { ok: false, reason: 'import.badNumber' };
		value *= sign;
	} else return { ok: false, reason: 'import.badNumber' };
	if (!Number.isFinite(value)) return { ok: false, reason: 'import.badNumber' };
	value = Math.round(value);
	if (Object.is(value, -0)) value = 0;
	if (value < 0 && !allowNegative) return { ok: false, reason: 'import.negativeNumber' };
	return { ok: true, value };
}

// ------------------------------------------------------------------------------ dates

type Gran = 'day' | 'month' | 'quarter';
type TimeInfo = { h: number; min: number; s: number; offsetMin: number | null } | null;
type RawDate =
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

function rawDate(cell: unknown): RawDate {
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
	const text = asciiDigits(String(cell))
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
function shiftToZone(
	y: number,
	m: number,
	d: number,
	time: TimeInfo,
	tz: string
): [number, number, number] {
	if (!time || time.offsetMin === null) return [y, m, d];
	const instant = Date.UTC(y, m - 1, d, time.h, time.min, time.s) - time.offsetMin * 60_000;
	const local = new Date(instant + offsetMsOf(tz, instant));
	return [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
}

// ------------------------------------------------------------------------------ reading files

type Cell = string | number | Date | null;
type Table = { rows: Cell[][]; rowNumbers: number[] };

class ImportFileError extends Error {
	constructor(public reason: ImportReason) {
		super(reason);
	}
}

function decodeText(buf: Uint8Array): string {
	if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
		return new TextDecoder('utf-16le').decode(buf.subarray(2));
	if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
		return new TextDecoder('utf-16be').decode(buf.subarray(2));
	if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
		return new TextDecoder('utf-8').decode(buf.subarray(3));
	// UTF-16 without BOM: every other byte of ASCII text is zero.
	if (buf.length >= 4) {
		const sample = buf.subarray(0, Math.min(buf.length, 200));
		let evenZero = 0;
		let oddZero = 0;
		for (let i = 0; i < sample.length; i++) {
			if (sample[i] !== 0) continue;
			if (i % 2) oddZero++;
			else evenZero++;
		}
		if (oddZero > sample.length / 4 && evenZero === 0)
			return new TextDecoder('utf-16le').decode(buf);
		if (evenZero > sample.length / 4 && oddZero === 0)
			return new TextDecoder('utf-16be').decode(buf);
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(buf);
	} catch {
		// Excel "CSV (Comma delimited)" on Arabic Windows saves in the ANSI code page.
		return new TextDecoder('windows-1256').decode(buf);
	}
}

/** The delimiter among , ; TAB that occurs most often outside quotes in the first line. */
function sniffDelimiter(text: string): string {
	const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
	let inQuotes = false;
	for (const ch of text) {
		if (ch === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
		else if (!inQuotes && ch in counts) counts[ch]++;
	}
	let best = ',';
	for (const d of ['\t', ';']) if (counts[d] > counts[best]) best = d;
	return best;
}

function readCsv(buf: Uint8Array): Table {
	let text = decodeText(buf).replace(/^\uFEFF/, '');
	let delimiter: string | null = null;
	const sep = /^"?sep=(.)"?[^\S\r\n]*(\r\n|\n|\r)/i.exec(text);
	if (sep) {
		delimiter = sep[1];
		text = text.slice(sep[0].length);
	}
	delimiter ??= sniffDelimiter(text);
	let records: string[][];
	try {
		records = parseCsv(text, {
			delimiter,
			bom: true,
			relax_column_count: true,
			relax_quotes: true,
			skip_empty_lines: false,
			trim: true,
			to: MAX_ROWS + 20
		}) as string[][];
	} catch {
		throw new ImportFileError('import.unreadableFile');
	}
	return { rows: records, rowNumbers: records.map((_, i) => i + 1) };
}

function excelCell(v: ExcelJS.CellValue): Cell {
	if (v === null || v === undefined) return null;
	if (typeof v === 'number' || typeof v === 'string') return v;
	if (typeof v === 'boolean') return String(v);
	if (v instanceof Date) return v;
	if (typeof v === 'object') {
		if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
		if ('formula' in v || 'sharedFormula' in v)
			return excelCell((v as { result?: ExcelJS.CellValue }).result ?? null);
		if ('error' in v) return null;
		if ('text' in v) return excelCell((v as { text: ExcelJS.CellValue }).text); // hyperlink
	}
	return String(v);
}

async function readXlsx(buf: Uint8Array): Promise<Table> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(
			Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as unknown as ExcelJS.Buffer
		);
	} catch {
		throw new ImportFileError('import.unreadableFile');
	}
	const ws = wb.worksheets[0];
	const rows: Cell[][] = [];
	const rowNumbers: number[] = [];
	if (!ws) return { rows, rowNumbers };
	ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		if (rows.length > MAX_ROWS + 20) return;
		const values = row.values as ExcelJS.CellValue[]; // 1-based, sparse
		const out: Cell[] = [];
		for (let i = 1; i < values.length; i++) out.push(excelCell(values[i]));
		rows.push(out);
		rowNumbers.push(rowNumber);
	});
	return { rows, rowNumbers };
}

async function readTable(buffer: Uint8Array, fileName: string): Promise<Table> {
	if (buffer.length > MAX_IMPORT_BYTES) throw new ImportFileError('import.tooLarge');
	const isZip =
		buffer.length >= 4 &&
		buffer[0] === 0x50 &&
		buffer[1] === 0x4b &&
		buffer[2] === 0x03 &&
		buffer[3] === 0x04;
	const isOle =
		buffer.length >= 4 &&
		buffer[0] === 0xd0 &&
		buffer[1] === 0xcf &&
		buffer[2] === 0x11 &&
		buffer[3] === 0xe0;
	if (isOle) throw new ImportFileError('import.unsupportedFile'); // legacy .xls
	if (isZip) return readXlsx(buffer);
	if (/\.(xlsx|xlsm)$/i.test(fileName)) throw new ImportFileError('import.unreadableFile');
	return readCsv(buffer);
}

const isEmptyCell = (c: Cell) => c === null || (typeof c === 'string' && cleanHeader(c) === '');
const isEmptyRow = (r: Cell[]) => r.every(isEmptyCell);

function display(c: Cell): string {
	if (c === null) return '';
	if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
	return String(c);
}

// ------------------------------------------------------------------------------ format specs

/**
 * Alternatives per metric. The first alternative whose FIRST column is present is used (else the
 * first with any column present); its columns that are present are summed. '-x' subtracts x.
 */
type MetricSpec = string[][];
type Spec = {
	format: ImportFormat;
	platform: SocialPlatform;
	dateCols: string[];
	metrics: Partial<Record<Metric, MetricSpec>>;
	countPosts: boolean;
	/** Account-level rows (one per day): a repeated day is suspicious. */
	accountLevel: boolean;
	dateOrder: 'mdy' | 'dmy';
	periodKind: PeriodKind;
};

function detectFormat(keys: Set<string>): ImportFormat {
	const has = (k: string) => keys.has(k);
	if (has('post id') && has('publish time') && (has('views') || has('reach') || has('impressions')))
		return 'meta_content';
	if (has('date') && has('video views') && has('profile views')) return 'tiktok_overview';
	if (has('date') && has('total viewers')) return 'tiktok_viewers';
	if (has('date') && (has('watch time (hours)') || (has('views') && has('subscribers'))))
		return 'youtube_table';
	if ((has('post id') || has('tweet id')) && has('impressions') && (has('date') || has('time')))
		return 'x_content';
	if (
		has('date') &&
		has('impressions') &&
		has('engagements') &&
		(has('new follows') || has('create post') || has('tweets published') || has('unfollows'))
	)
		return 'x_content';
	return 'unknown';
}

const META_IG = ['account username', 'account id', 'account name', 'saves'];
const META_FB = ['page id', 'page name', 'reactions', 'reactions, comments and shares'];

function specFor(
	format: ImportFormat,
	keys: Set<string>,
	opts: DetectOptions
): Spec | { error: ImportReason } {
	const base = {
		format,
		accountLevel: false,
		countPosts: false,
		dateOrder: opts.dateOrder ?? 'mdy',
		periodKind: 'day'
	} as const;
	switch (format) {
		case 'x_content': {
			const perPost = keys.has('post id') || keys.has('tweet id');
			return {
				...base,
				platform: 'x',
				dateCols: ['date', 'time'],
				countPosts: perPost,
				accountLevel: !perPost,
				metrics: {
					impressions: [['impressions']],
					engagements: [['engagements']],
					followers: [['new follows', '-unfollows'], ['follows']],
					...(perPost ? {} : { posts: [['create post'], ['tweets published']] })
				}
			};
		}
		case 'meta_content': {
			let platform: SocialPlatform | null = null;
			if (META_IG.some((k) => keys.has(k))) platform = 'instagram';
			else if (META_FB.some((k) => keys.has(k))) platform = 'facebook';
			else if (opts.platformHint === 'instagram' || opts.platformHint === 'facebook')
				platform = opts.platformHint;
			if (!platform) return { error: 'import.platformUnknown' };
			return {
				...base,
				platform,
				dateCols: ['publish time', 'date'],
				countPosts: true,
				metrics: {
					// Per-post "Reach" is deliberately NOT read: it cannot be summed across posts.
					impressions: [['views'], ['impressions']],
					engagements: [
						['reactions, comments and shares'],
						['reactions', 'comments', 'shares', 'saves'],
						['likes', 'comments', 'shares', 'saves']
					],
					followers: [['follows']]
				}
			};
		}
		case 'tiktok_overview':
			return {
				...base,
				platform: 'tiktok',
				dateCols: ['date'],
				accountLevel: true,
				metrics: { impressions: [['video views']], engagements: [['likes', 'comments', 'shares']] }
			};
		case 'tiktok_viewers':
			return {
				...base,
				platform: 'tiktok',
				dateCols: ['date'],
				accountLevel: true,
				metrics: { reach: [['total viewers']] }
			};
		case 'youtube_table':
			return {
				...base,
				platform: 'youtube',
				dateCols: ['date'],
				accountLevel: true,
				metrics: {
					reach: [['unique viewers']],
					impressions: [['impressions'], ['views']],
					engagements: [['likes', 'comments added', 'shares']],
					followers: [['subscribers'], ['subscribers gained', '-subscribers lost']],
					posts: [['videos published'], ['videos added']]
				}
			};
		default:
			return { error: 'import.platformUnknown' };
	}
}

// ------------------------------------------------------------------------------ the row engine

type Resolved = { metric: Metric; cols: { idx: number; sign: 1 | -1 }[] };

function resolveMetrics(spec: Spec, index: Map<string, number>): Resolved[] {
	const out: Resolved[] = [];
	for (const metric of METRICS) {
		const alts = spec.metrics[metric];
		if (!alts) continue;
		// Prefer an alternative whose first (key) column is present; else any with a column present.
		const bare = (c: string) => c.replace(/^-/, '');
		const chosen =
			alts.find((alt) => index.has(bare(alt[0]))) ??
			alts.find((alt) => alt.some((c) => index.has(bare(c))));
		if (!chosen) continue;
		const cols: Resolved['cols'] = [];
		for (const c of chosen) {
			const idx = index.get(bare(c));
			if (idx !== undefined) cols.push({ idx, sign: c.startsWith('-') ? -1 : 1 });
		}
		out.push({ metric, cols });
	}
	return out;
}

type PendingRow = { rowNo: number; date: RawDate; values: Partial<Record<Metric, number | null>> };

type EngineResult = { rows: ParsedRow[]; errors: ImportError[]; warnings: ImportWarning[] };

function runEngine(
	table: Table,
	headerAt: number,
	headers: string[],
	spec: Spec,
	opts: DetectOptions
): EngineResult {
	const errors: ImportError[] = [];
	const warnings: ImportWarning[] = [];
	const tz = opts.timeZone ?? 'Asia/Riyadh';
	const index = new Map<string, number>();
	headers.forEach((h, i) => {
		const k = h.toLowerCase();
		if (k && !index.has(k)) index.set(k, i);
	});
	const dateIdx = spec.dateCols
		.map((c) => index.get(c))
		.filter((i): i is number => i !== undefined);
	const resolved = resolveMetrics(spec, index);

	// Pass 1: read every data row.
	const pending: PendingRow[] = [];
	for (let r = headerAt + 1; r < table.rows.length && pending.length < MAX_ROWS; r++) {
		const row = table.rows[r];
		const rowNo = table.rowNumbers[r];
		if (isEmptyRow(row)) continue;
		// First usable date column wins (Meta: "Publish time", then "Date" which often says "Lifetime").
		let date: RawDate = { t: 'bad' };
		let dateCol = -1;
		for (const i of dateIdx) {
			const cell = row[i] ?? null;
			if (isEmptyCell(cell)) continue;
			const rd = rawDate(cell);
			if (dateCol < 0 || rd.t !== 'bad') dateCol = i;
			if (rd.t !== 'bad') {
				date = rd;
				break;
			}
		}
		if (dateCol < 0) dateCol = dateIdx[0] ?? -1;
		if (date.t === 'total') continue;
		let bad = false;
		if (date.t === 'bad') {
			errors.push({
				row: rowNo,
				column: headers[dateCol] ?? '',
				reason: 'import.badDate',
				params: { value: display(row[dateCol] ?? null) }
			});
			bad = true;
		}
		const values: PendingRow['values'] = {};
		for (const { metric, cols } of resolved) {
			let sum: number | null = null;
			for (const { idx, sign } of cols) {
				const cell = row[idx] ?? null;
				const res = parseCount(cell, metric === 'followers');
				if (!res.ok) {
					errors.push({
						row: rowNo,
						column: headers[idx],
						reason: res.reason,
						params: { value: display(cell) }
					});
					bad = true;
					continue;
				}
				if (res.value !== null) sum = (sum ?? 0) + sign * res.value;
			}
			values[metric] = sum;
		}
		if (spec.countPosts) values.posts = 1;
		if (!bad) pending.push({ rowNo, date, values });
	}

	// Pass 2a: the d/m order of slash dates, decided for the whole file.
	let order = spec.dateOrder;
	if (!opts.dateOrder) {
		const slashes = pending
			.map((p) => p.date)
			.filter((d): d is Extract<RawDate, { t: 'slash' }> => d.t === 'slash');
		const dayFirst = slashes.some((d) => d.a > 12);
		const monthFirst = slashes.some((d) => d.b > 12);
		if (dayFirst && !monthFirst) order = 'dmy';
		else if (monthFirst && !dayFirst) order = 'mdy';
	}

	// Pass 2b: years for dates written without one.
	const noYear = pending.filter((p) => p.date.t === 'noyear');
	const inferred = new Map<PendingRow, number>();
	if (noYear.length) {
		const ord = (p: PendingRow) => {
			const d = p.date as Extract<RawDate, { t: 'noyear' }>;
			return (d.m - 1) * 31 + d.d;
		};
		const YEAR = 372;
		const offsets = [0];
		const abs = [ord(noYear[0])];
		for (let i = 1; i < noYear.length; i++) {
			const c = ord(noYear[i]);
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
			const now = new Date(
				(opts.now ?? new Date()).getTime() + offsetMsOf(tz, (opts.now ?? new Date()).getTime())
			);
			anchorYear = now.getUTCFullYear();
			const nowOrd = now.getUTCMonth() * 31 + now.getUTCDate();
			if (ord(noYear[maxI]) > nowOrd) anchorYear--;
		}
		noYear.forEach((p, i) => inferred.set(p, anchorYear + offsets[i] - offsets[maxI]));
		const years = [...new Set(inferred.values())].sort();
		warnings.push({
			reason: 'import.yearInferred',
			params: { years: years.join(','), ...(opts.year ? { year: opts.year } : {}) }
		});
	}

	// Pass 3: complete dates, periods, aggregation.
	type Bucket = { sums: Partial<Record<Metric, number | null>>; reachRows: number; rows: number };
	// reach survives only when the period is made of ONE source row (see module comment).
	const buckets = new Map<string, Bucket>();
	for (const p of pending) {
		const d = p.date;
		let y: number, m: number, day: number, gran: Gran;
		let time: TimeInfo = null;
		if (d.t === 'full') [y, m, day, gran, time] = [d.y, d.m, d.d, d.gran, d.time];
		else if (d.t === 'slash') {
			[m, day] = order === 'mdy' ? [d.a, d.b] : [d.b, d.a];
			[y, gran, time] = [d.y, 'day', d.time];
		} else if (d.t === 'noyear') [y, m, day, gran] = [inferred.get(p)!, d.m, d.d, 'day'];
		else continue;
		const col = headers[dateIdx[0]] ?? '';
		if (!validYmd(y, m, day)) {
			errors.push({
				row: p.rowNo,
				column: col,
				reason: 'import.badDate',
				params: { value: `${y}-${m}-${day}` }
			});
			continue;
		}
		const rank = { day: 0, month: 1, quarter: 2 };
		if (rank[gran] > rank[spec.periodKind]) {
			errors.push({
				row: p.rowNo,
				column: col,
				reason: 'import.dateTooCoarse',
				params: { periodKind: spec.periodKind }
			});
			continue;
		}
		[y, m, day] = shiftToZone(y, m, day, time, tz);
		const key = periodStartOf(y, m, day, spec.periodKind);
		let b = buckets.get(key);
		if (!b) buckets.set(key, (b = { sums: {}, reachRows: 0, rows: 0 }));
		b.rows++;
		for (const metric of METRICS) {
			const v = p.values[metric];
			if (v === undefined || v === null) continue;
			if (metric === 'reach') b.reachRows++;
			b.sums[metric] = (b.sums[metric] ?? 0) + v;
		}
	}

	const rows: ParsedRow[] = [];
	for (const [periodStart, b] of [...buckets].sort((a, c) => (a[0] < c[0] ? -1 : 1))) {
		if (spec.accountLevel && b.rows > 1 && spec.periodKind === 'day')
			warnings.push({
				reason: 'import.duplicatePeriod',
				params: { period: periodStart, rows: b.rows }
			});
		let reach = b.sums.reach ?? null;
		if (b.reachRows > 0 && b.rows > 1) {
			reach = null;
			warnings.push({ reason: 'import.reachNotSummable', params: { period: periodStart } });
		}
		rows.push({
			platform: spec.platform,
			periodKind: spec.periodKind,
			periodStart,
			reach,
			impressions: b.sums.impressions ?? null,
			followers: b.sums.followers ?? null,
			engagements: b.sums.engagements ?? null,
			posts: b.sums.posts ?? null
		});
	}
	if (!rows.length) warnings.push({ reason: 'import.noData' });
	return { rows, errors, warnings };
}

// ------------------------------------------------------------------------------ public API

function locateHeader(table: Table, accept: (keys: Set<string>) => boolean): number {
	let firstNonEmpty = -1;
	let firstWide = -1;
	let seen = 0;
	for (let r = 0; r < table.rows.length && seen < 15; r++) {
		const row = table.rows[r];
		if (isEmptyRow(row)) continue;
		seen++;
		if (firstNonEmpty < 0) firstNonEmpty = r;
		if (firstWide < 0 && row.filter((c) => !isEmptyCell(c)).length >= 2) firstWide = r;
		if (accept(new Set(row.map(headerKey)))) return r;
	}
	return firstWide >= 0 ? firstWide : firstNonEmpty;
}

function previewOf(table: Table, headerAt: number): string[][] {
	const out: string[][] = [];
	for (let r = headerAt + 1; r < table.rows.length && out.length < 5; r++) {
		if (!isEmptyRow(table.rows[r])) out.push(table.rows[r].map(display));
	}
	return out;
}

function fileError(e: unknown): ImportError {
	return {
		row: 0,
		column: '',
		reason: e instanceof ImportFileError ? e.reason : 'import.unreadableFile'
	};
}

/**
 * Recognise a platform export by its headers and parse it into daily rows.
 * Async because XLSX reading (exceljs) is. Never throws for bad input.
 */
export async function detectAndParse(
	buffer: Uint8Array,
	fileName: string,
	opts: DetectOptions = {}
): Promise<DetectResult> {
	const hint = isSocialPlatform(opts.platformHint) ? opts.platformHint : undefined;
	let table: Table;
	try {
		table = await readTable(buffer, fileName);
	} catch (e) {
		return {
			format: 'unknown',
			platform: hint,
			rows: [],
			errors: [fileError(e)],
			warnings: [],
			headers: [],
			preview: []
		};
	}
	const headerAt = locateHeader(table, (keys) => detectFormat(keys) !== 'unknown');
	if (headerAt < 0)
		return {
			format: 'unknown',
			platform: hint,
			rows: [],
			errors: [],
			warnings: [{ reason: 'import.noData' }],
			headers: [],
			preview: []
		};
	const headers = table.rows[headerAt].map(cleanHeader);
	const keys = new Set(headers.map((h) => h.toLowerCase()));
	const preview = previewOf(table, headerAt);
	const format = detectFormat(keys);
	if (format === 'unknown')
		return { format, platform: hint, rows: [], errors: [], warnings: [], headers, preview };
	const spec = specFor(format, keys, opts);
	if ('error' in spec)
		return {
			format,
			rows: [],
			errors: [{ row: 0, column: '', reason: spec.error }],
			warnings: [],
			headers,
			preview
		};
	const res = runEngine(table, headerAt, headers, spec, opts);
	return { format, platform: spec.platform, ...res, headers, preview };
}

/**
 * Parse a file with admin-chosen columns (the mapping step for unknown formats).
 * Column names are matched like headers (case/space/quote-insensitive). Rows are summed per
 * period of `periodKind`; reach follows the non-additive rule in the module comment.
 */
export async function parseWithMapping(
	buffer: Uint8Array,
	fileName: string,
	mapping: ColumnMapping,
	opts: Omit<DetectOptions, 'platformHint' | 'dateOrder'> = {}
): Promise<MappingResult> {
	const m = columnMappingSchema.parse(mapping);
	let table: Table;
	try {
		table = await readTable(buffer, fileName);
	} catch (e) {
		return { platform: m.platform, rows: [], errors: [fileError(e)], warnings: [], headers: [] };
	}
	const dateKey = headerKey(m.date);
	const headerAt = locateHeader(table, (keys) => keys.has(dateKey));
	if (headerAt < 0)
		return {
			platform: m.platform,
			rows: [],
			errors: [],
			warnings: [{ reason: 'import.noData' }],
			headers: []
		};
	const headers = table.rows[headerAt].map(cleanHeader);
	const keys = new Set(headers.map((h) => h.toLowerCase()));
	const list = (v: string | string[] | undefined) =>
		v === undefined ? [] : Array.isArray(v) ? v : [v];
	const missing = [
		m.date,
		...list(m.reach),
		...(['impressions', 'followers', 'engagements', 'posts'] as const).flatMap((k) => list(m[k]))
	].filter((c) => !keys.has(headerKey(c)));
	if (missing.length)
		return {
			platform: m.platform,
			rows: [],
			errors: missing.map((c) => ({
				row: 0,
				column: c,
				reason: 'import.columnNotFound' as const,
				params: { column: c }
			})),
			warnings: [],
			headers
		};
	const metrics: Spec['metrics'] = {};
	for (const k of ['reach', 'impressions', 'followers', 'engagements', 'posts'] as const) {
		const cols = list(m[k]).map(headerKey);
		if (cols.length) metrics[k] = [cols];
	}
	const countPosts = !!m.countRowsAsPosts && !metrics.posts;
	const spec: Spec = {
		format: 'unknown',
		platform: m.platform,
		dateCols: [dateKey],
		metrics,
		countPosts,
		accountLevel: false,
		dateOrder: m.dateOrder ?? 'dmy',
		periodKind: m.periodKind
	};
	const res = runEngine(table, headerAt, headers, spec, { ...opts, dateOrder: m.dateOrder });
	return { platform: m.platform, ...res, headers };
}

/**
 * Roll daily (or monthly) rows up to a coarser period. Additive metrics are summed; reach is
 * kept only when a single source row makes up the period (otherwise null — unique audiences
 * of different days cannot be added).
 */
export function rollup(rows: readonly ParsedRow[], kind: PeriodKind): ParsedRow[] {
	const map = new Map<string, { row: ParsedRow; n: number }>();
	for (const r of rows) {
		const [y, mo, d] = r.periodStart.split('-').map(Number);
		const periodStart = periodStartOf(y, mo, d, kind);
		const key = `${r.platform}|${periodStart}`;
		let acc = map.get(key);
		if (!acc) {
			acc = {
				row: {
					platform: r.platform,
					periodKind: kind,
					periodStart,
					reach: null,
					impressions: null,
					followers: null,
					engagements: null,
					posts: null
				},
				n: 0
			};
			map.set(key, acc);
		}
		acc.n++;
		for (const metric of METRICS) {
			const v = r[metric];
			if (v === null) continue;
			acc.row[metric] = (acc.row[metric] ?? 0) + v;
		}
	}
	return [...map.values()]
		.map(({ row, n }) => (n > 1 ? { ...row, reach: null } : row))
		.sort((a, b) =>
			a.platform === b.platform
				? a.periodStart < b.periodStart
					? -1
					: 1
				: a.platform < b.platform
					? -1
					: 1
		);
}
