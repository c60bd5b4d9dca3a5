/**
 * Social reach: the editable platform list, figures per platform and period (manual entry
 * or import), and the import flow (parse → preview → confirm).
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import * as audit from '../audit';
import { getDb } from '../db';
import { socialImport, socialPlatform, socialReach } from '../db/schema';
import { monthRange, quarterOf, quarterRange } from '../../dates';
import type {
	ImportError,
	ImportFormat,
	ImportWarning,
	ParsedRow,
	PeriodKind
} from '../imports/social';
import { StagingStore } from '../imports';

export const DEFAULT_PLATFORMS: { key: string; nameAr: string; nameEn: string }[] = [
	{ key: 'x', nameAr: 'إكس (تويتر)', nameEn: 'X (Twitter)' },
	{ key: 'instagram', nameAr: 'إنستغرام', nameEn: 'Instagram' },
	{ key: 'snapchat', nameAr: 'سناب شات', nameEn: 'Snapchat' },
	{ key: 'tiktok', nameAr: 'تيك توك', nameEn: 'TikTok' },
	{ key: 'youtube', nameAr: 'يوتيوب', nameEn: 'YouTube' },
	{ key: 'facebook', nameAr: 'فيسبوك', nameEn: 'Facebook' },
	{ key: 'linkedin', nameAr: 'لينكدإن', nameEn: 'LinkedIn' },
	{ key: 'telegram', nameAr: 'تيليجرام', nameEn: 'Telegram' },
	{ key: 'whatsapp_channel', nameAr: 'قناة واتساب', nameEn: 'WhatsApp channel' }
];

export type Platform = typeof socialPlatform.$inferSelect;
import type { Actor } from '../audit';
export type { Actor };

/** Inserts the default platforms when the table is empty (start-up, seed, first visit). */
export function ensurePlatforms() {
	const db = getDb();
	const n = db
		.select({ n: sql<number>`count(*)` })
		.from(socialPlatform)
		.get()!.n;
	if (n > 0) return;
	db.insert(socialPlatform)
		.values(DEFAULT_PLATFORMS.map((p, i) => ({ ...p, sort: (i + 1) * 10, active: true })))
		.onConflictDoNothing()
		.run();
}

export function listPlatforms(opts: { activeOnly?: boolean } = {}): Platform[] {
	ensurePlatforms();
	const q = getDb().select().from(socialPlatform);
	return (opts.activeOnly ? q.where(eq(socialPlatform.active, true)) : q)
		.orderBy(asc(socialPlatform.sort), asc(socialPlatform.key))
		.all();
}

export function getPlatform(key: string): Platform | null {
	return getDb().select().from(socialPlatform).where(eq(socialPlatform.key, key)).get() ?? null;
}

export function savePlatform(
	actor: Actor,
	input: { key: string; nameAr: string; nameEn: string; sort: number; active: boolean }
) {
	getDb()
		.insert(socialPlatform)
		.values(input)
		.onConflictDoUpdate({
			target: socialPlatform.key,
			set: { nameAr: input.nameAr, nameEn: input.nameEn, sort: input.sort, active: input.active }
		})
		.run();
	audit.record({
		actorId: actor.id,
		action: 'platform.save',
		targetType: 'social_platform',
		targetId: input.key,
		ip: actor.ip
	});
}

/** The figures of one platform and period; any platform key of the editable list. */
export type Figures = Omit<ParsedRow, 'platform'> & { platform: string };

/** 'YYYY-MM-DD' → the first day of its month/quarter ('day' keeps it). */
export function periodStartOf(date: string, kind: PeriodKind): string {
	if (kind === 'day') return date;
	if (kind === 'month') return monthRange(date, 'gregorian').from;
	return quarterRange(quarterOf(date, 'gregorian')).from;
}

/**
 * Inserts or REPLACES the figures of (platform, period kind, period start): entering or
 * importing the same period twice never adds up.
 */
export function upsertFigures(
	rows: readonly Figures[],
	meta: { importId?: number | null; enteredBy?: number | null } = {}
) {
	ensurePlatforms();
	const db = getDb();
	const now = new Date();
	for (const r of rows) {
		const values = {
			reach: r.reach,
			impressions: r.impressions,
			followers: r.followers,
			engagements: r.engagements,
			posts: r.posts,
			importId: meta.importId ?? null,
			enteredBy: meta.enteredBy ?? null,
			updatedAt: now
		};
		db.insert(socialReach)
			.values({
				platform: r.platform,
				periodKind: r.periodKind,
				periodStart: r.periodStart,
				...values
			})
			.onConflictDoUpdate({
				target: [socialReach.platform, socialReach.periodKind, socialReach.periodStart],
				set: values
			})
			.run();
	}
}

export function saveEntry(actor: Actor, f: Figures) {
	upsertFigures([f], { enteredBy: actor.id });
	audit.record({
		actorId: actor.id,
		action: 'reach.entry',
		targetType: 'social_reach',
		targetId: `${f.platform}:${f.periodKind}:${f.periodStart}`,
		ip: actor.ip
	});
}

export function deleteEntry(actor: Actor, id: number) {
	getDb().delete(socialReach).where(eq(socialReach.id, id)).run();
	audit.record({
		actorId: actor.id,
		action: 'reach.entry.delete',
		targetType: 'social_reach',
		targetId: id,
		ip: actor.ip
	});
}

export function recentEntries(opts: { platform?: string; limit?: number } = {}) {
	const q = getDb().select().from(socialReach);
	return (opts.platform ? q.where(eq(socialReach.platform, opts.platform)) : q)
		.orderBy(desc(socialReach.periodStart), asc(socialReach.platform))
		.limit(opts.limit ?? 50)
		.all();
}

export function recentImports(limit = 10) {
	return getDb()
		.select({
			id: socialImport.id,
			fileName: socialImport.fileName,
			format: socialImport.format,
			platform: socialImport.platform,
			rows: socialImport.rows,
			importedAt: socialImport.importedAt
		})
		.from(socialImport)
		.orderBy(desc(socialImport.importedAt))
		.limit(limit)
		.all();
}

// ------------------------------------------------------------------------------ import stash

/**
 * Between "preview" and "confirm" the parsed file waits in memory under a random id for at
 * most 30 minutes (the file itself only when the mapping step needs it). Analytics exports
 * hold aggregate counts, no beneficiaries' personal data; nothing of it is logged.
 */
export type Staged = {
	id: string;
	userId: number;
	fileName: string;
	fingerprint: string;
	format: ImportFormat;
	platform: string | null;
	rows: ParsedRow[];
	errors: ImportError[];
	warnings: ImportWarning[];
	headers: string[];
	preview: string[][];
	/** Kept only for unknown formats (column mapping re-parses it). */
	file: Uint8Array | null;
	expires: number;
};

const STASH_TTL_MS = 30 * 60_000;
const stash = new StagingStore<Staged>(STASH_TTL_MS);

export function stage(s: Omit<Staged, 'id' | 'expires'>): Staged {
	return stash.put(s.userId, (id) => ({ ...s, id, expires: Date.now() + STASH_TTL_MS })).value;
}

/** The staged import of this user, or null (expired, unknown, another user's). */
export function staged(id: string, userId: number): Staged | null {
	return stash.get(id, userId);
}

/** Replaces parts of a staged import (the mapping step) and gives it its full time again. */
export function restage(
	id: string,
	userId: number,
	patch: Partial<Omit<Staged, 'id' | 'userId'>>
): Staged | null {
	const s = stash.get(id, userId);
	if (!s) return null;
	const next = { ...s, ...patch, id, userId, expires: Date.now() + STASH_TTL_MS };
	return stash.update(id, userId, next) ? next : null;
}

export function discard(id: string) {
	stash.drop(id);
}

export function alreadyImported(fingerprint: string): { id: number; importedAt: Date } | null {
	return (
		getDb()
			.select({ id: socialImport.id, importedAt: socialImport.importedAt })
			.from(socialImport)
			.where(eq(socialImport.fingerprint, fingerprint))
			.get() ?? null
	);
}

/**
 * Saves a staged import in one transaction: the import record (fingerprint unique) and the
 * rows upserted on (platform, period). The same file twice → 'duplicate', nothing changes.
 */
export function commitImport(
	actor: Actor,
	s: Staged
):
	| { ok: true; importId: number; rows: number }
	| { ok: false; reason: 'import.alreadyImported' | 'import.nothingToSave' } {
	if (!s.rows.length) return { ok: false, reason: 'import.nothingToSave' };
	if (alreadyImported(s.fingerprint)) return { ok: false, reason: 'import.alreadyImported' };
	const db = getDb();
	let importId = 0;
	try {
		// One transaction: the import record (unique fingerprint) and its rows, or nothing.
		db.transaction((tx) => {
			importId = tx
				.insert(socialImport)
				.values({
					fingerprint: s.fingerprint,
					fileName: s.fileName.slice(0, 200),
					format: s.format,
					platform: s.platform ?? s.rows[0].platform,
					rows: s.rows.length,
					importedBy: actor.id
				})
				.returning({ id: socialImport.id })
				.get().id;
			upsertFigures(s.rows, { importId, enteredBy: actor.id });
		});
	} catch (e) {
		if (alreadyImported(s.fingerprint)) return { ok: false, reason: 'import.alreadyImported' };
		throw e;
	}
	audit.record({
		actorId: actor.id,
		action: 'reach.import',
		targetType: 'social_import',
		targetId: importId,
		details: { format: s.format, rows: s.rows.length },
		ip: actor.ip
	});
	discard(s.id);
	return { ok: true, importId, rows: s.rows.length };
}

export function figuresFor(platform: string, periodKind: PeriodKind, periodStart: string) {
	return (
		getDb()
			.select()
			.from(socialReach)
			.where(
				and(
					eq(socialReach.platform, platform),
					eq(socialReach.periodKind, periodKind),
					eq(socialReach.periodStart, periodStart)
				)
			)
			.get() ?? null
	);
}
