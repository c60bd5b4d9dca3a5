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
 * DATES and NUMBERS: see ./dates.ts and ./numbers.ts.
 *
 * The file is read by the shared pipeline (../read.ts): CSV in any encoding a spreadsheet
 * saves, XLSX with the unpacked-size and row caps.
 * Files: types.ts (shapes), cells.ts (headers and cells), numbers.ts, dates.ts, formats.ts (the
 * platform exports), engine.ts (rows → periods), this index (the public API).
 */
import { createHash } from 'node:crypto';
import { ImportFileError, readSpreadsheet, type FileMessages, type Table } from '..';
import { cleanHeader, headerKey, locateHeader, previewOf } from './cells';
import { periodStartOf } from './dates';
import { runEngine } from './engine';
import { detectFormat, specFor, type Spec } from './formats';
import {
	columnMappingSchema,
	isSocialPlatform,
	MAX_IMPORT_BYTES,
	MAX_ROWS,
	METRICS,
	type ColumnMapping,
	type DetectOptions,
	type DetectResult,
	type ImportError,
	type ImportReason,
	type MappingResult,
	type ParsedRow,
	type PeriodKind
} from './types';

export { cleanHeader, headerKey } from './cells';
export { parseCount } from './numbers';
export * from './types';

/** sha256 hex of the raw bytes — store it to detect re-imports of the same file. */
export function fileFingerprint(buffer: Uint8Array): string {
	return createHash('sha256').update(buffer).digest('hex');
}

const FILE_MESSAGES: FileMessages<ImportReason> = {
	tooLarge: 'import.tooLarge',
	fileType: 'import.unsupportedFile',
	legacyXls: 'import.unsupportedFile',
	unreadable: 'import.unreadableFile',
	unpackedTooLarge: 'import.unpackedTooLarge',
	tooManyRows: 'import.tooManyRows'
};

/** The reasons that concern the file as a whole (row 0): the upload is refused. */
export const FILE_REASONS: readonly ImportReason[] = [...new Set(Object.values(FILE_MESSAGES))];

function readTable(buffer: Uint8Array, fileName: string): Promise<Table> {
	// Rows past the cap are not read (MAX_ROWS data rows, a header, a few title rows).
	return readSpreadsheet(buffer, fileName, {
		maxBytes: MAX_IMPORT_BYTES,
		maxRows: MAX_ROWS + 20,
		messages: FILE_MESSAGES
	});
}

function fileError(e: unknown): ImportError {
	return {
		row: 0,
		column: '',
		reason: e instanceof ImportFileError ? (e.reason as ImportReason) : 'import.unreadableFile'
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
