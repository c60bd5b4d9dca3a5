import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { user } from './core';
import { INDICATOR_KEYS } from './reports';

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * The association's policy documents (سياسة تنظيم العلاقة مع المستفيدين …) as the board
 * approved them: one row per version. Dates are local 'YYYY-MM-DD' (shown Hijri + Gregorian).
 */
export const policy = sqliteTable(
	'policy',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		titleAr: text('title_ar').notNull(),
		titleEn: text('title_en').notNull().default(''),
		version: text('version').notNull(),
		approvedBy: text('approved_by').notNull().default(''),
		boardMeeting: text('board_meeting').notNull().default(''),
		approvedOn: text('approved_on').notNull(),
		nextReviewOn: text('next_review_on').notNull(),
		/** Shown on /transparency (the latest published one), its file downloadable by anyone. */
		published: integer('published', { mode: 'boolean' }).notNull().default(false),
		/** The review notice already e-mailed for this next-review date: 'near' or 'past'. */
		noticeStage: text('notice_stage', { enum: ['near', 'past'] }),
		noticeFor: text('notice_for'),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [index('policy_review_idx').on(t.nextReviewOn), index('policy_pub_idx').on(t.published)]
);

/**
 * The policy's signed file, kept inside the database (owner-only, like the database itself,
 * see private-file.ts) so it travels with backups and restores; apart from `policy` so lists
 * never read the bytes.
 */
export const policyFile = sqliteTable('policy_file', {
	policyId: integer('policy_id')
		.primaryKey()
		.references(() => policy.id, { onDelete: 'cascade' }),
	name: text('name').notNull(),
	type: text('type').notNull(),
	size: integer('size').notNull(),
	sha256: text('sha256').notNull(),
	data: blob('data', { mode: 'buffer' }).notNull(),
	uploadedAt: integer('uploaded_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/** A promise of the policy and the indicator that measures it ("what we promised, what we measured"). */
export const policyClause = sqliteTable(
	'policy_clause',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		policyId: integer('policy_id')
			.notNull()
			.references(() => policy.id, { onDelete: 'cascade' }),
		/** The clause's number in the document, e.g. '5-10'. */
		ref: text('ref').notNull().default(''),
		textAr: text('text_ar').notNull(),
		textEn: text('text_en').notNull().default(''),
		indicator: text('indicator', { enum: INDICATOR_KEYS }).notNull(),
		sort: integer('sort').notNull().default(0)
	},
	(t) => [index('policy_clause_policy_idx').on(t.policyId, t.sort)]
);
