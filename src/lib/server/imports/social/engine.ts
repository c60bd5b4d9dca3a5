/**
 * The row engine: a located header and a format spec in, rows per period out.
 *   1. readRows: each data row's date (first usable date column) and metric sums; a row with
 *      any bad cell is reported and left out entirely.
 *   2. the file-wide date decisions (dates.ts): d/m order of slash dates, years of year-less
 *      dates.
 *   3. aggregate: rows summed per period; reach kept only for single-row periods (see index.ts).
 */
import type { Table } from '../table';
import { DEFAULT_TIME_ZONE } from '../../../dates';
import { display, isEmptyCell, isEmptyRow } from './cells';
import {
	coarserThan,
	completeDate,
	inferYears,
	periodStartOf,
	rawDate,
	shiftToZone,
	slashOrder,
	validYmd,
	type NoYearDate,
	type RawDate
} from './dates';
import type { Spec } from './formats';
import { parseCount } from './numbers';
import {
	MAX_ROWS,
	METRICS,
	type DetectOptions,
	type ImportError,
	type ImportWarning,
	type Metric,
	type ParsedRow
} from './types';

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

type Columns = {
	headers: string[];
	dateIdx: number[];
	resolved: Resolved[];
};

function columnsOf(headers: string[], spec: Spec): Columns {
	const index = new Map<string, number>();
	headers.forEach((h, i) => {
		const k = h.toLowerCase();
		if (k && !index.has(k)) index.set(k, i);
	});
	const dateIdx = spec.dateCols
		.map((c) => index.get(c))
		.filter((i): i is number => i !== undefined);
	return { headers, dateIdx, resolved: resolveMetrics(spec, index) };
}

/** The first usable date of the row (Meta: "Publish time", then "Date" which often says "Lifetime"). */
function readDate(
	row: Table['rows'][number],
	dateIdx: number[]
): { date: RawDate; dateCol: number } {
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
	return { date, dateCol };
}

/** Pass 1: read every data row; rows with an error are reported and left out. */
function readRows(
	table: Table,
	headerAt: number,
	cols: Columns,
	spec: Spec,
	errors: ImportError[]
): PendingRow[] {
	const { headers, dateIdx, resolved } = cols;
	const pending: PendingRow[] = [];
	for (let r = headerAt + 1; r < table.rows.length && pending.length < MAX_ROWS; r++) {
		const row = table.rows[r];
		const rowNo = table.rowNumbers[r];
		if (isEmptyRow(row)) continue;
		const { date, dateCol } = readDate(row, dateIdx);
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
	return pending;
}

/** Pass 2: years for the dates written without one (and the warning saying so). */
function yearsOf(
	pending: PendingRow[],
	opts: DetectOptions,
	warnings: ImportWarning[]
): Map<PendingRow, number> {
	const noYear = pending.filter((p) => p.date.t === 'noyear');
	const inferred = new Map<PendingRow, number>();
	if (!noYear.length) return inferred;
	const years = inferYears(
		noYear.map((p) => p.date as NoYearDate),
		{ year: opts.year, now: opts.now, timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE }
	);
	noYear.forEach((p, i) => inferred.set(p, years[i]));
	warnings.push({
		reason: 'import.yearInferred',
		params: {
			years: [...new Set(inferred.values())].sort().join(','),
			...(opts.year ? { year: opts.year } : {})
		}
	});
	return inferred;
}

type Bucket = { sums: Partial<Record<Metric, number | null>>; reachRows: number; rows: number };

/** Pass 3: complete dates, periods, sums. */
function aggregate(
	pending: PendingRow[],
	cols: Columns,
	spec: Spec,
	opts: DetectOptions,
	errors: ImportError[],
	warnings: ImportWarning[]
): Map<string, Bucket> {
	const tz = opts.timeZone ?? DEFAULT_TIME_ZONE;
	const order = slashOrder(
		pending.map((p) => p.date),
		spec.dateOrder,
		!!opts.dateOrder
	);
	const inferred = yearsOf(pending, opts, warnings);
	// reach survives only when the period is made of ONE source row (see index.ts).
	const buckets = new Map<string, Bucket>();
	const col = cols.headers[cols.dateIdx[0]] ?? '';
	for (const p of pending) {
		const whole = completeDate(p.date, order, inferred.get(p));
		if (!whole) continue;
		let { y, m, d: day } = whole;
		if (!validYmd(y, m, day)) {
			errors.push({
				row: p.rowNo,
				column: col,
				reason: 'import.badDate',
				params: { value: `${y}-${m}-${day}` }
			});
			continue;
		}
		if (coarserThan(whole.gran, spec.periodKind)) {
			errors.push({
				row: p.rowNo,
				column: col,
				reason: 'import.dateTooCoarse',
				params: { periodKind: spec.periodKind }
			});
			continue;
		}
		[y, m, day] = shiftToZone(y, m, day, whole.time, tz);
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
	return buckets;
}

/** The periods as rows, oldest first, with the warnings about repeated periods and reach. */
function rowsOf(buckets: Map<string, Bucket>, spec: Spec, warnings: ImportWarning[]): ParsedRow[] {
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
	return rows;
}

export function runEngine(
	table: Table,
	headerAt: number,
	headers: string[],
	spec: Spec,
	opts: DetectOptions
): EngineResult {
	const errors: ImportError[] = [];
	const warnings: ImportWarning[] = [];
	const cols = columnsOf(headers, spec);
	const pending = readRows(table, headerAt, cols, spec, errors);
	const buckets = aggregate(pending, cols, spec, opts, errors, warnings);
	return { rows: rowsOf(buckets, spec, warnings), errors, warnings };
}
