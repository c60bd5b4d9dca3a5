import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { invitation } from './surveys';

const now = sql`(unixepoch('subsec') * 1000)`;

/**
 * The outbox: one row per message (invitation or reminder). A worker claims rows in a
 * transaction before sending; `idempotencyKey` goes to gateways that accept one so that a
 * crash between "sent" and "recorded" never delivers twice.
 */
export const outboxMessage = sqliteTable(
	'outbox_message',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		invitationId: integer('invitation_id')
			.notNull()
			.references(() => invitation.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['invitation', 'reminder'] }).notNull(),
		channel: text('channel', { enum: ['email', 'sms', 'whatsapp', 'print'] }).notNull(),
		state: text('state', { enum: ['queued', 'sending', 'sent', 'failed', 'given_up', 'cancelled'] })
			.notNull()
			.default('queued'),
		attempts: integer('attempts').notNull().default(0),
		/** Not before this instant (back-off, and never at night in Riyadh). */
		notBefore: integer('not_before', { mode: 'timestamp_ms' }).notNull(),
		claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
		lastError: text('last_error'),
		idempotencyKey: text('idempotency_key').notNull(),
		providerId: text('provider_id'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [
		uniqueIndex('outbox_idem_uq').on(t.idempotencyKey),
		index('outbox_state_idx').on(t.state, t.notBefore),
		index('outbox_invitation_idx').on(t.invitationId)
	]
);

/**
 * Each message carries its own link token (hash only), so a reminder needs no stored secret
 * and the funnel knows which channel's link was opened.
 */
export const invitationLink = sqliteTable(
	'invitation_link',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		invitationId: integer('invitation_id')
			.notNull()
			.references(() => invitation.id, { onDelete: 'cascade' }),
		messageId: integer('message_id').references(() => outboxMessage.id, { onDelete: 'set null' }),
		channel: text('channel').notNull(),
		tokenHash: text('token_hash').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
		openedAt: integer('opened_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		uniqueIndex('invitation_link_token_uq').on(t.tokenHash),
		index('invitation_link_inv_idx').on(t.invitationId)
	]
);

/** Message texts per association (Arabic and English), with {name} {program} {link} {association}. */
export const messageTemplate = sqliteTable(
	'message_template',
	{
		key: text('key', {
			enum: [
				'invitation',
				'reminder',
				'requestAck',
				'requestAccepted',
				'requestRejected',
				'requestReferred'
			]
		}).notNull(),
		part: text('part', { enum: ['emailSubject', 'emailBody', 'sms', 'whatsapp'] }).notNull(),
		locale: text('locale', { enum: ['ar', 'en'] }).notNull(),
		body: text('body').notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [uniqueIndex('message_template_uq').on(t.key, t.part, t.locale)]
);

/** Unsubscribe links (hash only), one per beneficiary per message. */
export const optOutToken = sqliteTable('opt_out_token', {
	tokenHash: text('token_hash').primaryKey(),
	beneficiaryId: integer('beneficiary_id').notNull(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
});
