/**
 * Request SLA ("a decision within N days") calculator. Pure: no DB, no clock of its own.
 *
 * Time zones: the association's zone defaults to Asia/Riyadh, which is UTC+3 all year
 * (no DST), so Riyadh and the other fixed +3 Gulf zones use a constant offset. Any other
 * IANA zone name is handled through Intl (offset looked up at the instant).
 *
 * CALENDAR mode: due = the same local clock time N days after receipt (for Riyadh that is
 * exactly receivedAt + N × 24 h).
 *
 * WORKING mode — the exact rule:
 *   1. The receipt day is the LOCAL date of `receivedAt` in the association's zone. Any time
 *      of that day (00:00 → 23:59) counts as "received that day"; there are no office hours.
 *   2. Working days are Sunday–Thursday (Friday and Saturday are the Saudi weekend), minus
 *      the `holidays` (local dates).
 *   3. The clock starts on the first working day STRICTLY AFTER the receipt day. This is the
 *      same whether the receipt day was a working day (Thursday 20:00 → Sunday is day 1) or a
 *      weekend/holiday (Friday → Sunday is day 1).
 *   4. Due = the end of the Nth working day: 23:59:59.999 local time.
 *   Example: received Thu 2026-11-26 20:00 Riyadh, N = 14 → day 1 is Sun 2026-11-29,
 *   day 14 is Wed 2026-12-16, due 2026-12-16 23:59:59.999 Riyadh (= 20:59:59.999 UTC).
 *   One holiday on a working day inside that range moves it to Thu 2026-12-17.
 *
 * `elapsedDays` in working mode counts working days strictly after the receipt day up to
 * and including the local date of `to`, so a decision is within the SLA exactly when it
 * happens on or before working day N (elapsed ≤ N).
 */
import { z } from 'zod';

export type SlaMode = 'calendar' | 'working';

export type SlaSettings = {
	days: number;
	mode: SlaMode;
	/** Local dates 'YYYY-MM-DD' (see normaliseHolidays for what an admin may type). */
	holidays: string[];
	/** IANA zone, default 'Asia/Riyadh'. */
	timeZone?: string;
	/** Weekend weekdays, 0 = Sunday … 6 = Saturday. Default [5, 6] (Friday, Saturday). */
	weekend?: number[];
};

export type SlaState = 'met' | 'breached' | 'open' | 'dueSoon' | 'overdue';

export type SlaStatus = {
	dueAt: Date;
	state: SlaState;
	/**
	 * Calendar days from the reference instant (decidedAt when decided, else now) to dueAt,
	 * rounded AWAY from zero: due in 1 hour → 1, overdue by 1 hour → -1, exactly at due → 0.
	 */
	daysLeft: number;
};

export const DEFAULT_TIME_ZONE = 'Asia/Riyadh';
export const DEFAULT_SLA_DAYS = 14;
/** An open request is 'dueSoon' when dueAt is at most this many days (× 24 h) away. */
export const DUE_SOON_DAYS = 3;
const SAUDI_WEEKEND = [5, 6];
const DAY_MS = 86_400_000;

/** Zones that are a fixed UTC+3 with no DST (no Intl lookup needed). */
const FIXED_PLUS_3 = new Set([
	'Asia/Riyadh',
	'Asia/Aden',
	'Asia/Kuwait',
	'Asia/Qatar',
	'Asia/Bahrain'
]);

export const slaSettingsSchema = z.object({
	days: z.number().int().min(1).max(365),
	mode: z.enum(['calendar', 'working']),
	holidays: z.array(z.string()),
	timeZone: z.string().optional(),
	weekend: z.array(z.number().int().min(0).max(6)).optional()
});

export const defaultSlaSettings: SlaSettings = {
	days: DEFAULT_SLA_DAYS,
	mode: 'calendar',
	holidays: [],
	timeZone: DEFAULT_TIME_ZONE
};

// ---------------------------------------------------------------- time-zone helpers

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(tz: string): Intl.DateTimeFormat {
	let f = dtfCache.get(tz);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: tz,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		dtfCache.set(tz, f);
	}
	return f;
}

/** Offset of `tz` from UTC at `instantMs`, in milliseconds (Riyadh: +3 h). */
export function tzOffsetMs(instantMs: number, tz: string = DEFAULT_TIME_ZONE): number {
	if (FIXED_PLUS_3.has(tz)) return 3 * 3_600_000;
	if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
	const parts: Record<string, number> = {};
	for (const p of dtf(tz).formatToParts(new Date(instantMs))) {
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	}
	const asUtc = Date.UTC(
		parts.year,
		parts.month - 1,
		parts.day,
		parts.hour,
		parts.minute,
		parts.second
	);
	const floored = instantMs - (((instantMs % 1000) + 1000) % 1000);
	return asUtc - floored;
}

type LocalParts = { y: number; m: number; d: number; ms: number /* ms since local midnight */ };

function toLocal(instant: Date, tz: string): LocalParts {
	const t = instant.getTime();
	if (Number.isNaN(t)) throw new RangeError('Invalid date');
	const shifted = new Date(t + tzOffsetMs(t, tz));
	return {
		y: shifted.getUTCFullYear(),
		m: shifted.getUTCMonth() + 1,
		d: shifted.getUTCDate(),
		ms:
			shifted.getTime() -
			Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate())
	};
}

/** The UTC instant of a local wall-clock time (ms since local midnight) on a local date. */
function fromLocal(y: number, m: number, d: number, msOfDay: number, tz: string): Date {
	const wall = Date.UTC(y, m - 1, d) + msOfDay;
	let guess = wall - tzOffsetMs(wall, tz);
	const off2 = tzOffsetMs(guess, tz);
	guess = wall - off2;
	return new Date(guess);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** 'YYYY-MM-DD' of `instant` in `tz` (default Riyadh). 21:30 UTC is already the next day in Riyadh. */
export function localDate(instant: Date, tz: string = DEFAULT_TIME_ZONE): string {
	const p = toLocal(instant, tz);
	return ymd(p.y, p.m, p.d);
}

/** Day number (days since 1970-01-01) of a 'YYYY-MM-DD' date — a tz-free calendar index. */
function dayNumber(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}
function dateOfDayNumber(n: number): string {
	const dt = new Date(n * DAY_MS);
	return ymd(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}
function weekdayOfDayNumber(n: number): number {
	return new Date(n * DAY_MS).getUTCDay(); // 0 = Sunday
}

// ---------------------------------------------------------------- holidays

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
function asciiDigits(s: string): string {
	return s.replace(ARABIC_DIGITS, (c) => {
		const code = c.charCodeAt(0);
		return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
	});
}

function parseOneDate(raw: string): string | null {
	const m = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(raw.trim());
	if (!m) return null;
	const y = Number(m[1]);
	const mo = Number(m[2]);
	const d = Number(m[3]);
	const dt = new Date(Date.UTC(y, mo - 1, d));
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
		return null;
	return ymd(y, mo, d);
}

/**
 * Normalise holiday entries as an admin types them: Arabic-Indic digits, '/' or '.' as
 * separators, single-digit month/day, surrounding spaces, and inclusive ranges written
 * 'YYYY-MM-DD..YYYY-MM-DD' (or with ' - ' / '–' / ' إلى ' between the two dates; max 60 days).
 * Returns sorted unique dates and the entries that could not be read.
 */
export function normaliseHolidays(entries: readonly string[]): {
	valid: string[];
	invalid: string[];
} {
	const out = new Set<string>();
	const invalid: string[] = [];
	for (const entry of entries) {
		const s = asciiDigits(String(entry ?? ''))
			.replace(/[\u200e\u200f\u061c]/g, '')
			.trim();
		if (!s) continue;
		const range = /^(.+?)\s*(?:\.\.|–|—|\s-\s|\sإلى\s|\sto\s)\s*(.+)$/i.exec(s);
		if (range) {
			const a = parseOneDate(range[1]);
			const b = parseOneDate(range[2]);
			if (a && b && dayNumber(b) >= dayNumber(a) && dayNumber(b) - dayNumber(a) <= 60) {
				for (let n = dayNumber(a); n <= dayNumber(b); n++) out.add(dateOfDayNumber(n));
				continue;
			}
			invalid.push(entry);
			continue;
		}
		const one = parseOneDate(s);
		if (one) out.add(one);
		else invalid.push(entry);
	}
	return { valid: [...out].sort(), invalid };
}

// ---------------------------------------------------------------- working days

type Calendar = { holidays: Set<string>; weekend: Set<number> };
function calendarOf(s: SlaSettings): Calendar {
	return {
		holidays: new Set(normaliseHolidays(s.holidays ?? []).valid),
		weekend: new Set(s.weekend ?? SAUDI_WEEKEND)
	};
}

function isWorkingDayN(n: number, cal: Calendar): boolean {
	return !cal.weekend.has(weekdayOfDayNumber(n)) && !cal.holidays.has(dateOfDayNumber(n));
}

/** Is the local date 'YYYY-MM-DD' a working day under these settings? */
export function isWorkingDay(date: string, s: Pick<SlaSettings, 'holidays' | 'weekend'>): boolean {
	const cal = calendarOf({ days: 1, mode: 'working', ...s });
	return isWorkingDayN(dayNumber(date), cal);
}

function checkSettings(s: SlaSettings): void {
	if (!Number.isInteger(s.days) || s.days < 1)
		throw new RangeError(`SLA days must be a positive integer, got ${s.days}`);
	const weekend = new Set(s.weekend ?? SAUDI_WEEKEND);
	if (weekend.size >= 7) throw new RangeError('SLA weekend cannot cover the whole week');
}

/**
 * The local date of the Nth working day strictly after `receivedLocal` (working mode rule 3).
 * Bounded: a pathological holiday list cannot loop forever.
 */
function nthWorkingDayAfter(receivedLocal: string, n: number, cal: Calendar): string {
	let day = dayNumber(receivedLocal);
	let counted = 0;
	const limit = day + n * 7 + 3660;
	while (counted < n) {
		day++;
		if (day > limit) throw new RangeError('No working days found: check the holiday list');
		if (isWorkingDayN(day, cal)) counted++;
	}
	return dateOfDayNumber(day);
}

// ---------------------------------------------------------------- public API

/** The instant by which a decision is due. See the module comment for the exact rules. */
export function dueAt(receivedAt: Date, s: SlaSettings): Date {
	checkSettings(s);
	const tz = s.timeZone ?? DEFAULT_TIME_ZONE;
	const local = toLocal(receivedAt, tz);
	if (s.mode === 'calendar') {
		if (FIXED_PLUS_3.has(tz)) return new Date(receivedAt.getTime() + s.days * DAY_MS);
		const target = dateOfDayNumber(dayNumber(ymd(local.y, local.m, local.d)) + s.days);
		const [y, m, d] = target.split('-').map(Number);
		return fromLocal(y, m, d, local.ms, tz);
	}
	const last = nthWorkingDayAfter(ymd(local.y, local.m, local.d), s.days, calendarOf(s));
	const [y, m, d] = last.split('-').map(Number);
	return fromLocal(y, m, d, DAY_MS - 1, tz);
}

/**
 * Response time for display. Calendar mode: fractional days (to − from) / 24 h.
 * Working mode: whole working days strictly after from's local date up to and including
 * to's local date. Both return 0 when `to` is not after `from`.
 */
export function elapsedDays(from: Date, to: Date, s: SlaSettings): number {
	if (to.getTime() <= from.getTime()) return 0;
	if (s.mode === 'calendar') return (to.getTime() - from.getTime()) / DAY_MS;
	const tz = s.timeZone ?? DEFAULT_TIME_ZONE;
	const cal = calendarOf(s);
	const a = dayNumber(localDate(from, tz));
	const b = dayNumber(localDate(to, tz));
	let count = 0;
	for (let n = a + 1; n <= b; n++) if (isWorkingDayN(n, cal)) count++;
	return count;
}

/**
 * SLA state of a request. Decided: 'met' when decidedAt ≤ dueAt (the due instant itself is
 * still on time), else 'breached'. Undecided: 'overdue' when now > dueAt, 'dueSoon' when
 * dueAt − now ≤ 3 × 24 h, else 'open'.
 */
export function slaStatus(
	receivedAt: Date,
	decidedAt: Date | null,
	now: Date,
	s: SlaSettings
): SlaStatus {
	const due = dueAt(receivedAt, s);
	const ref = decidedAt ?? now;
	const diff = due.getTime() - ref.getTime();
	const daysLeft = diff === 0 ? 0 : Math.sign(diff) * Math.ceil(Math.abs(diff) / DAY_MS);
	let state: SlaState;
	if (decidedAt) state = diff >= 0 ? 'met' : 'breached';
	else if (diff < 0) state = 'overdue';
	else if (diff <= DUE_SOON_DAYS * DAY_MS) state = 'dueSoon';
	else state = 'open';
	return { dueAt: due, state, daysLeft };
}
