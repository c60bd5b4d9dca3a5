import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DEFAULT_TIME_ZONE } from '../../../dates';

/** Times are UTC instants stored as integer milliseconds (mode 'timestamp_ms'). */
const now = sql`(unixepoch('subsec') * 1000)`;

export const user = sqliteTable(
	'user',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		email: text('email').notNull(),
		name: text('name').notNull(),
		role: text('role', { enum: ['admin', 'quality', 'relations', 'board'] }).notNull(),
		locale: text('locale', { enum: ['ar', 'en'] })
			.notNull()
			.default('ar'),
		passwordHash: text('password_hash'),
		disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('user_email_uq').on(t.email)]
);

export const session = sqliteTable(
	'session',
	{
		/** SHA-256 (hex) of the token in the cookie; the token itself is never stored. */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

/** One-time tokens: first-run setup, invitations to set a password, password resets. */
export const userToken = sqliteTable(
	'user_token',
	{
		id: text('id').primaryKey(), // SHA-256 hex of the token
		userId: integer('user_id').references(() => user.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: ['setup', 'invite', 'reset'] }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [index('user_token_user_idx').on(t.userId)]
);

/** Failed sign-ins per key ('acct:<email>' or 'ip:<addr>'), for the growing delay. */
export const loginThrottle = sqliteTable('login_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull().default(0),
	lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }).notNull(),
	lockedUntil: integer('locked_until', { mode: 'timestamp_ms' })
});

export const auditEvent = sqliteTable(
	'audit_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull().default(now),
		actorId: integer('actor_id').references(() => user.id, { onDelete: 'set null' }),
		/** e.g. 'user.create', 'settings.update' — a message key suffix in the audit page. */
		action: text('action').notNull(),
		targetType: text('target_type'),
		targetId: text('target_id'),
		/** JSON; never personal data of beneficiaries. */
		details: text('details'),
		ip: text('ip')
	},
	(t) => [index('audit_at_idx').on(t.at), index('audit_actor_idx').on(t.actorId)]
);

/** The association's profile; exactly one row (id = 1). */
export const settings = sqliteTable('settings', {
	id: integer('id').primaryKey(),
	nameAr: text('name_ar').notNull(),
	nameEn: text('name_en').notNull(),
	licenceNumber: text('licence_number').notNull().default(''),
	timeZone: text('time_zone').notNull().default(DEFAULT_TIME_ZONE),
	/** Month (1–12) the fiscal year starts in. */
	fiscalYearStart: integer('fiscal_year_start').notNull().default(1),
	calendar: text('calendar', { enum: ['gregorian', 'hijri'] })
		.notNull()
		.default('gregorian'),
	slaDays: integer('sla_days').notNull().default(14),
	/** Calendar days, or working days (Sun–Thu minus holidays). */
	slaMode: text('sla_mode', { enum: ['calendar', 'working'] })
		.notNull()
		.default('calendar'),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/** Last successful run of each scheduled job, so missed runs are caught up after a restart. */
export const jobRun = sqliteTable('job_run', {
	name: text('name').primaryKey(),
	lastRunAt: integer('last_run_at', { mode: 'timestamp_ms' }).notNull(),
	lastStatus: text('last_status').notNull(),
	lastError: text('last_error')
});

/**
 * This database's identity (one row, random, created by migration 0001). The erasure journal
 * (privacy.ts) names it, so a restored backup re-applies the erasures of its own lineage only.
 */
export const dbInstance = sqliteTable('db_instance', {
	id: text('id').primaryKey(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
});

/** One-off data migrations done in code after the SQL migrations (e.g. redacting old rows). */
export const dataMigration = sqliteTable('data_migration', {
	name: text('name').primaryKey(),
	appliedAt: integer('applied_at', { mode: 'timestamp_ms' }).notNull().default(now)
});
