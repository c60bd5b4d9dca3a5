import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { user } from './core';
import { beneficiary } from './programs';

const now = sql`(unixepoch('subsec') * 1000)`;

/** The eight channels of the policy by default; admins rename or add. */
export const channel = sqliteTable('channel', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	key: text('key').notNull().unique(),
	nameAr: text('name_ar').notNull(),
	nameEn: text('name_en').notNull(),
	sort: integer('sort').notNull().default(0),
	active: integer('active', { mode: 'boolean' }).notNull().default(true)
});

/**
 * Request types (admin settings): each with its own SLA (days, calendar or working days), the
 * documents a complete request needs, the role a late or stuck request escalates to, and
 * whether it is a consumer complaint (extra fields: sector, merchant, amount, authority).
 */
export const requestType = sqliteTable('request_type', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	key: text('key').notNull().unique(),
	nameAr: text('name_ar').notNull(),
	nameEn: text('name_en').notNull(),
	/** The lifecycle rules it follows (lifecycle.ts KINDS). */
	kind: text('kind', { enum: ['support', 'inquiry', 'complaint', 'suggestion', 'other'] })
		.notNull()
		.default('other'),
	slaDays: integer('sla_days').notNull().default(14),
	slaMode: text('sla_mode', { enum: ['calendar', 'working'] })
		.notNull()
		.default('working'),
	/** JSON array of {ar, en}: the required documents checklist. */
	documents: text('documents').notNull().default('[]'),
	escalationRole: text('escalation_role', { enum: ['admin', 'quality', 'relations', 'board'] })
		.notNull()
		.default('admin'),
	complaint: integer('complaint', { mode: 'boolean' }).notNull().default(false),
	sort: integer('sort').notNull().default(0),
	active: integer('active', { mode: 'boolean' }).notNull().default(true),
	/**
	 * The service survey a closed request of this type is invited to (survey.id; its published
	 * version at invitation time). NULL: the default service survey. No FK: surveys are
	 * archived, never deleted.
	 */
	surveyId: text('survey_id')
});

/**
 * A beneficiary's request. Status, due date, decision time are DERIVED from request_event
 * and cached here (kept in step by the requests module in the same transaction) so that
 * lists and indicators can filter and aggregate with indexes.
 */
export const request = sqliteTable(
	'request',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Public tracking code for the status page (random, not guessable). */
		code: text('code').notNull(),
		channelId: integer('channel_id')
			.notNull()
			.references(() => channel.id),
		kind: text('kind', {
			enum: ['support', 'inquiry', 'complaint', 'suggestion', 'other']
		}).notNull(),
		beneficiaryId: integer('beneficiary_id').references(() => beneficiary.id, {
			onDelete: 'set null'
		}),
		/** Redacted display copies (redact.ts); *_enc = the encrypted originals, when they differ. */
		subject: text('subject').notNull(),
		subjectEnc: text('subject_enc'),
		details: text('details').notNull().default(''),
		detailsEnc: text('details_enc'),
		referenceNo: text('reference_no'),
		receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
		receivedLocalDate: text('received_local_date').notNull(),
		backdateReason: text('backdate_reason'),
		assigneeId: integer('assignee_id').references(() => user.id, { onDelete: 'set null' }),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		// ---- derived from the timeline ----
		status: text('status').notNull().default('received'),
		dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
		decision: text('decision', { enum: ['accepted', 'rejected', 'referred', 'answered'] }),
		closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
		breachNotifiedAt: integer('breach_notified_at', { mode: 'timestamp_ms' }),
		// ---- request type, completeness, confirmation ----
		typeId: integer('type_id').references(() => requestType.id),
		/** JSON array of the indexes of the type's documents that were ticked. */
		checklist: text('checklist').notNull().default('[]'),
		/** Every required document ticked (cached from checklist and the type). */
		complete: integer('complete', { mode: 'boolean' }).notNull().default(false),
		/** The applicant confirmed the data is correct: when, and which text version. */
		confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
		confirmVersion: text('confirm_version'),
		/** Cached from the timeline: first escalation; the body a decision referred to. */
		escalatedAt: integer('escalated_at', { mode: 'timestamp_ms' }),
		referredTo: text('referred_to'),
		// ---- complaints (types with complaint = true) ----
		sector: text('sector'),
		/** Redacted copy; merchantEnc = the encrypted original when it differs. */
		merchant: text('merchant'),
		merchantEnc: text('merchant_enc'),
		/** Amount in dispute, in halalas (SAR × 100). */
		amountDisputed: integer('amount_disputed'),
		authority: text('authority'),
		authorityRef: text('authority_ref'),
		authorityOutcome: text('authority_outcome', {
			enum: ['pending', 'resolved', 'rejected', 'closed']
		})
	},
	(t) => [
		uniqueIndex('request_code_uq').on(t.code),
		index('request_received_idx').on(t.receivedLocalDate, t.channelId),
		index('request_status_due_idx').on(t.status, t.dueAt),
		index('request_assignee_idx').on(t.assigneeId, t.status),
		index('request_decided_idx').on(t.decidedAt),
		// dashboard: covering indexes for time to decision / SLA and open-overdue (the open one
		// also serves the register's newest-first list: it starts with received_at)
		// (beneficiary_id last: gender/age/city filters go through beneficiary without row lookups)
		index('request_decided_cover_idx').on(
			t.decidedAt,
			t.receivedAt,
			t.dueAt,
			t.channelId,
			t.beneficiaryId
		),
		index('request_open_cover_idx').on(
			t.receivedAt,
			t.decidedAt,
			t.closedAt,
			t.dueAt,
			t.channelId,
			t.beneficiaryId
		),
		// time to decision: the k-th decision time is read within one bucket of whole hours taken
		// (the expression must stay textually `(decided_at - received_at) / 3600000` to be used)
		index('request_hours_idx')
			.on(
				sql`(decided_at - received_at) / 3600000`,
				t.decidedAt,
				t.receivedAt,
				t.channelId,
				t.beneficiaryId
			)
			.where(sql`decided_at is not null`),
		// a person's requests; covering for the request indicators (decisions, open, channel mix)
		// filtered by gender, age band, city or segment (the filter's people first)
		index('request_beneficiary_cover_idx').on(
			t.beneficiaryId,
			t.decidedAt,
			t.receivedAt,
			t.dueAt,
			t.closedAt,
			t.channelId,
			t.receivedLocalDate
		),
		index('request_received_cover_idx').on(t.receivedLocalDate, t.channelId, t.beneficiaryId),
		index('request_type_idx').on(t.typeId, t.receivedLocalDate),
		index('request_referred_idx').on(t.referredTo, t.decidedAt),
		index('request_escalated_idx').on(t.escalatedAt),
		index('request_sector_idx').on(t.sector, t.receivedLocalDate)
	]
);

export const requestEvent = sqliteTable(
	'request_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		requestId: integer('request_id')
			.notNull()
			.references(() => request.id, { onDelete: 'cascade' }),
		type: text('type', {
			enum: [
				'received',
				'data_checked',
				'referred_committee',
				'decision',
				'delivered',
				'closed',
				'answered',
				'reopened',
				'note',
				'assigned',
				'escalated',
				'notice'
			]
		}).notNull(),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		userId: integer('user_id').references(() => user.id, { onDelete: 'set null' }),
		/** JSON: missing items, decision and reason, referred association, note… (free text redacted) */
		data: text('data'),
		/** The same JSON with the free text as typed, encrypted (only when redaction changed it). */
		dataEnc: text('data_enc')
	},
	(t) => [index('request_event_request_idx').on(t.requestId, t.at)]
);

/** Public holidays excluded in working-day SLA mode. */
export const holiday = sqliteTable('holiday', {
	date: text('date').primaryKey(),
	name: text('name').notNull().default('')
});

/**
 * Notices to the requester (acknowledgement with the tracking code and due date; decision),
 * queued like invitations: the outbox worker sends SMS/email with the same adapters, back-off
 * and sending hours; WhatsApp and print wait for staff. The text is rendered when sent.
 */
export const requestNotice = sqliteTable(
	'request_notice',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		requestId: integer('request_id')
			.notNull()
			.references(() => request.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['ack', 'decision'] }).notNull(),
		channel: text('channel', { enum: ['email', 'sms', 'whatsapp', 'print'] }).notNull(),
		state: text('state', { enum: ['queued', 'sending', 'sent', 'failed', 'given_up', 'cancelled'] })
			.notNull()
			.default('queued'),
		attempts: integer('attempts').notNull().default(0),
		notBefore: integer('not_before', { mode: 'timestamp_ms' }).notNull(),
		claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
		lastError: text('last_error'),
		idempotencyKey: text('idempotency_key').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		uniqueIndex('request_notice_idem_uq').on(t.idempotencyKey),
		index('request_notice_state_idx').on(t.state, t.notBefore),
		index('request_notice_request_idx').on(t.requestId, t.kind)
	]
);
