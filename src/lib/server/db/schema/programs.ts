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

/** A program, service, event or aid distribution whose beneficiaries are surveyed after it ends. */
export const program = sqliteTable(
	'program',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		nameAr: text('name_ar').notNull(),
		nameEn: text('name_en').notNull(),
		description: text('description').notNull().default(''),
		kind: text('kind', { enum: ['program', 'service', 'event', 'aid'] }).notNull(),
		/** Local dates (YYYY-MM-DD, association time zone). */
		startDate: text('start_date').notNull(),
		endDate: text('end_date').notNull(),
		/** Survey definition id (file name in surveys/ without .json). */
		surveyId: text('survey_id').notNull(),
		responsibleUserId: integer('responsible_user_id').references(() => user.id, {
			onDelete: 'set null'
		}),
		status: text('status', { enum: ['planned', 'running', 'ended'] })
			.notNull()
			.default('planned'),
		endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
		archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
		/** Hash of the anonymous walk-in link token, when the program has one. */
		anonymousTokenHash: text('anonymous_token_hash'),
		/** When the anonymous link was (re)issued: with the server key it re-derives the token, so staff can show the QR again. */
		anonymousLinkAt: integer('anonymous_link_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		index('program_status_idx').on(t.status, t.endDate),
		uniqueIndex('program_anon_uq').on(t.anonymousTokenHash)
	]
);

/**
 * A direct beneficiary. Name, mobile and email are encrypted (AES-256-GCM, see crypto.ts);
 * *_hash columns are keyed hashes for lookup and duplicate detection.
 */
export const beneficiary = sqliteTable(
	'beneficiary',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		nameEnc: text('name_enc'),
		mobileEnc: text('mobile_enc'),
		mobileHash: text('mobile_hash'),
		emailEnc: text('email_enc'),
		emailHash: text('email_hash'),
		gender: text('gender', { enum: ['male', 'female'] }),
		ageBand: text('age_band', { enum: ['u18', '18_29', '30_44', '45_59', '60p'] }),
		city: text('city'),
		locale: text('locale', { enum: ['ar', 'en'] })
			.notNull()
			.default('ar'),
		preferredChannel: text('preferred_channel', { enum: ['sms', 'whatsapp', 'email', 'print'] })
			.notNull()
			.default('sms'),
		consentContact: integer('consent_contact', { mode: 'boolean' }).notNull().default(false),
		consentAt: integer('consent_at', { mode: 'timestamp_ms' }),
		consentVersion: text('consent_version'),
		/** Agreed that quality officers may see who answered. */
		consentIdentified: integer('consent_identified', { mode: 'boolean' }).notNull().default(false),
		optedOutAt: integer('opted_out_at', { mode: 'timestamp_ms' }),
		erasedAt: integer('erased_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		index('beneficiary_mobile_idx').on(t.mobileHash),
		index('beneficiary_email_idx').on(t.emailHash),
		// the dashboard's person filters (gender, age band, city): every combination is a prefix
		// of one of these, so "the filter's people" is an index range, never a scan of the table
		index('beneficiary_gender_idx').on(t.gender, t.ageBand, t.city),
		index('beneficiary_age_idx').on(t.ageBand, t.city, t.gender),
		index('beneficiary_city_idx').on(t.city, t.gender, t.ageBand)
	]
);

/** Keyed hashes of name prefixes, so staff can search encrypted names in SQL. */
export const beneficiaryNameToken = sqliteTable(
	'beneficiary_name_token',
	{
		beneficiaryId: integer('beneficiary_id')
			.notNull()
			.references(() => beneficiary.id, { onDelete: 'cascade' }),
		token: text('token').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.token, t.beneficiaryId] }),
		index('bnt_beneficiary_idx').on(t.beneficiaryId)
	]
);

export const enrollment = sqliteTable(
	'enrollment',
	{
		programId: integer('program_id')
			.notNull()
			.references(() => program.id, { onDelete: 'cascade' }),
		beneficiaryId: integer('beneficiary_id')
			.notNull()
			.references(() => beneficiary.id, { onDelete: 'cascade' }),
		enrolledAt: integer('enrolled_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		primaryKey({ columns: [t.programId, t.beneficiaryId] }),
		index('enrollment_beneficiary_idx').on(t.beneficiaryId)
	]
);
