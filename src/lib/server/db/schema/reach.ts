import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { user } from './core';

const now = sql`(unixepoch('subsec') * 1000)`;

/** A website that embeds reach.js. */
export const site = sqliteTable('site', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	key: text('key').notNull().unique(),
	name: text('name').notNull(),
	/** JSON array of allowed origins, e.g. ["https://example.org"]. */
	origins: text('origins').notNull(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/** The random salt of one local day; deleted after 48 h so hashes cannot be re-linked. */
export const siteSalt = sqliteTable('site_salt', {
	day: text('day').primaryKey(),
	salt: text('salt').notNull(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/** Raw page views (purged after a configurable period). No IP, no user agent. */
export const siteEvent = sqliteTable(
	'site_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		siteId: integer('site_id')
			.notNull()
			.references(() => site.id, { onDelete: 'cascade' }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		day: text('day').notNull(),
		visitor: text('visitor').notNull(),
		path: text('path').notNull(),
		source: text('source').notNull(),
		refHost: text('ref_host'),
		utmSource: text('utm_source')
	},
	(t) => [
		index('site_event_day_idx').on(t.siteId, t.day),
		// First-seen checks of the collector: is this visitor (of this source) new today?
		index('site_event_visitor_idx').on(t.siteId, t.day, t.visitor, t.source),
		index('site_event_at_idx').on(t.at)
	]
);

/** Daily rollups: dashboards read only these. */
export const siteDay = sqliteTable(
	'site_day',
	{
		siteId: integer('site_id')
			.notNull()
			.references(() => site.id, { onDelete: 'cascade' }),
		day: text('day').notNull(),
		views: integer('views').notNull().default(0),
		visitors: integer('visitors').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.siteId, t.day] }), index('site_day_day_idx').on(t.day)]
);

export const siteDaySource = sqliteTable(
	'site_day_source',
	{
		siteId: integer('site_id')
			.notNull()
			.references(() => site.id, { onDelete: 'cascade' }),
		day: text('day').notNull(),
		source: text('source').notNull(),
		views: integer('views').notNull().default(0),
		visitors: integer('visitors').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.siteId, t.day, t.source] }),
		index('site_day_source_day_idx').on(t.day)
	]
);

export const siteDayPage = sqliteTable(
	'site_day_page',
	{
		siteId: integer('site_id')
			.notNull()
			.references(() => site.id, { onDelete: 'cascade' }),
		day: text('day').notNull(),
		path: text('path').notNull(),
		views: integer('views').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.siteId, t.day, t.path] }),
		index('site_day_page_day_idx').on(t.day)
	]
);

export const socialPlatform = sqliteTable('social_platform', {
	key: text('key').primaryKey(),
	nameAr: text('name_ar').notNull(),
	nameEn: text('name_en').notNull(),
	sort: integer('sort').notNull().default(0),
	active: integer('active', { mode: 'boolean' }).notNull().default(true)
});

/** One platform's figures for one period (day, month or quarter starting periodStart). */
export const socialReach = sqliteTable(
	'social_reach',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		platform: text('platform')
			.notNull()
			.references(() => socialPlatform.key),
		periodKind: text('period_kind', { enum: ['day', 'month', 'quarter'] }).notNull(),
		periodStart: text('period_start').notNull(),
		reach: integer('reach'),
		impressions: integer('impressions'),
		/** Net followers gained in the period. */
		followers: integer('followers'),
		engagements: integer('engagements'),
		posts: integer('posts'),
		importId: integer('import_id'),
		enteredBy: integer('entered_by').references(() => user.id, { onDelete: 'set null' }),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		uniqueIndex('social_reach_period_uq').on(t.platform, t.periodKind, t.periodStart),
		index('social_reach_start_idx').on(t.periodStart)
	]
);

export const socialImport = sqliteTable('social_import', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	fingerprint: text('fingerprint').notNull().unique(),
	fileName: text('file_name').notNull(),
	format: text('format').notNull(),
	platform: text('platform').notNull(),
	rows: integer('rows').notNull(),
	importedBy: integer('imported_by').references(() => user.id, { onDelete: 'set null' }),
	importedAt: integer('imported_at', { mode: 'timestamp_ms' }).notNull().default(now)
});
