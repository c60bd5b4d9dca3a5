import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { user } from './core';
import { INDICATOR_KEYS, type IndicatorKey } from '../../../indicators/registry';

const now = sql`(unixepoch('subsec') * 1000)`;

/** The indicators a target, a report row or an action's baseline can refer to: the registry's. */
export { INDICATOR_KEYS, type IndicatorKey };

/** A yearly target per indicator (year in the association's calendar). */
export const target = sqliteTable(
	'target',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		indicator: text('indicator', { enum: INDICATOR_KEYS }).notNull(),
		calendar: text('calendar', { enum: ['gregorian', 'hijri'] }).notNull(),
		year: integer('year').notNull(),
		value: real('value').notNull(),
		direction: text('direction', { enum: ['higher', 'lower'] }).notNull(),
		setBy: integer('set_by').references(() => user.id, { onDelete: 'set null' }),
		setAt: integer('set_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('target_uq').on(t.indicator, t.calendar, t.year)]
);

/** The board's review of one quarter's report. */
export const quarterReview = sqliteTable(
	'quarter_review',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		calendar: text('calendar', { enum: ['gregorian', 'hijri'] }).notNull(),
		year: integer('year').notNull(),
		quarter: integer('quarter').notNull(),
		reviewedBy: integer('reviewed_by').references(() => user.id, { onDelete: 'set null' }),
		reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
		notes: text('notes').notNull().default(''),
		/** SHA-256 of the report's figures when it was marked reviewed. */
		figuresFingerprint: text('figures_fingerprint'),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('quarter_review_uq').on(t.calendar, t.year, t.quarter)]
);

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const ACTION_SOURCES = ['indicator', 'program', 'aspect', 'comment'] as const;

/** An improvement action (إجراء تحسيني) with its measured before/after. */
export const improvementAction = sqliteTable(
	'improvement_action',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		source: text('source', { enum: ACTION_SOURCES }).notNull(),
		/** Indicator key, aspect key, program id or response id (as text). */
		sourceRef: text('source_ref'),
		ownerId: integer('owner_id').references(() => user.id, { onDelete: 'set null' }),
		dueDate: text('due_date').notNull(),
		status: text('status', { enum: ACTION_STATUSES }).notNull().default('open'),
		/** The indicator measured before and after (and its program scope, if any). */
		indicator: text('indicator', { enum: INDICATOR_KEYS }).notNull(),
		programId: integer('program_id'),
		baselineValue: real('baseline_value'),
		baselineN: integer('baseline_n'),
		baselineFrom: text('baseline_from'),
		baselineTo: text('baseline_to'),
		afterValue: real('after_value'),
		afterN: integer('after_n'),
		afterFrom: text('after_from'),
		afterTo: text('after_to'),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
		closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
		/**
		 * "You said, we did" on /transparency: staff choose to publish a done action and write
		 * its public wording; nothing else of the action (owner, comment, description) goes out.
		 */
		published: integer('published', { mode: 'boolean' }).notNull().default(false),
		publicTextAr: text('public_text_ar').notNull().default(''),
		publicTextEn: text('public_text_en').notNull().default('')
	},
	(t) => [
		index('action_status_due_idx').on(t.status, t.dueDate),
		index('action_published_idx').on(t.published, t.closedAt),
		index('action_created_idx').on(t.createdAt),
		index('action_closed_idx').on(t.closedAt)
	]
);
