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
import { beneficiary, program } from './programs';

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * A stakeholder segment (beneficiary, donor, volunteer, partner, staff, member, community…),
 * an editable list. `key` is what responses and URLs carry; it never changes once created.
 */
export const segment = sqliteTable(
	'segment',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		key: text('key').notNull(),
		nameAr: text('name_ar').notNull(),
		nameEn: text('name_en').notNull(),
		position: integer('position').notNull().default(0),
		archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('segment_key_uq').on(t.key)]
);

/**
 * A contact's segments. Contacts are the `beneficiary` rows (one encrypted model for every
 * stakeholder: the same consent, export and erasure); a direct beneficiary is in "beneficiary".
 */
export const contactSegment = sqliteTable(
	'contact_segment',
	{
		contactId: integer('contact_id')
			.notNull()
			.references(() => beneficiary.id, { onDelete: 'cascade' }),
		segmentId: integer('segment_id')
			.notNull()
			.references(() => segment.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.segmentId, t.contactId] }),
		index('contact_segment_contact_idx').on(t.contactId)
	]
);

/**
 * A survey campaign not tied to a program's end: an audience (segments, a program's enrolled,
 * an imported list), a schedule, personal links through the outbox and/or one open link.
 */
export const campaign = sqliteTable(
	'campaign',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		nameAr: text('name_ar').notNull(),
		nameEn: text('name_en').notNull(),
		/** Survey definition id; each run uses its current published version. */
		surveyId: text('survey_id').notNull(),
		/** JSON array of segment keys. */
		audienceSegments: text('audience_segments').notNull().default('[]'),
		audienceProgramId: integer('audience_program_id').references(() => program.id, {
			onDelete: 'set null'
		}),
		/** Personal links go to the campaign's own list (campaign_contact) too. */
		audienceList: integer('audience_list', { mode: 'boolean' }).notNull().default(false),
		personalLinks: integer('personal_links', { mode: 'boolean' }).notNull().default(true),
		reminders: integer('reminders', { mode: 'boolean' }).notNull().default(true),
		schedule: text('schedule', { enum: ['once', 'yearly', 'quarterly'] })
			.notNull()
			.default('once'),
		calendar: text('calendar', { enum: ['gregorian', 'hijri'] })
			.notNull()
			.default('gregorian'),
		/** Local date of the first (or only) run. */
		startDate: text('start_date').notNull(),
		/** Local date of the next run; null once a one-off campaign has run. */
		nextRunDate: text('next_run_date'),
		lastRunAt: integer('last_run_at', { mode: 'timestamp_ms' }),
		/** Segment key given to answers through the open link (unless the respondent says otherwise). */
		openSegment: text('open_segment'),
		/** Question whose answer names the respondent's segment, and its choice → segment key map (JSON). */
		respondentQuestion: text('respondent_question'),
		segmentMap: text('segment_map').notNull().default('{}'),
		openTokenHash: text('open_token_hash'),
		openLinkAt: integer('open_link_at', { mode: 'timestamp_ms' }),
		status: text('status', { enum: ['active', 'closed'] })
			.notNull()
			.default('active'),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		uniqueIndex('campaign_open_uq').on(t.openTokenHash),
		index('campaign_next_idx').on(t.status, t.nextRunDate)
	]
);

/** A campaign's own list of contacts (an imported list). */
export const campaignContact = sqliteTable(
	'campaign_contact',
	{
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaign.id, { onDelete: 'cascade' }),
		contactId: integer('contact_id')
			.notNull()
			.references(() => beneficiary.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.campaignId, t.contactId] }),
		index('campaign_contact_contact_idx').on(t.contactId)
	]
);
