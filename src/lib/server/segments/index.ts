/**
 * Stakeholder segments: who a contact is to the association (direct beneficiary, donor,
 * volunteer, partner, staff, general-assembly member, community). An editable list; the key
 * is stable (responses, URLs and exports carry it), the names are not.
 */
import { asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import * as audit from '../audit';
import { getDb } from '../db';
import { contactSegment, segment } from '../db/schema';
import type { Locale } from '$lib/i18n/locales';

export const DEFAULT_SEGMENTS = [
	{ key: 'beneficiary', nameAr: 'مستفيد مباشر', nameEn: 'Direct beneficiary' },
	{ key: 'donor', nameAr: 'متبرع', nameEn: 'Donor' },
	{ key: 'volunteer', nameAr: 'متطوع', nameEn: 'Volunteer' },
	{ key: 'partner', nameAr: 'شريك', nameEn: 'Partner' },
	{ key: 'staff', nameAr: 'موظف (مستفيد داخلي)', nameEn: 'Staff (internal beneficiary)' },
	{ key: 'member', nameAr: 'عضو الجمعية العمومية', nameEn: 'General assembly member' },
	{ key: 'community', nameAr: 'المجتمع المحلي', nameEn: 'Community' }
] as const;

export const BENEFICIARY = 'beneficiary';
export type Segment = typeof segment.$inferSelect;
export const KEY_RE = /^[a-z][a-z0-9_]{1,31}$/;

/**
 * Creates the default segments once, and puts every contact without a segment, and every
 * response without one from a program or request, in "beneficiary" (what they were before
 * segments existed). Cheap on later starts: both updates use indexes and find nothing.
 */
export function ensureDefaults() {
	const db = getDb();
	db.transaction((tx) => {
		DEFAULT_SEGMENTS.forEach((s, i) =>
			tx
				.insert(segment)
				.values({ ...s, position: i })
				.onConflictDoNothing()
				.run()
		);
		tx.run(sql`insert or ignore into contact_segment (contact_id, segment_id)
			select b.id, (select id from segment where key = ${BENEFICIARY}) from beneficiary b
			where b.erased_at is null
			  and not exists (select 1 from contact_segment cs where cs.contact_id = b.id)`);
		tx.run(sql`update response set segment = ${BENEFICIARY}
			where segment is null and campaign_id is null`);
	});
}

export function list(opts: { all?: boolean } = {}): Segment[] {
	return getDb()
		.select()
		.from(segment)
		.where(opts.all ? undefined : isNull(segment.archivedAt))
		.orderBy(asc(segment.position), asc(segment.id))
		.all();
}

/** Key → localised name, for labels (archived segments keep their name on old figures). */
export function names(locale: Locale): Map<string, string> {
	return new Map(list({ all: true }).map((s) => [s.key, locale === 'en' ? s.nameEn : s.nameAr]));
}

export function isKey(key: string, opts: { all?: boolean } = {}): boolean {
	return list(opts).some((s) => s.key === key);
}

export class DuplicateSegmentError extends Error {}

export function create(
	actor: audit.Actor,
	input: { key: string; nameAr: string; nameEn: string }
): number {
	const db = getDb();
	if (db.select({ id: segment.id }).from(segment).where(eq(segment.key, input.key)).get())
		throw new DuplicateSegmentError();
	const position =
		db
			.select({ m: sql<number>`coalesce(max(${segment.position}), 0)` })
			.from(segment)
			.get()!.m + 1;
	const id = db
		.insert(segment)
		.values({ ...input, position })
		.returning({ id: segment.id })
		.get().id;
	audit.record({
		actorId: actor.id,
		action: 'segment.create',
		targetType: 'segment',
		targetId: id,
		ip: actor.ip
	});
	return id;
}

export function update(
	actor: audit.Actor,
	id: number,
	input: { nameAr: string; nameEn: string; archived: boolean }
) {
	getDb()
		.update(segment)
		.set({
			nameAr: input.nameAr,
			nameEn: input.nameEn,
			archivedAt: input.archived ? sql`coalesce(${segment.archivedAt}, ${Date.now()})` : null
		})
		.where(eq(segment.id, id))
		.run();
	audit.record({
		actorId: actor.id,
		action: 'segment.update',
		targetType: 'segment',
		targetId: id,
		ip: actor.ip
	});
}

/** Contacts per segment (one grouped query). */
export function counts(): Map<number, number> {
	const rows = getDb()
		.select({ id: contactSegment.segmentId, n: sql<number>`count(*)` })
		.from(contactSegment)
		.groupBy(contactSegment.segmentId)
		.all();
	return new Map(rows.map((r) => [r.id, r.n]));
}

/** The segment keys of one contact. */
export function keysOf(contactId: number): string[] {
	return getDb()
		.select({ key: segment.key })
		.from(contactSegment)
		.innerJoin(segment, eq(segment.id, contactSegment.segmentId))
		.where(eq(contactSegment.contactId, contactId))
		.orderBy(asc(segment.position))
		.all()
		.map((r) => r.key);
}

/** Replaces a contact's segments (unknown keys ignored; none at all means "beneficiary"). */
export function setForContact(contactId: number, keys: string[]) {
	const db = getDb();
	const wanted = keys.length ? keys : [BENEFICIARY];
	db.transaction((tx) => {
		const ids = tx
			.select({ id: segment.id })
			.from(segment)
			.where(inArray(segment.key, wanted))
			.all()
			.map((r) => r.id);
		tx.delete(contactSegment).where(eq(contactSegment.contactId, contactId)).run();
		if (ids.length)
			tx.insert(contactSegment)
				.values(ids.map((segmentId) => ({ contactId, segmentId })))
				.run();
	});
}

/** Adds segments to many contacts (imports), in the caller's transaction when there is one. */
export function addToContacts(contactIds: number[], keys: string[]) {
	if (!contactIds.length || !keys.length) return;
	const client = getDb().$client;
	const stmt = client.prepare(
		'insert or ignore into contact_segment (contact_id, segment_id) select ?, id from segment where key = ?'
	);
	client.transaction(() => {
		for (const c of contactIds) for (const k of keys) stmt.run(c, k);
	})();
}

/** Segment keys matching a typed label (key, Arabic or English name; case and spaces ignored). */
export function resolveLabel(label: string): string | null {
	const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
	const l = norm(label);
	if (!l) return null;
	for (const s of list({ all: true }))
		if ([s.key, s.nameAr, s.nameEn].some((x) => norm(x) === l)) return s.key;
	return null;
}
