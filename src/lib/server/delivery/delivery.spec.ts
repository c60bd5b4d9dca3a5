import { resetConfig } from '../config';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import { invitation, outboxMessage } from '../db/schema';
import { isSendingHour, nextSendingTime } from './hours';
import { enqueue, processBatch, render, optOut } from './outbox';
import { scheduleReminders } from './reminders';
import { sendSms } from './sms';
import { makeInvitations } from './testdata';
import * as beneficiaries from '../beneficiaries';
import * as settings from '../settings';

const ctx = useTestDb();

type Hit = { headers: IncomingMessage['headers']; body: Record<string, string> };
let server: Server;
let url = '';
const hits: Hit[] = [];
let script: number[] = []; // status codes to answer, in order (then 200)

beforeAll(async () => {
	server = createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			hits.push({ headers: req.headers, body: JSON.parse(raw) });
			const status = script.shift() ?? 200;
			res.writeHead(status, {
				'content-type': 'application/json',
				...(status === 429 ? { 'retry-after': '7' } : {})
			});
			res.end(
				status === 200
					? JSON.stringify({ id: 'gw-' + hits.length })
					: JSON.stringify({ error: status === 400 ? 'invalid number' : 'busy' })
			);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
	process.env.SMS_GATEWAY_URL = url;
	process.env.SMS_API_KEY = 'test-key';
	process.env.SMS_SENDER = 'Albirr';
	resetConfig();
});
afterAll(() => server.close());

const atRiyadh = (iso: string) => new Date(iso + '+03:00');

describe('sending hours (Riyadh)', () => {
	it('sends 09:00–21:00 and moves night times to the next 09:00', () => {
		expect(isSendingHour(atRiyadh('2026-11-25T08:59:00'))).toBe(false);
		expect(isSendingHour(atRiyadh('2026-11-25T09:00:00'))).toBe(true);
		expect(isSendingHour(atRiyadh('2026-11-25T20:59:00'))).toBe(true);
		expect(isSendingHour(atRiyadh('2026-11-25T21:00:00'))).toBe(false);
		expect(nextSendingTime(atRiyadh('2026-11-25T23:30:00')).toISOString()).toBe(
			atRiyadh('2026-11-26T09:00:00').toISOString()
		);
		expect(nextSendingTime(atRiyadh('2026-11-26T03:00:00')).toISOString()).toBe(
			atRiyadh('2026-11-26T09:00:00').toISOString()
		);
		expect(nextSendingTime(atRiyadh('2026-11-26T10:00:00')).toISOString()).toBe(
			atRiyadh('2026-11-26T10:00:00').toISOString()
		);
	});
	it("follows the association's timeZone setting, DST included", () => {
		settings.ensure();
		const setZone = (tz: string) =>
			ctx.db.$client.prepare('update settings set time_zone = ?').run(tz);
		setZone('Europe/London');
		try {
			// 08:30 in London is 11:30 in Riyadh: still too early on the association's clock.
			expect(isSendingHour(new Date('2026-11-25T08:30:00Z'))).toBe(false);
			expect(isSendingHour(new Date('2026-11-25T09:00:00Z'))).toBe(true);
			expect(isSendingHour(new Date('2026-11-25T20:30:00Z'))).toBe(true);
			expect(nextSendingTime(new Date('2026-11-25T21:30:00Z')).toISOString()).toBe(
				'2026-11-26T09:00:00.000Z'
			);
			// Summer time: 09:00 BST is 08:00 UTC.
			expect(nextSendingTime(new Date('2026-07-01T02:00:00Z')).toISOString()).toBe(
				'2026-07-01T08:00:00.000Z'
			);
		} finally {
			setZone('Asia/Riyadh');
		}
	});
});

describe('SMS adapter', () => {
	it('posts the documented JSON with the idempotency key', async () => {
		hits.length = 0;
		const r = await sendSms(
			{ url, apiKey: 'k1', sender: 'Albirr' },
			{ to: '+966551234567', text: 'مرحبا', idempotencyKey: 'inv-1-invitation-0' }
		);
		expect(r).toEqual({ ok: true, providerId: 'gw-1' });
		expect(hits[0].headers['authorization']).toBe('Bearer k1');
		expect(hits[0].headers['content-type']).toBe('application/json');
		expect(hits[0].headers['idempotency-key']).toBe('inv-1-invitation-0');
		expect(hits[0].body).toEqual({
			to: '+966551234567',
			from: 'Albirr',
			text: 'مرحبا',
			reference: 'inv-1-invitation-0'
		});
	});

	it('a 500 is retried (then succeeds); a 4xx is given up with the reason shown', async () => {
		const { invitationIds } = makeInvitations(2, { channel: 'sms' });
		const now = atRiyadh('2026-11-25T10:00:00');
		const a = enqueue(invitationIds[0], 'invitation', { now })!;
		hits.length = 0;
		script = [500];
		await processBatch(1, now);
		let row = ctx.db.select().from(outboxMessage).where(eq(outboxMessage.id, a)).get()!;
		expect(row.state).toBe('queued');
		expect(row.attempts).toBe(1);
		expect(row.lastError).toContain('500');
		expect(row.notBefore.getTime()).toBeGreaterThan(now.getTime());
		await processBatch(1, new Date(row.notBefore.getTime() + 1));
		row = ctx.db.select().from(outboxMessage).where(eq(outboxMessage.id, a)).get()!;
		expect(row.state).toBe('sent');
		expect(row.attempts).toBe(2);
		expect(hits.map((h) => h.headers['idempotency-key'])).toEqual([
			row.idempotencyKey,
			row.idempotencyKey
		]);
		expect(
			ctx.db.select().from(invitation).where(eq(invitation.id, invitationIds[0])).get()!.deliveredAt
		).not.toBeNull();
		// the message is in the beneficiary's language, with a survey link and an unsubscribe link
		expect(hits[1].body.text).toMatch(/\/s\/[a-z0-9]{32}/);
		expect(hits[1].body.text).toMatch(/\/u\/[a-z0-9]{32}/);
		expect(hits[1].body.text).toContain('برنامج تجريبي');

		const b = enqueue(invitationIds[1], 'invitation', { now })!;
		script = [400];
		await processBatch(1, now);
		row = ctx.db.select().from(outboxMessage).where(eq(outboxMessage.id, b)).get()!;
		expect(row.state).toBe('given_up');
		expect(row.lastError).toContain('400');
		expect(row.lastError).toContain('invalid number');
	});

	it('a 429 waits as long as Retry-After says', async () => {
		const { invitationIds } = makeInvitations(1, { channel: 'sms' });
		const now = atRiyadh('2026-11-25T11:00:00');
		const id = enqueue(invitationIds[0], 'invitation', { now })!;
		script = [429];
		await processBatch(1, now);
		const row = ctx.db.select().from(outboxMessage).where(eq(outboxMessage.id, id)).get()!;
		expect(row.state).toBe('queued');
		expect(row.notBefore.getTime() - now.getTime()).toBe(7000);
	});

	it('enqueueing twice makes one message', () => {
		const { invitationIds } = makeInvitations(1, { channel: 'sms' });
		expect(enqueue(invitationIds[0], 'invitation')).not.toBeNull();
		expect(enqueue(invitationIds[0], 'invitation')).toBeNull();
	});
});

describe('reminders', () => {
	it('only to those who have not completed, not opted out, not expired; never at night', async () => {
		ctx.db.delete(outboxMessage).run();
		const {
			invitationIds: [done, optedOut, expiring, pending]
		} = makeInvitations(4, { channel: 'sms' });
		ctx.db
			.update(invitation)
			.set({ expiresAt: atRiyadh('2026-11-29T12:00:00') })
			.where(eq(invitation.id, expiring))
			.run();
		const sent = atRiyadh('2026-11-20T10:00:00');
		for (const id of [done, optedOut, expiring, pending]) enqueue(id, 'invitation', { now: sent });
		ctx.db.update(outboxMessage).set({ state: 'sent', sentAt: sent }).run();
		ctx.db.update(invitation).set({ completedAt: new Date() }).where(eq(invitation.id, done)).run();
		const ob = ctx.db.select().from(invitation).where(eq(invitation.id, optedOut)).get()!;
		beneficiaries.setOptOut(ob.beneficiaryId!, true);

		// Three days later at 23:00 Riyadh: scheduled for 09:00 the next morning, only `pending`
		// (`expiring` expires at noon on the 29th — after 09:00 on the 24th? no: this is the 23rd+)
		const night = atRiyadh('2026-11-23T23:00:00');
		expect(scheduleReminders(night)).toBe(2); // pending + expiring (expires 29th, reminder at 24th 09:00)
		const reminders = ctx.db
			.select()
			.from(outboxMessage)
			.where(eq(outboxMessage.kind, 'reminder'))
			.all();
		expect(reminders.map((r) => r.invitationId).sort()).toEqual([expiring, pending].sort());
		for (const r of reminders)
			expect(r.notBefore.toISOString()).toBe(atRiyadh('2026-11-24T09:00:00').toISOString());
		// nothing more while those are queued
		expect(scheduleReminders(night)).toBe(0);

		// after the link expired, no second reminder for `expiring`; `pending` gets its 2nd, then no 3rd
		ctx.db
			.update(outboxMessage)
			.set({ state: 'sent', sentAt: atRiyadh('2026-11-24T09:00:00') })
			.run();
		expect(scheduleReminders(atRiyadh('2026-11-30T10:00:00'))).toBe(1);
		ctx.db
			.update(outboxMessage)
			.set({ state: 'sent', sentAt: atRiyadh('2026-11-30T10:00:00') })
			.run();
		expect(scheduleReminders(atRiyadh('2026-12-05T10:00:00'))).toBe(0);
		// a completed one never got any
		expect(
			ctx.db.select().from(outboxMessage).where(eq(outboxMessage.invitationId, done)).all()
		).toHaveLength(1);
	});

	it('an unsubscribe link opts the beneficiary out and cancels queued messages', () => {
		const { invitationIds } = makeInvitations(1, { channel: 'sms' });
		const first = enqueue(invitationIds[0], 'invitation')!;
		const r = render(first);
		if ('skip' in r) throw new Error(r.skip);
		const token = /\/u\/([a-z0-9]+)/.exec(r.text)![1];
		const reminder = enqueue(invitationIds[0], 'reminder', { number: 1 })!;
		expect(optOut('not-a-token')).toBe(false);
		expect(optOut(token)).toBe(true);
		const inv = ctx.db.select().from(invitation).where(eq(invitation.id, invitationIds[0])).get()!;
		expect(beneficiaries.get(inv.beneficiaryId!)!.optedOutAt).not.toBeNull();
		for (const id of [first, reminder]) {
			expect(ctx.db.select().from(outboxMessage).where(eq(outboxMessage.id, id)).get()!.state).toBe(
				'cancelled'
			);
		}
		expect(enqueue(invitationIds[0], 'reminder', { number: 2 })).toBeNull();
	});
});
