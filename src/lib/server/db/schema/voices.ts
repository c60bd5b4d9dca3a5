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
import { response } from './surveys';

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * One free-text answer of a response (any survey version, any text/comment question or
 * "other" text), copied out of the answers JSON for search and themes. `text` is the redacted
 * copy (redact.ts; the original stays only in response.answers_enc); `norm` is the normalised
 * form searched and matched (voices/normalize.ts). Program, local date and score band are
 * snapshotted so counts filter on this table's indexes. Erasure blanks text and norm.
 */
export const answerText = sqliteTable(
	'answer_text',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		responseId: integer('response_id')
			.notNull()
			.references(() => response.id, { onDelete: 'cascade' }),
		question: text('question').notNull(),
		text: text('text').notNull(),
		norm: text('norm').notNull(),
		/** low (CSAT 1–2), mid (3), high (4–5), or null when the response has no CSAT. */
		band: text('band', { enum: ['low', 'mid', 'high'] }),
		programId: integer('program_id'),
		localDate: text('local_date').notNull()
	},
	(t) => [
		uniqueIndex('answer_text_response_question_uq').on(t.responseId, t.question),
		index('answer_text_date_idx').on(t.localDate, t.programId, t.band)
	]
);

/** A theme the association listens for, with its Arabic and English keywords (match.ts). */
export const theme = sqliteTable(
	'theme',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		key: text('key').notNull(),
		nameAr: text('name_ar').notNull(),
		nameEn: text('name_en').notNull(),
		keywordsAr: text('keywords_ar').notNull().default(''),
		keywordsEn: text('keywords_en').notNull().default(''),
		archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('theme_key_uq').on(t.key)]
);

/**
 * A theme on an answer. `source` auto = found by the keywords (redone when themes change);
 * manual = set by staff; `removed` = staff took an automatic tag off (kept so re-tagging does
 * not bring it back). Counts read rows with removed = 0.
 */
export const answerTheme = sqliteTable(
	'answer_theme',
	{
		answerId: integer('answer_id')
			.notNull()
			.references(() => answerText.id, { onDelete: 'cascade' }),
		themeId: integer('theme_id')
			.notNull()
			.references(() => theme.id, { onDelete: 'cascade' }),
		source: text('source', { enum: ['auto', 'manual'] }).notNull(),
		removed: integer('removed', { mode: 'boolean' }).notNull().default(false),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		primaryKey({ columns: [t.answerId, t.themeId] }),
		index('answer_theme_theme_idx').on(t.themeId, t.removed, t.answerId)
	]
);
