/** The shapes of the social analytics import (see ./index.ts for what they mean). */
import { z } from 'zod';

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
export const METRICS: Metric[] = ['reach', 'impressions', 'followers', 'engagements', 'posts'];

export type ImportReason =
	| 'import.badNumber'
	| 'import.negativeNumber'
	| 'import.badDate'
	| 'import.dateTooCoarse'
	| 'import.columnNotFound'
	| 'import.platformUnknown'
	| 'import.unreadableFile'
	| 'import.unsupportedFile'
	| 'import.tooLarge'
	| 'import.unpackedTooLarge'
	| 'import.tooManyRows';

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
export const MAX_ROWS = 200_000;

export function isSocialPlatform(v: unknown): v is SocialPlatform {
	return typeof v === 'string' && (SOCIAL_PLATFORMS as readonly string[]).includes(v);
}
