/**
 * Delivery of survey invitations: what routes and other domains call. The worker and the
 * reminders job are started from startup.ts through jobs.ts.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { hashToken } from '../auth';
import * as beneficiaries from '../beneficiaries';
import { getDb } from '../db';
import { invitation, invitationLink, outboxMessage } from '../db/schema';
import { enqueue, markManualSent, render, type Channel } from './outbox';
import { rateOf, rateSql } from '../indicators/responseRate';

export { enqueue, optOut, chooseChannel, type Channel } from './outbox';
export {
	DEFAULTS as DEFAULT_TEMPLATES,
	NOTICE_KEYS,
	getTemplate,
	setTemplate,
	fill
} from './templates';
export { queueNotice, renderNotice, noticesOf, markNoticeSent } from './notices';

/** Queues the first message for each invitation (after a program ends). */
export function enqueueInvitations(invitationIds: number[]): number {
	let n = 0;
	for (const id of invitationIds) if (enqueue(id, 'invitation')) n++;
	return n;
}

/** A per-message link token → its invitation; records the first opening of that link. */
export function resolveLinkToken(token: string): number | null {
	const db = getDb();
	const row = db
		.select({
			id: invitationLink.id,
			invitationId: invitationLink.invitationId,
			openedAt: invitationLink.openedAt
		})
		.from(invitationLink)
		.where(eq(invitationLink.tokenHash, hashToken(token)))
		.get();
	if (!row) return null;
	if (!row.openedAt)
		db.update(invitationLink)
			.set({ openedAt: new Date() })
			.where(eq(invitationLink.id, row.id))
			.run();
	return row.invitationId;
}

export type FunnelRow = {
	channel: string;
	invited: number;
	queued: number;
	sent: number;
	failed: number;
	opened: number;
	started: number;
	completed: number;
	/** The response rate's two terms (indicators/responseRate.ts). */
	delivered: number;
	responded: number;
	responseRate: number | null;
};

/**
 * The funnel per channel for one program. An invitation belongs to the channel of its first
 * message; opened/started/completed come from the invitation's own timestamps.
 */
export function funnel(programId: number): FunnelRow[] {
	const rate = rateSql('i');
	const rows = getDb().all<Omit<FunnelRow, 'responseRate'>>(sql`
		with first_msg as (
			select m.invitation_id, m.channel,
			       max(case when m.state = 'sent' then 1 else 0 end) over (partition by m.invitation_id) as any_sent,
			       max(case when m.state in ('queued','sending') then 1 else 0 end) over (partition by m.invitation_id) as any_queued,
			       max(case when m.state in ('failed','given_up') then 1 else 0 end) over (partition by m.invitation_id) as any_failed,
			       row_number() over (partition by m.invitation_id order by m.id) as rn
			from outbox_message m join invitation i on i.id = m.invitation_id
			where i.program_id = ${programId} and m.state <> 'cancelled'
		)
		select coalesce(f.channel, 'manual') as channel,
		       count(*) as invited,
		       sum(coalesce(f.any_queued, 0) * (1 - coalesce(f.any_sent, 0))) as queued,
		       sum(case when f.any_sent = 1 or i.delivered_at is not null then 1 else 0 end) as sent,
		       sum(coalesce(f.any_failed, 0) * (1 - coalesce(f.any_sent, 0))) as failed,
		       sum(case when i.opened_at is not null then 1 else 0 end) as opened,
		       sum(case when i.started_at is not null then 1 else 0 end) as started,
		       sum(case when i.completed_at is not null then 1 else 0 end) as completed,
		       ${sql.raw(rate.delivered)} as delivered,
		       ${sql.raw(rate.completed)} as responded
		from invitation i
		left join first_msg f on f.invitation_id = i.id and f.rn = 1
		where i.program_id = ${programId}
		group by 1
		order by invited desc
	`);
	return rows.map((r) => ({
		...r,
		responseRate: rateOf({ completed: r.responded, delivered: r.delivered })
	}));
}

export type ManualItem = {
	messageId: number;
	invitationId: number;
	beneficiaryId: number;
	name: string;
	mobileMasked: string;
	kind: string;
	programId: number | null;
	createdAt: Date;
};

/** Messages waiting for a person: WhatsApp (click to send) or print (QR sheet). */
export function pendingManual(
	channel: 'whatsapp' | 'print',
	programId?: number,
	limit = 200
): ManualItem[] {
	const db = getDb();
	const rows = db
		.select({
			messageId: outboxMessage.id,
			invitationId: invitation.id,
			beneficiaryId: invitation.beneficiaryId,
			kind: outboxMessage.kind,
			programId: invitation.programId,
			createdAt: outboxMessage.createdAt
		})
		.from(outboxMessage)
		.innerJoin(invitation, eq(invitation.id, outboxMessage.invitationId))
		.where(
			and(
				eq(outboxMessage.channel, channel),
				eq(outboxMessage.state, 'queued'),
				sql`${invitation.completedAt} is null`,
				programId ? eq(invitation.programId, programId) : undefined,
				isNotNull(invitation.beneficiaryId)
			)
		)
		.orderBy(asc(outboxMessage.id))
		.limit(limit)
		.all();
	const people = new Map(
		beneficiaries.getMany(rows.map((r) => r.beneficiaryId!)).map((b) => [b.id, b])
	);
	return rows.map((r) => {
		const b = people.get(r.beneficiaryId!);
		return {
			...r,
			beneficiaryId: r.beneficiaryId!,
			name: b?.name ?? '',
			mobileMasked: beneficiaries.maskMobile(b?.mobile ?? null)
		};
	});
}

/** The wa.me URL for a WhatsApp message (fresh link inside), and marks it sent. */
export function openWhatsApp(messageId: number): string | null {
	const m = getDb()
		.select()
		.from(outboxMessage)
		.where(and(eq(outboxMessage.id, messageId), eq(outboxMessage.channel, 'whatsapp')))
		.get();
	if (!m || m.state !== 'queued') return null;
	const r = render(messageId);
	if ('skip' in r) {
		getDb()
			.update(outboxMessage)
			.set({ state: 'cancelled', lastError: r.skip })
			.where(eq(outboxMessage.id, messageId))
			.run();
		return null;
	}
	markManualSent(messageId);
	return `https://wa.me/${r.to.replace(/\D/g, '')}?text=${encodeURIComponent(r.text)}`;
}

export type SheetItem = { name: string; code: string; qrSvg: string; link: string };

/** A printable sheet: one QR code per pending printed invitation of a program (marks them sent). */
export async function printSheet(programId: number): Promise<SheetItem[]> {
	const items = pendingManual('print', programId, 500);
	const out: SheetItem[] = [];
	for (const it of items) {
		const r = render(it.messageId);
		if ('skip' in r) continue;
		const code = r.link.slice(-6).toUpperCase();
		out.push({
			name: it.name,
			code,
			link: r.link,
			qrSvg: await QRCode.toString(r.link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
		});
		markManualSent(it.messageId);
	}
	return out;
}

/** Queues print messages for a program's invitations that have none yet (for a hand-out session). */
export function queuePrintForProgram(programId: number): number {
	const db = getDb();
	const ids = db
		.select({ id: invitation.id })
		.from(invitation)
		.where(
			and(
				eq(invitation.programId, programId),
				sql`${invitation.completedAt} is null`,
				sql`${invitation.expiresAt} > ${Date.now()}`,
				isNotNull(invitation.beneficiaryId)
			)
		)
		.all()
		.map((r) => r.id);
	let n = 0;
	for (const id of ids) if (enqueue(id, 'reminder', { channel: 'print', number: 90 })) n++;
	return n;
}

export type OutboxSummary = { state: string; channel: string; n: number };

export function summary(): OutboxSummary[] {
	return getDb()
		.select({
			state: outboxMessage.state,
			channel: outboxMessage.channel,
			n: sql<number>`count(*)`
		})
		.from(outboxMessage)
		.groupBy(outboxMessage.state, outboxMessage.channel)
		.all();
}

export function recentFailures(limit = 50) {
	return getDb()
		.select({
			id: outboxMessage.id,
			channel: outboxMessage.channel,
			kind: outboxMessage.kind,
			attempts: outboxMessage.attempts,
			lastError: outboxMessage.lastError,
			programId: invitation.programId,
			createdAt: outboxMessage.createdAt
		})
		.from(outboxMessage)
		.innerJoin(invitation, eq(invitation.id, outboxMessage.invitationId))
		.where(inArray(outboxMessage.state, ['failed', 'given_up']))
		.orderBy(desc(outboxMessage.id))
		.limit(limit)
		.all();
}

/** Puts a given-up message back in the queue (e.g. after fixing the SMS gateway settings). */
export function retry(messageId: number): boolean {
	return (
		getDb()
			.update(outboxMessage)
			.set({ state: 'queued', attempts: 0, notBefore: new Date(), lastError: null })
			.where(
				and(eq(outboxMessage.id, messageId), inArray(outboxMessage.state, ['failed', 'given_up']))
			)
			.run().changes > 0
	);
}

export const CHANNELS: Channel[] = ['sms', 'email', 'whatsapp', 'print'];
