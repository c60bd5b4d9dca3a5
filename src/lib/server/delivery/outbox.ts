import { localName, type Locale } from '$lib/i18n/locales';
/**
 * The outbox worker. Rows are claimed in a transaction (state 'sending') before any network
 * call and marked 'sent' right after each send, so a crash can leave at most the messages in
 * flight ambiguous; those are retried with the same idempotency key (SMS gateways drop the
 * duplicate; email carries a stable Message-ID).
 */
import { and, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { generateToken, hashToken } from '../auth';
import * as beneficiaries from '../beneficiaries';
import { getDb } from '../db';
import {
	campaign,
	invitation,
	invitationLink,
	optOutToken,
	outboxMessage,
	program
} from '../db/schema';
import { log } from '../log';
import { publicOrigin } from '../mode';
import * as settings from '../settings';
import { config } from '../config';
import { redact } from '../redact';
import { emailConfigured, sendEmail } from './email';
import { nextSendingTime } from './hours';
import { processNotices } from './notices';
import { sendSms, smsConfig, type SendResult } from './sms';
import { emailHtml, fill, getTemplate, type TemplateKey } from './templates';

export type Channel = 'email' | 'sms' | 'whatsapp' | 'print';
export const MAX_ATTEMPTS = 5;
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

/** Which channel reaches this beneficiary: their preference, then what they and we have. */
export function chooseChannel(b: {
	preferredChannel: string;
	mobile: string | null;
	email: string | null;
}): Channel {
	const can: Record<Channel, boolean> = {
		email: !!b.email && emailConfigured(),
		sms: !!b.mobile && !!smsConfig(),
		whatsapp: !!b.mobile,
		print: true
	};
	const order: Channel[] = [b.preferredChannel as Channel, 'sms', 'email', 'whatsapp', 'print'];
	return order.find((c) => can[c]) ?? 'print';
}

/** Queues the invitation message (idempotent per invitation and kind/number). */
export function enqueue(
	invitationId: number,
	kind: 'invitation' | 'reminder',
	opts: { channel?: Channel; number?: number; now?: Date } = {}
): number | null {
	const db = getDb();
	const inv = db
		.select({ beneficiaryId: invitation.beneficiaryId })
		.from(invitation)
		.where(eq(invitation.id, invitationId))
		.get();
	if (!inv?.beneficiaryId) return null;
	const b = beneficiaries.get(inv.beneficiaryId);
	if (!b || b.erasedAt || b.optedOutAt) return null;
	const channel = opts.channel ?? chooseChannel(b);
	const key = `inv-${invitationId}-${kind}-${opts.number ?? 0}`;
	const now = opts.now ?? new Date();
	const row = db
		.insert(outboxMessage)
		.values({
			invitationId,
			kind,
			channel,
			idempotencyKey: key,
			notBefore: channel === 'email' || channel === 'sms' ? nextSendingTime(now) : now
		})
		.onConflictDoNothing()
		.returning({ id: outboxMessage.id })
		.get();
	return row?.id ?? null;
}

/** After a restart, 'sending' rows belong to a dead process: queue them again (same key). */
export function recoverInterrupted(olderThanMs = 0, now = new Date()): number {
	return getDb()
		.update(outboxMessage)
		.set({ state: 'queued', claimedAt: null })
		.where(
			and(
				eq(outboxMessage.state, 'sending'),
				lt(outboxMessage.claimedAt, new Date(now.getTime() - olderThanMs))
			)
		)
		.run().changes;
}

/** Claims up to `limit` due email/SMS rows in one transaction. */
export function claim(limit: number, now = new Date()) {
	const db = getDb();
	return db.transaction((tx) => {
		const ids = tx
			.select({ id: outboxMessage.id })
			.from(outboxMessage)
			.where(
				and(
					eq(outboxMessage.state, 'queued'),
					lte(outboxMessage.notBefore, now),
					inArray(outboxMessage.channel, ['email', 'sms'])
				)
			)
			.orderBy(outboxMessage.notBefore, outboxMessage.id)
			.limit(limit)
			.all()
			.map((r) => r.id);
		if (!ids.length) return [];
		return tx
			.update(outboxMessage)
			.set({ state: 'sending', claimedAt: now, attempts: sql`${outboxMessage.attempts} + 1` })
			.where(inArray(outboxMessage.id, ids))
			.returning()
			.all();
	});
}

export type Rendered = {
	to: string;
	subject: string;
	text: string;
	html: string;
	locale: Locale;
	link: string;
};

/** A fresh link token for this message, and its unsubscribe link, rendered in the beneficiary's language. */
export function render(
	messageId: number,
	opts: { createLink?: boolean } = {}
): Rendered | { skip: string } {
	const db = getDb();
	const m = db.select().from(outboxMessage).where(eq(outboxMessage.id, messageId)).get();
	if (!m) return { skip: 'missing' };
	const inv = db.select().from(invitation).where(eq(invitation.id, m.invitationId)).get();
	if (!inv || !inv.beneficiaryId) return { skip: 'no beneficiary' };
	if (inv.completedAt) return { skip: 'completed' };
	if (inv.expiresAt.getTime() <= Date.now()) return { skip: 'expired' };
	const b = beneficiaries.get(inv.beneficiaryId);
	if (!b || b.erasedAt) return { skip: 'erased' };
	if (b.optedOutAt) return { skip: 'opted out' };
	const locale = b.locale;
	const p = inv.programId
		? db
				.select({ nameAr: program.nameAr, nameEn: program.nameEn })
				.from(program)
				.where(eq(program.id, inv.programId))
				.get()
		: inv.campaignId
			? // A campaign's message names the campaign where a program's names the program.
				db
					.select({ nameAr: campaign.nameAr, nameEn: campaign.nameEn })
					.from(campaign)
					.where(eq(campaign.id, inv.campaignId))
					.get()
			: undefined;
	const s = settings.get();
	const origin = publicOrigin();
	let link = `${origin}/s/…`;
	let unsubscribe = `${origin}/u/…`;
	if (opts.createLink !== false) {
		const token = generateToken(20);
		const stop = generateToken(20);
		db.transaction((tx) => {
			tx.insert(invitationLink)
				.values({
					invitationId: inv.id,
					messageId: m.id,
					channel: m.channel,
					tokenHash: hashToken(token)
				})
				.run();
			tx.insert(optOutToken)
				.values({ tokenHash: hashToken(stop), beneficiaryId: b.id })
				.run();
		});
		link = `${origin}/s/${token}`;
		unsubscribe = `${origin}/u/${stop}`;
	}
	const vars = {
		name: b.name,
		program: p ? localName(p, locale) : '',
		link,
		association: localName(s, locale),
		unsubscribe
	};
	const key = m.kind as TemplateKey;
	const to = m.channel === 'email' ? (b.email ?? '') : (b.mobile ?? '');
	if (m.channel === 'email') {
		const body = getTemplate(key, 'emailBody', locale);
		return {
			to,
			locale,
			link,
			subject: fill(getTemplate(key, 'emailSubject', locale), vars),
			text:
				fill(body, vars) +
				`\n\n${locale === 'ar' ? 'لإيقاف الرسائل' : 'Unsubscribe'}: ${unsubscribe}`,
			html: emailHtml(body, vars, locale)
		};
	}
	const text = fill(getTemplate(key, m.channel === 'sms' ? 'sms' : 'whatsapp', locale), vars);
	return { to, locale, link, subject: '', text, html: '' };
}

/** The name of the person a message goes to (to mask it in a gateway's error text). */
function recipientName(messageId: number): string | null {
	const row = getDb()
		.select({ beneficiaryId: invitation.beneficiaryId })
		.from(outboxMessage)
		.innerJoin(invitation, eq(invitation.id, outboxMessage.invitationId))
		.where(eq(outboxMessage.id, messageId))
		.get();
	return row?.beneficiaryId ? (beneficiaries.get(row.beneficiaryId)?.name ?? null) : null;
}

function settle(id: number, result: SendResult, attempts: number, now = new Date()) {
	const db = getDb();
	if (result.ok) {
		db.update(outboxMessage)
			.set({ state: 'sent', sentAt: now, providerId: result.providerId, lastError: null })
			.where(eq(outboxMessage.id, id))
			.run();
		const m = db
			.select({ invitationId: outboxMessage.invitationId })
			.from(outboxMessage)
			.where(eq(outboxMessage.id, id))
			.get();
		if (m)
			db.update(invitation)
				.set({ deliveredAt: sql`coalesce(${invitation.deliveredAt}, ${now.getTime()})` })
				.where(eq(invitation.id, m.invitationId))
				.run();
		return;
	}
	// Gateways echo numbers and addresses in their errors: only the redacted copy is kept.
	const lastError = redact(result.error, { names: [recipientName(id)] });
	if (!result.retry || attempts >= MAX_ATTEMPTS) {
		db.update(outboxMessage)
			.set({ state: 'given_up', lastError })
			.where(eq(outboxMessage.id, id))
			.run();
		return;
	}
	const wait = result.retryAfterMs ?? BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)];
	db.update(outboxMessage)
		.set({
			state: 'queued',
			lastError,
			claimedAt: null,
			notBefore: nextSendingTime(new Date(now.getTime() + wait))
		})
		.where(eq(outboxMessage.id, id))
		.run();
}

/** Sends one claimed row. */
async function sendOne(m: typeof outboxMessage.$inferSelect, now: Date): Promise<void> {
	const r = render(m.id);
	if ('skip' in r) {
		getDb()
			.update(outboxMessage)
			.set({ state: 'cancelled', lastError: r.skip })
			.where(eq(outboxMessage.id, m.id))
			.run();
		return;
	}
	let result: SendResult;
	if (m.channel === 'email') {
		result = emailConfigured()
			? await sendEmail({
					to: r.to,
					subject: r.subject,
					text: r.text,
					html: r.html,
					idempotencyKey: m.idempotencyKey,
					headers: { 'List-Unsubscribe': `<${r.link.replace('/s/', '/u/')}>` }
				})
			: { ok: false, retry: false, error: 'SMTP_URL is not configured' };
	} else {
		const cfg = smsConfig();
		result = cfg
			? await sendSms(cfg, { to: r.to, text: r.text, idempotencyKey: m.idempotencyKey })
			: { ok: false, retry: false, error: 'SMS gateway is not configured' };
	}
	settle(m.id, result, m.attempts, now);
}

/** One pass: claim a batch and send it. Returns how many rows were processed. */
export async function processBatch(limit = 25, now = new Date()): Promise<number> {
	const notices = await processNotices(limit, now);
	const rows = claim(limit, now);
	for (const m of rows) {
		try {
			await sendOne(m, now);
		} catch (e) {
			settle(
				m.id,
				{ ok: false, retry: true, error: e instanceof Error ? e.message : String(e) },
				m.attempts,
				now
			);
		}
	}
	return rows.length + notices;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let running = false;
let stopped = false;
let inFlight: Promise<unknown> = Promise.resolve();

/** The in-process worker: recover, then poll every few seconds (sooner when busy). */
export function startWorker(intervalMs = config().outbox.intervalMs) {
	const n = recoverInterrupted();
	if (n) log('warn', 'outbox: requeued interrupted messages', { count: n });
	stopped = false;
	const tick = async () => {
		if (running || stopped) return;
		running = true;
		let busy = 0;
		try {
			const batch = processBatch();
			inFlight = batch.catch(() => 0);
			busy = await batch;
		} catch (e) {
			log('error', 'outbox batch failed', { error: e instanceof Error ? e.message : String(e) });
		} finally {
			running = false;
			if (!stopped) timer = setTimeout(tick, busy ? 10 : intervalMs);
		}
	};
	timer = setTimeout(tick, 10);
}

/** Stops polling; resolves once the batch being sent (if any) has settled. */
export async function stopWorker() {
	stopped = true;
	if (timer) clearTimeout(timer);
	timer = undefined;
	// A message in flight is settled or, at worst, re-sent with the same idempotency key.
	await Promise.race([inFlight, new Promise((r) => setTimeout(r, 5000).unref())]);
}

/** Marks a manual message (WhatsApp clicked, sheet printed) as sent. */
export function markManualSent(messageId: number, now = new Date()) {
	settle(messageId, { ok: true, providerId: null }, 1, now);
}

/** Opt-out from an unsubscribe link; returns whether the token was valid. */
export function optOut(token: string): boolean {
	const db = getDb();
	const row = db
		.select()
		.from(optOutToken)
		.where(eq(optOutToken.tokenHash, hashToken(token)))
		.get();
	if (!row) return false;
	beneficiaries.setOptOut(row.beneficiaryId, true);
	db.update(outboxMessage)
		.set({ state: 'cancelled', lastError: 'opted out' })
		.where(
			and(
				eq(outboxMessage.state, 'queued'),
				inArray(
					outboxMessage.invitationId,
					db
						.select({ id: invitation.id })
						.from(invitation)
						.where(eq(invitation.beneficiaryId, row.beneficiaryId))
				)
			)
		)
		.run();
	return true;
}
