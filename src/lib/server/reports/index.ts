import { type Locale } from '$lib/i18n/locales';
/**
 * The quarterly report's data: for one quarter, every indicator (actual, target, status,
 * change vs the previous quarter and the same quarter last year, n), the summary in both
 * languages, top and bottom programs, three representative comments and the improvement
 * actions. Every figure comes from the indicators module via `measure`.
 */
import { createHash } from 'node:crypto';
import { satisfactionByProgram, satisfactionBySegment, withinSla } from '../indicators';
import { all, one } from '../indicators/sql';
import * as actions from '../improvements';
import * as audit from '../audit';
import * as settings from '../settings';
import * as targets from '../targets';
import { getDb } from '../db';
import { redact } from '../redact';
import { isSmall, MIN_CELL, type CellMode } from '../indicators/smallCells';
import type { SegmentScore } from '../indicators/satisfaction';
import { quarterReview, user } from '../db/schema';
import { and, eq } from 'drizzle-orm';
import {
	addDays,
	previousQuarter,
	quarterLabel,
	quarterOf,
	quarterRange,
	localDate,
	startOfLocalDay,
	type Calendar,
	type Quarter
} from '../../dates';
import { filtersFor, INDICATOR_KEYS, measure, type Measured } from '../indicators/measure';
import { INDICATORS, type IndicatorKey, type Unit } from '../../indicators/registry';
import { summary, type SummaryInput } from './summary';

export { summary, summaryText } from './summary';

/** Programs need at least this many answers to be ranked top or bottom. */
export const MIN_PROGRAM_N = 10;
/** A representative comment has at least this many characters. */
export const MIN_COMMENT_LENGTH = 30;

export type IndicatorRow = {
	key: IndicatorKey;
	unit: Unit;
	value: number | null;
	n: number;
	target: { value: number; direction: 'higher' | 'lower' } | null;
	status: targets.Status;
	previous: Measured;
	lastYear: Measured;
	/** value − previous value (same unit); null when either is missing. */
	changePrevious: number | null;
	changeLastYear: number | null;
};

export type ReportProgram = {
	programId: number;
	nameAr: string;
	nameEn: string;
	n: number;
	csat: number | null;
};
export type ReportComment = {
	id: number;
	text: string;
	csat: number;
	programAr: string | null;
	programEn: string | null;
};

export function sameQuarterLastYear(q: Quarter): Quarter {
	return { ...q, year: q.year - 1 };
}

/** The last complete quarter before `now` in the association's calendar. */
export function lastQuarter(calendar: Calendar, timeZone: string, now = new Date()): Quarter {
	return previousQuarter(quarterOf(localDate(now, timeZone), calendar));
}

/** The most recent `count` complete quarters, newest first. */
export function recentQuarters(
	calendar: Calendar,
	timeZone: string,
	count: number,
	now = new Date()
): Quarter[] {
	const out: Quarter[] = [];
	let q = lastQuarter(calendar, timeZone, now);
	for (let i = 0; i < count; i++) {
		out.push(q);
		q = previousQuarter(q);
	}
	return out;
}

/**
 * A comment as the report prints it: through the one redaction (stored comments are redacted
 * copies already; this also covers any row written before), whitespace folded.
 */
export function scrub(text: string): string {
	return redact(text).replace(/\s+/g, ' ').trim();
}

/**
 * Three comments that read like the quarter: the median overall score's answers first
 * (then the nearest scores), long enough to say something, longest first, then by id —
 * deterministic, and no personal data (text scrubbed; no names, no contact).
 */
export function representativeComments(
	range: { from: string; to: string },
	count = 3
): ReportComment[] {
	const where = `r.local_date >= ? and r.local_date < ? and r.csat is not null and r.comment is not null and length(trim(r.comment)) >= ${MIN_COMMENT_LENGTH}`;
	const { n } = one<{ n: number }>(`select count(*) n from response r where ${where}`, [
		range.from,
		range.to
	]);
	if (n === 0) return [];
	const median = one<{ m: number }>(
		`select r.csat m from response r where ${where} order by r.csat limit 1 offset ?`,
		[range.from, range.to, Math.floor((n - 1) / 2)]
	).m;
	return (
		all<{
			id: number;
			comment: string;
			csat: number;
			programAr: string | null;
			programEn: string | null;
		}>(
			`select r.id, r.comment, r.csat, p.name_ar programAr, p.name_en programEn from response r left join program p on p.id = r.program_id
		 where ${where} order by abs(r.csat - ?), length(r.comment) desc, r.id limit ?`,
			[range.from, range.to, median, count * 10]
		)
			.map((r) => ({
				id: r.id,
				text: scrub(r.comment),
				csat: r.csat,
				programAr: r.programAr,
				programEn: r.programEn
			}))
			// three different voices: the same text twice says nothing more
			.filter((c, i, list) => list.findIndex((o) => o.text === c.text) === i)
			.slice(0, count)
	);
}

/** Which channel most breaches came from, using withinSla per channel (same definition). */
function breachesByChannel(f: ReturnType<typeof filtersFor>) {
	const channels = all<{ key: string; nameAr: string; nameEn: string }>(
		`select key, name_ar nameAr, name_en nameEn from channel order by sort, id`
	);
	let total = 0;
	const rows = channels.map((c) => {
		const x = withinSla({ ...f, channel: c.key });
		const breached = x.value == null ? 0 : Math.round(x.n * (1 - x.value));
		total += breached;
		return { ...c, breached };
	});
	const top = rows.sort((a, b) => b.breached - a.breached)[0];
	return top && top.breached > 0
		? { nameAr: top.nameAr, nameEn: top.nameEn, share: top.breached / total }
		: null;
}

/** Programs with enough answers, by CSAT (from satisfactionByProgram): up to three top and three bottom, never overlapping. */
export function rankPrograms(f: ReturnType<typeof filtersFor>) {
	const ranked: ReportProgram[] = satisfactionByProgram(f)
		.filter((p) => p.n >= MIN_PROGRAM_N && p.csat != null)
		.map((p) => ({
			programId: p.programId,
			nameAr: p.nameAr,
			nameEn: p.nameEn,
			n: p.n,
			csat: p.csat
		}))
		.sort((a, b) => (b.csat ?? 0) - (a.csat ?? 0) || b.n - a.n || a.programId - b.programId);
	const k = Math.min(3, Math.floor(ranked.length / 2));
	const top = ranked.slice(0, Math.max(k, Math.min(ranked.length, 1)));
	const bottom = ranked.length > 1 ? ranked.slice(ranked.length - Math.max(k, 1)).reverse() : [];
	return { ranked, top, bottom };
}

export type ReportSegment = Omit<SegmentScore, 'n'> & {
	n: number | null;
	/** Rests on fewer than 5 people: withheld from the board, flagged for the others. */
	small: boolean;
};

/** "Satisfaction of stakeholders": n, mean with its 95% CI and CSAT per segment. */
export function stakeholders(f: ReturnType<typeof filtersFor>, mode: CellMode): ReportSegment[] {
	return satisfactionBySegment(f).map((r) => {
		const small = isSmall(r.n);
		return small && mode === 'hide'
			? { ...r, n: null, mean: null, low: null, high: null, csat: null, small }
			: { ...r, small };
	});
}

const diff = (a: number | null, b: number | null) => (a == null || b == null ? null : a - b);

/** How many comments the representative ones are drawn from (the group they speak for). */
export function commentPool(range: { from: string; to: string }): number {
	return one<{ n: number }>(
		`select count(*) n from response r where r.local_date >= ? and r.local_date < ? and r.csat is not null and r.comment is not null and length(trim(r.comment)) >= ${MIN_COMMENT_LENGTH}`,
		[range.from, range.to]
	).n;
}

/** A row as the board may see it: a figure over 1–4 people is withheld (smallCells.ts). */
function withhold(r: IndicatorRow): { row: IndicatorRow; small: boolean } {
	if (!INDICATORS[r.key].people) return { row: r, small: false }; // reach counts visits
	const own = isSmall(r.n);
	const prev = isSmall(r.previous.n);
	const ly = isSmall(r.lastYear.n);
	if (!own && !prev && !ly) return { row: r, small: false };
	const value = own ? null : r.value;
	const previous = prev ? { value: null, n: 0 } : r.previous;
	const lastYear = ly ? { value: null, n: 0 } : r.lastYear;
	return {
		small: true,
		row: {
			...r,
			value,
			n: own ? 0 : r.n,
			status: own ? targets.status(null, r.target) : r.status,
			previous,
			lastYear,
			changePrevious: diff(value, previous.value),
			changeLastYear: diff(value, lastYear.value)
		}
	};
}

/**
 * The report for one quarter. `cells: 'hide'` (the board) withholds every figure resting on
 * fewer than 5 people, and the representative comments when fewer than 5 could be drawn from;
 * the fingerprint is always of the full figures, so a review means the same for every reader.
 */
export function buildReport(q: Quarter, now = new Date(), opts: { cells?: CellMode } = {}) {
	const mode: CellMode = opts.cells ?? 'warn';
	const s = settings.get();
	const ctx = { calendar: q.calendar, timeZone: s.timeZone };
	const range = quarterRange(q);
	const prevRange = quarterRange(previousQuarter(q));
	const lyRange = quarterRange(sameQuarterLastYear(q));
	const f = filtersFor(range, ctx);
	const fp = filtersFor(prevRange, ctx);
	const fy = filtersFor(lyRange, ctx);
	const nowMs = now.getTime();
	const tg = targets.forYear(q.calendar, q.year);

	const measured: IndicatorRow[] = INDICATOR_KEYS.map((key) => {
		const a = measure(key, f, nowMs);
		const p = measure(key, fp, nowMs);
		const y = measure(key, fy, nowMs);
		const t = tg.get(key);
		const target = t ? { value: t.value, direction: t.direction } : null;
		return {
			key,
			unit: INDICATORS[key].unit,
			value: a.value,
			n: a.n,
			target,
			status: targets.status(a.value, target),
			previous: p,
			lastYear: y,
			changePrevious: diff(a.value, p.value),
			changeLastYear: diff(a.value, y.value)
		};
	});
	const checked = measured.map(withhold);
	const smallKeys = checked.filter((c) => c.small).map((c) => c.row.key);
	const indicators = mode === 'hide' ? checked.map((c) => c.row) : measured;
	const byKey = Object.fromEntries(indicators.map((r) => [r.key, r])) as Record<
		IndicatorKey,
		IndicatorRow
	>;

	const sla = byKey.withinSla;
	const summaryInput: SummaryInput = {
		csat:
			byKey.csat.n > 0
				? {
						value: byKey.csat.value,
						previous: byKey.csat.previous.value,
						status: byKey.csat.status
					}
				: null,
		sla:
			sla.n > 0
				? {
						breachShare: sla.value == null ? null : 1 - sla.value,
						n: sla.n,
						slaDays: s.slaDays,
						topChannel: sla.value != null && sla.value < 1 ? breachesByChannel(f) : null,
						status: sla.status
					}
				: null,
		responseRate:
			byKey.responseRate.n > 0
				? { value: byKey.responseRate.value, status: byKey.responseRate.status }
				: null,
		reach:
			byKey.reach.n > 0
				? {
						value: byKey.reach.value,
						previous: byKey.reach.previous.value,
						status: byKey.reach.status
					}
				: null
	};

	const { ranked, top, bottom } = rankPrograms(f);

	const [fromMs, toMs] = [
		startOfLocalDay(range.from, s.timeZone).getTime(),
		startOfLocalDay(range.to, s.timeZone).getTime()
	];
	const acts = actions.forPeriod(fromMs, toMs);

	const figures = {
		indicators: measured.map((r) => [
			r.key,
			r.value,
			r.n,
			r.previous.value,
			r.previous.n,
			r.lastYear.value,
			r.lastYear.n
		]),
		programs: ranked.map((p) => [p.programId, p.csat, p.n])
	};
	const fingerprint = fingerprintOf(figures);
	const smallPool = isSmall(commentPool(range));

	return {
		quarter: q,
		range,
		labels: {
			ar: quarterLabel(q, 'ar'),
			en: quarterLabel(q, 'en'),
			/** The same months in the other calendar, so both labels are shown. */
			otherAr: otherLabel(range, q.calendar, 'ar'),
			otherEn: otherLabel(range, q.calendar, 'en')
		},
		association: { nameAr: s.nameAr, nameEn: s.nameEn, licenceNumber: s.licenceNumber },
		slaDays: s.slaDays,
		indicators,
		summary: { ar: summary(summaryInput, 'ar'), en: summary(summaryInput, 'en') },
		programs: { top, bottom, minN: MIN_PROGRAM_N },
		stakeholders: stakeholders(f, mode),
		comments: mode === 'hide' && smallPool ? [] : representativeComments(range),
		cells: {
			mode,
			min: MIN_CELL,
			indicators: smallKeys,
			tiles: smallKeys,
			panels: smallPool ? ['comments'] : []
		},
		actions: acts,
		fingerprint,
		review: getReview(q),
		complete: range.to <= localDate(now, s.timeZone)
	};
}

export type Report = ReturnType<typeof buildReport>;

export function fingerprintOf(figures: unknown): string {
	return createHash('sha256').update(JSON.stringify(figures)).digest('hex');
}

/** "Q4 2025" → the Hijri quarter(s) it overlaps, or the reverse, as a label like "جمادى الآخرة – رمضان 1447هـ". */
function otherLabel(
	range: { from: string; to: string },
	calendar: Calendar,
	locale: Locale
): string {
	const other: Calendar = calendar === 'gregorian' ? 'hijri' : 'gregorian';
	const a = quarterOf(range.from, other);
	const b = quarterOf(addDays(range.to, -1), other);
	const la = quarterLabel(a, locale);
	const lb = quarterLabel(b, locale);
	return la === lb ? la : `${la} – ${lb}`;
}

// ---------- board review ----------

export function getReview(q: Quarter) {
	const row = getDb()
		.select({
			reviewedAt: quarterReview.reviewedAt,
			notes: quarterReview.notes,
			fingerprint: quarterReview.figuresFingerprint,
			reviewerName: user.name,
			reviewedBy: quarterReview.reviewedBy
		})
		.from(quarterReview)
		.leftJoin(user, eq(user.id, quarterReview.reviewedBy))
		.where(
			and(
				eq(quarterReview.calendar, q.calendar),
				eq(quarterReview.year, q.year),
				eq(quarterReview.quarter, q.q)
			)
		)
		.get();
	return row ?? null;
}

/** Board (or admin) marks the quarter reviewed, with notes; the figures' fingerprint is kept. */
export function markReviewed(
	actor: { id: number; ip?: string | null },
	q: Quarter,
	notes: string,
	now = new Date()
) {
	const fp = buildReport(q, now).fingerprint;
	getDb()
		.insert(quarterReview)
		.values({
			calendar: q.calendar,
			year: q.year,
			quarter: q.q,
			reviewedBy: actor.id,
			reviewedAt: now,
			notes,
			figuresFingerprint: fp,
			updatedAt: now
		})
		.onConflictDoUpdate({
			target: [quarterReview.calendar, quarterReview.year, quarterReview.quarter],
			set: { reviewedBy: actor.id, reviewedAt: now, notes, figuresFingerprint: fp, updatedAt: now }
		})
		.run();
	// audit: ids only; the notes themselves stay in the review row
	audit.record({
		actorId: actor.id,
		action: 'report.review',
		targetType: 'quarter',
		targetId: `${q.calendar}:${q.year}:Q${q.q}`,
		details: { notesLength: notes.length },
		ip: actor.ip
	});
	return fp;
}

/** Reviews recorded for a calendar, keyed "year-q". */
export function reviews(calendar: Calendar) {
	const rows = getDb()
		.select({
			year: quarterReview.year,
			quarter: quarterReview.quarter,
			reviewedAt: quarterReview.reviewedAt,
			reviewerName: user.name
		})
		.from(quarterReview)
		.leftJoin(user, eq(user.id, quarterReview.reviewedBy))
		.where(eq(quarterReview.calendar, calendar))
		.all();
	return new Map(rows.map((r) => [`${r.year}-${r.quarter}`, r]));
}
