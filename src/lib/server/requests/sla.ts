/**
 * Request SLA ("a decision within N days") calculator. Pure: no DB, no clock of its own.
 *
 * Time zones: the association's zone (the `timeZone` setting, Asia/Riyadh by default: UTC+3
 * all year, no DST); local dates and wall clocks come from `$lib/dates`.
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
import {
	addDays,
	addLocalDays,
	DEFAULT_TIME_ZONE,
	daysBetween,
	instantAt,
	localDate,
	readDate,
	toLatinDigits,
	weekdayOf,
	type IsoDate
} from '../../dates';

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

export const DEFAULT_SLA_DAYS = 14;
/** An open request is 'dueSoon' when dueAt is at most this many days (× 24 h) away. */
export const DUE_SOON_DAYS = 3;
const SAUDI_WEEKEND = [5, 6];
const DAY_MS = 86_400_000;

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

// ---------------------------------------------------------------- holidays

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
		const s = toLatinDigits(String(entry ?? ''))
			.replace(/[\u200e\u200f\u061c]/g, '')
			.trim();
		if (!s) continue;
		const range = /^(.+?)\s*(?:\.\.|–|—|\s-\s|\sإلى\s|\sto\s)\s*(.+)$/i.exec(s);
		if (range) {
			const a = readDate(range[1]);
			const b = readDate(range[2]);
			const span = a && b ? daysBetween(a, b) : -1;
			if (a && span >= 0 && span <= 60) {
				for (let n = 0; n <= span; n++) out.add(addDays(a, n));
				continue;
			}
			invalid.push(entry);
			continue;
		}
		const one = readDate(s);
		if (one) out.add(one);
		else invalid.push(entry);
	}
	return { valid: [...out].sort(), invalid };
}

// ---------------------------------------------------------------- working days

type WorkingCalendar = { holidays: Set<string>; weekend: Set<number> };
function calendarOf(s: SlaSettings): WorkingCalendar {
	return {
		holidays: new Set(normaliseHolidays(s.holidays ?? []).valid),
		weekend: new Set(s.weekend ?? SAUDI_WEEKEND)
	};
}

function isWorking(date: IsoDate, cal: WorkingCalendar): boolean {
	return !cal.weekend.has(weekdayOf(date)) && !cal.holidays.has(date);
}

/** Is the local date 'YYYY-MM-DD' a working day under these settings? */
export function isWorkingDay(date: string, s: Pick<SlaSettings, 'holidays' | 'weekend'>): boolean {
	return isWorking(date, calendarOf({ days: 1, mode: 'working', ...s }));
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
function nthWorkingDayAfter(receivedLocal: IsoDate, n: number, cal: WorkingCalendar): IsoDate {
	let day = receivedLocal;
	let counted = 0;
	const limit = n * 7 + 3660;
	for (let step = 1; counted < n; step++) {
		if (step > limit) throw new RangeError('No working days found: check the holiday list');
		day = addDays(day, 1);
		if (isWorking(day, cal)) counted++;
	}
	return day;
}

// ---------------------------------------------------------------- public API

/** The instant by which a decision is due. See the module comment for the exact rules. */
export function dueAt(receivedAt: Date, s: SlaSettings): Date {
	checkSettings(s);
	const tz = s.timeZone ?? DEFAULT_TIME_ZONE;
	if (s.mode === 'calendar') return addLocalDays(receivedAt, s.days, tz);
	const last = nthWorkingDayAfter(localDate(receivedAt, tz), s.days, calendarOf(s));
	return instantAt(last, tz, 23, 59, 59, 999);
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
	const a = localDate(from, tz);
	const span = daysBetween(a, localDate(to, tz));
	let count = 0;
	for (let n = 1; n <= span; n++) if (isWorking(addDays(a, n), cal)) count++;
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
