import { localName } from '$lib/i18n/locales';
/**
 * Requester notices: the acknowledgement (tracking code, due date, status link) on intake from
 * any channel, and the decision (accepted / rejected with the reason / referred naming the body
 * and how to reach it). Queued in request_notice and sent by the outbox worker with the same
 * adapters, idempotency keys, back-off and sending hours as invitations; WhatsApp and print wait
 * for staff. These are service messages about the person's own request, so they go whatever
 * the survey opt-out says, but never to an erased beneficiary. The text is rendered at send
 * time from the editable templates; every queued notice is a timeline event ('notice').
 * Never log personal data: ids only.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { gregorian } from '../../dates';
import * as beneficiaries from '../beneficiaries';
import { getDb } from '../db';
import { channel as channelTable, request, requestEvent, requestNotice } from '../db/schema';
import { log } from '../log';
import { publicOrigin } from '../mode';
import { redact } from '../redact';
import * as settings from '../settings';
import { emailConfigured, sendEmail } from './email';
import { nextSendingTime } from './hours';
import { sendSms, smsConfig, type SendResult } from './sms';
import { fillNotice, getTemplate, type NoticeKey } from './templates';

export type NoticeChannel = 'email' | 'sms' | 'whatsapp' | 'print';
const MAX_ATTEMPTS = 5;
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

/** A letter gets a letter; otherwise SMS, then email, WhatsApp, print (what we and they have). */
export function noticeChannel(
	b: { preferredChannel: string; mobile: string | null; email: string | null },
	intakeChannelKey: string
): NoticeChannel {
	if (intakeChannelKey === 'letter') return 'print';
	const can: Record<NoticeChannel, boolean> = {
		email: !!b.email && emailConfigured(),
		sms: !!b.mobile && !!smsConfig(),
		whatsapp: !!b.mobile,
		print: true
	};
	const order: NoticeChannel[] = [
		b.preferredChannel as NoticeChannel,
		'sms',
		'email',
		'whatsapp',
		'print'
	];
	return order.find((c) => can[c]) ?? 'print';
}

/**
 * Queues a notice for a request (idempotent per request, kind and `seq`) and writes the
 * timeline event. Returns the notice id, or null when the request has no one to tell.
 */
export function queueNotice(
	requestId: number,
	kind: 'ack' | 'decision',
	opts: { seq?: number; now?: Date } = {}
): number | null {
	const db = getDb();
	const now = opts.now ?? new Date();
	const r = db
		.select({ beneficiaryId: request.beneficiaryId, channelKey: channelTable.key })
		.from(request)
		.innerJoin(channelTable, eq(channelTable.id, request.channelId))
		.where(eq(request.id, requestId))
		.get();
	if (!r?.beneficiaryId) return null;
	const b = beneficiaries.get(r.beneficiaryId);
	if (!b || b.erasedAt) return null;
	const ch = noticeChannel(b, r.channelKey);
	return db.transaction((tx) => {
		const row = tx
			.insert(requestNotice)
			.values({
				requestId,
				kind,
				channel: ch,
				idempotencyKey: `req-${requestId}-${kind}-${opts.seq ?? 0}`,
				notBefore: ch === 'email' || ch === 'sms' ? nextSendingTime(now) : now
			})
			.onConflictDoNothing()
			.returning({ id: requestNotice.id })
			.get();
		if (!row) return null;
		const last = tx
			.select({ at: requestEvent.at })
			.from(requestEvent)
			.where(eq(requestEvent.requestId, requestId))
			.orderBy(sql`${requestEvent.at} desc`)
			.get();
		tx.insert(requestEvent)
			.values({
				requestId,
				type: 'notice',
				// at the step it tells about (the receipt, the decision): the timeline stays in order
				at: last?.at ?? now,
				userId: null,
				data: JSON.stringify({ notice: kind, channel: ch })
			})
			.run();
		return row.id;
	});
}

/**
 * Records a notice given in the past (the demo's history): queued as any other, then settled
 * as sent at `at` in the same transaction, so the worker never picks it up and no message goes.
 */
export function recordSentNotice(
	requestId: number,
	kind: 'ack' | 'decision',
	at: Date,
	opts: { seq?: number } = {}
): number | null {
	const db = getDb();
	return db.transaction(() => {
		const id = queueNotice(requestId, kind, { ...opts, now: at });
		if (id != null)
			db.update(requestNotice)
				.set({ state: 'sent', sentAt: at, notBefore: at })
				.where(eq(requestNotice.id, id))
				.run();
		return id;
	});
}

export type RenderedNotice = { to: string; subject: string; text: string; key: NoticeKey };

/** The notice's text in the requester's language (decision texts from the last decision). */
export function renderNotice(noticeId: number): RenderedNotice | { skip: string } {
	const db = getDb();
	const n = db.select().from(requestNotice).where(eq(requestNotice.id, noticeId)).get();
	if (!n) return { skip: 'missing' };
	const r = db.select().from(request).where(eq(request.id, n.requestId)).get();
	if (!r?.beneficiaryId) return { skip: 'no beneficiary' };
	const b = beneficiaries.get(r.beneficiaryId);
	if (!b || b.erasedAt) return { skip: 'erased' };
	const s = settings.get();
	const locale = b.locale;
	let key: NoticeKey = 'requestAck';
	let reason = '';
	let body = '';
	let contact = '';
	if (n.kind === 'decision') {
		const ev = db
			.select({ data: requestEvent.data })
			.from(requestEvent)
			.where(
				and(eq(requestEvent.requestId, r.id), inArray(requestEvent.type, ['decision', 'answered']))
			)
			.orderBy(sql`${requestEvent.at} desc`, sql`${requestEvent.id} desc`)
			.get();
		// The redacted copies: a notice never carries a third person's name typed by staff.
		const d = ev?.data
			? (JSON.parse(ev.data) as {
					outcome?: string;
					reason?: string;
					association?: string;
					contact?: string;
				})
			: {};
		key =
			d.outcome === 'rejected'
				? 'requestRejected'
				: d.outcome === 'referred'
					? 'requestReferred'
					: 'requestAccepted';
		reason = d.reason ?? '';
		body = d.association ?? '';
		contact = d.contact ?? '';
	}
	const vars = {
		name: b.name,
		code: r.code,
		due: gregorian(r.dueAt, locale, s.timeZone),
		link: `${publicOrigin()}/r/${r.code}`,
		association: localName(s, locale),
		reason,
		body,
		contact
	};
	const part = n.channel === 'sms' ? 'sms' : n.channel === 'whatsapp' ? 'whatsapp' : 'emailBody';
	return {
		key,
		to: n.channel === 'email' ? (b.email ?? '') : (b.mobile ?? ''),
		subject: fillNotice(getTemplate(key, 'emailSubject', locale), vars),
		text: fillNotice(getTemplate(key, part, locale), vars)
	};
}

function settle(id: number, result: SendResult, attempts: number, now: Date) {
	const db = getDb();
	if (result.ok) {
		db.update(requestNotice)
			.set({ state: 'sent', sentAt: now, lastError: null })
			.where(eq(requestNotice.id, id))
			.run();
		return;
	}
	const lastError = redact(result.error);
	if (!result.retry || attempts >= MAX_ATTEMPTS) {
		db.update(requestNotice)
			.set({ state: 'given_up', lastError })
			.where(eq(requestNotice.id, id))
			.run();
		return;
	}
	const wait = result.retryAfterMs ?? BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)];
	db.update(requestNotice)
		.set({
			state: 'queued',
			lastError,
			claimedAt: null,
			notBefore: nextSendingTime(new Date(now.getTime() + wait))
		})
		.where(eq(requestNotice.id, id))
		.run();
}

/** Claims due SMS/email notices and sends them; returns how many were processed. */
export async function processNotices(limit = 25, now = new Date()): Promise<number> {
	const db = getDb();
	const rows = db.transaction((tx) => {
		const ids = tx
			.select({ id: requestNotice.id })
			.from(requestNotice)
			.where(
				and(
					eq(requestNotice.state, 'queued'),
					lte(requestNotice.notBefore, now),
					inArray(requestNotice.channel, ['email', 'sms'])
				)
			)
			.orderBy(asc(requestNotice.notBefore), asc(requestNotice.id))
			.limit(limit)
			.all()
			.map((r) => r.id);
		if (!ids.length) return [];
		return tx
			.update(requestNotice)
			.set({ state: 'sending', claimedAt: now, attempts: sql`${requestNotice.attempts} + 1` })
			.where(inArray(requestNotice.id, ids))
			.returning()
			.all();
	});
	for (const n of rows) {
		try {
			const r = renderNotice(n.id);
			if ('skip' in r) {
				db.update(requestNotice)
					.set({ state: 'cancelled', lastError: r.skip })
					.where(eq(requestNotice.id, n.id))
					.run();
				continue;
			}
			let result: SendResult;
			if (n.channel === 'email')
				result = emailConfigured()
					? await sendEmail({
							to: r.to,
							subject: r.subject,
							text: r.text,
							idempotencyKey: n.idempotencyKey
						})
					: { ok: false, retry: false, error: 'SMTP_URL is not configured' };
			else {
				const cfg = smsConfig();
				result = cfg
					? await sendSms(cfg, { to: r.to, text: r.text, idempotencyKey: n.idempotencyKey })
					: { ok: false, retry: false, error: 'SMS gateway is not configured' };
			}
			settle(n.id, result, n.attempts, now);
		} catch (e) {
			log('warn', 'request notice failed', { notice: n.id });
			settle(
				n.id,
				{ ok: false, retry: true, error: e instanceof Error ? e.message : String(e) },
				n.attempts,
				now
			);
		}
	}
	return rows.length;
}

/** Notices of one request, newest first (state and channel, for the request page). */
export function noticesOf(requestId: number) {
	return getDb()
		.select({
			id: requestNotice.id,
			kind: requestNotice.kind,
			channel: requestNotice.channel,
			state: requestNotice.state,
			sentAt: requestNotice.sentAt,
			createdAt: requestNotice.createdAt
		})
		.from(requestNotice)
		.where(eq(requestNotice.requestId, requestId))
		.orderBy(sql`${requestNotice.id} desc`)
		.all();
}

/** Marks a WhatsApp/print notice as sent by staff (the message was opened or printed). */
export function markNoticeSent(noticeId: number, now = new Date()): boolean {
	return (
		getDb()
			.update(requestNotice)
			.set({ state: 'sent', sentAt: now })
			.where(
				and(
					eq(requestNotice.id, noticeId),
					inArray(requestNotice.channel, ['whatsapp', 'print']),
					eq(requestNotice.state, 'queued')
				)
			)
			.run().changes > 0
	);
}
