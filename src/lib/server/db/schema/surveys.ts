import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { beneficiary, program } from './programs';
import { campaign } from './stakeholders';

const now = sql`(unixepoch('subsec') * 1000)`;

/** An immutable version of a survey definition file, by content hash. */
export const surveyVersion = sqliteTable(
	'survey_version',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyId: text('survey_id').notNull(),
		hash: text('hash').notNull(),
		/** The whole definition file as loaded (JSON). */
		definition: text('definition').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		uniqueIndex('survey_version_hash_uq').on(t.hash),
		index('survey_version_survey_idx').on(t.surveyId)
	]
);

/**
 * A single-use survey link. Only the SHA-256 of the token is stored. `requestId` is set for
 * service-level surveys sent when a request closes (no FK: requests live in their own file).
 */
export const invitation = sqliteTable(
	'invitation',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind', { enum: ['program', 'request', 'campaign'] })
			.notNull()
			.default('program'),
		programId: integer('program_id').references(() => program.id, { onDelete: 'cascade' }),
		requestId: integer('request_id'),
		campaignId: integer('campaign_id').references(() => campaign.id, { onDelete: 'set null' }),
		beneficiaryId: integer('beneficiary_id').references(() => beneficiary.id, {
			onDelete: 'set null'
		}),
		surveyVersionId: integer('survey_version_id')
			.notNull()
			.references(() => surveyVersion.id),
		tokenHash: text('token_hash').notNull(),
		/** Short human code printed beside a QR code (not secret enough to open the survey alone). */
		shortCode: text('short_code'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
		openedAt: integer('opened_at', { mode: 'timestamp_ms' }),
		startedAt: integer('started_at', { mode: 'timestamp_ms' }),
		completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
		/** Answers saved page by page until completion (SurveyJS data JSON). */
		draft: text('draft'),
		draftPage: integer('draft_page').notNull().default(0),
		locale: text('locale', { enum: ['ar', 'en'] })
			.notNull()
			.default('ar'),
		/** Created from a program's anonymous walk-in link (no beneficiary; counted apart). */
		anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [
		uniqueIndex('invitation_token_uq').on(t.tokenHash),
		index('invitation_program_idx').on(t.programId, t.beneficiaryId),
		index('invitation_request_idx').on(t.requestId),
		// direct beneficiaries: did a decided request's survey invitation exist / get completed?
		// Partial, so it holds only the few invitations about requests (a probe per decided
		// request stays in a tiny index) and costs nothing on the others' writes.
		index('invitation_request_cover_idx')
			.on(t.requestId, t.completedAt)
			.where(sql`request_id is not null`),
		index('invitation_campaign_idx').on(t.campaignId, t.beneficiaryId),
		// a person's invitations; covering for response rates filtered by gender, age band, city or
		// segment (the filter's people first, then each one's invitations in the period)
		index('invitation_beneficiary_cover_idx').on(
			t.beneficiaryId,
			t.deliveredAt,
			t.createdAt,
			t.programId,
			t.surveyVersionId,
			t.completedAt,
			t.anonymous
		),
		index('invitation_created_idx').on(t.createdAt),
		// dashboard: response rate (delivered basis, or created until delivery is recorded)
		index('invitation_created_cover_idx').on(
			t.createdAt,
			t.programId,
			t.surveyVersionId,
			t.completedAt
		),
		index('invitation_delivered_cover_idx').on(
			t.deliveredAt,
			t.programId,
			t.surveyVersionId,
			t.completedAt
		),
		index('invitation_program_created_idx').on(t.programId, t.createdAt, t.completedAt),
		index('invitation_program_delivered_idx').on(t.programId, t.deliveredAt, t.completedAt)
	]
);

/**
 * A completed survey. Raw SurveyJS JSON plus the indicator values in indexed columns, and a
 * snapshot of the respondent's non-identifying attributes so dashboards filter without joins
 * and erasing a beneficiary leaves the indicators unchanged.
 */
export const response = sqliteTable(
	'response',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		invitationId: integer('invitation_id').references(() => invitation.id, {
			onDelete: 'set null'
		}),
		programId: integer('program_id').references(() => program.id, { onDelete: 'set null' }),
		requestId: integer('request_id'),
		campaignId: integer('campaign_id').references(() => campaign.id, { onDelete: 'set null' }),
		beneficiaryId: integer('beneficiary_id').references(() => beneficiary.id, {
			onDelete: 'set null'
		}),
		surveyVersionId: integer('survey_version_id')
			.notNull()
			.references(() => surveyVersion.id),
		anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
		/** Local (association time zone) date of submission, YYYY-MM-DD. */
		localDate: text('local_date').notNull(),
		/**
		 * The answers as staff without personal-data rights may see them: free-text values
		 * redacted (redact.ts). `answersEnc` keeps the original, encrypted, only when redaction
		 * changed something.
		 */
		answers: text('answers').notNull(),
		answersEnc: text('answers_enc'),
		csat: integer('csat'),
		nps: integer('nps'),
		channel: text('channel'),
		withinTwoWeeks: integer('within_two_weeks', { mode: 'boolean' }),
		/** Redacted display copy; `commentEnc` is the encrypted original (when it differs). */
		comment: text('comment'),
		commentEnc: text('comment_enc'),
		gender: text('gender'),
		ageBand: text('age_band'),
		city: text('city'),
		/** Stakeholder segment key of the respondent (snapshot): a dashboard and report dimension. */
		segment: text('segment')
		// Whether quality may see who answered is read from beneficiary.consent_identified when
		// shown, never snapshotted here: withdrawing consent must hide the name from then on.
	},
	(t) => [
		uniqueIndex('response_invitation_uq').on(t.invitationId),
		index('response_date_idx').on(t.localDate, t.csat, t.nps),
		index('response_program_date_idx').on(t.programId, t.localDate),
		index('response_request_idx').on(t.requestId),
		index('response_version_idx').on(t.surveyVersionId),
		index('response_beneficiary_idx').on(t.beneficiaryId),
		index('response_segment_idx').on(t.segment, t.localDate, t.csat, t.nps),
		index('response_campaign_idx').on(t.campaignId),
		// dashboard: index-only scans when respondent-attribute filters bypass the rollups
		index('response_dash_cover_idx').on(
			t.localDate,
			t.gender,
			t.ageBand,
			t.city,
			t.channel,
			t.programId,
			t.surveyVersionId,
			t.csat,
			t.nps
		)
	]
);

/** Aspect scores (courtesy, clarity, speed, competence, channelConvenience…), one row each. */
export const responseAspect = sqliteTable(
	'response_aspect',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => response.id, { onDelete: 'cascade' }),
		aspect: text('aspect').notNull(),
		score: real('score').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.responseId, t.aspect] }),
		index('response_aspect_idx').on(t.aspect),
		// dashboard: aspect means without touching the table rows
		index('response_aspect_cover_idx').on(t.responseId, t.aspect, t.score)
	]
);

/**
 * A survey as the studio edits it. `draft` is the whole definition (the surveys/*.json format)
 * being edited; respondents only ever see `publishedVersionId`, an immutable survey_version.
 * Files in surveys/ seed rows with origin "file"; once edited in the studio (`edited`), the
 * file no longer replaces the published version at start-up.
 */
export const survey = sqliteTable(
	'survey',
	{
		id: text('id').primaryKey(),
		nameAr: text('name_ar').notNull(),
		nameEn: text('name_en').notNull(),
		status: text('status', { enum: ['draft', 'published', 'archived'] })
			.notNull()
			.default('draft'),
		origin: text('origin', { enum: ['file', 'studio'] })
			.notNull()
			.default('studio'),
		edited: integer('edited', { mode: 'boolean' }).notNull().default(false),
		draft: text('draft').notNull(),
		publishedVersionId: integer('published_version_id').references(() => surveyVersion.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [index('survey_status_idx').on(t.status)]
);

/** Named aspects: the five built-in ones and those a survey's mapping creates (ar/en labels). */
export const aspect = sqliteTable('aspect', {
	key: text('key').primaryKey(),
	labelAr: text('label_ar').notNull(),
	labelEn: text('label_en').notNull(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/**
 * Reporting dimensions of a response (respondent type, city, any choice question the mapping
 * names, and each ticked channel of a checkbox channel question): one row per value.
 */
export const responseDimension = sqliteTable(
	'response_dimension',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => response.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		value: text('value').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.responseId, t.key, t.value] }),
		index('response_dimension_key_idx').on(t.key, t.value, t.responseId)
	]
);
