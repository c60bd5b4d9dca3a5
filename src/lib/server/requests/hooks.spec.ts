import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import * as beneficiaries from '../beneficiaries';
import { invitation, outboxMessage, request } from '../db/schema';
import { syncDefinitions } from '../surveys/versions';
import * as requests from './index';
import { onRequestClosed } from './hooks';

const ctx = useTestDb();

describe('service survey when a request closes', () => {
	it('invites a consenting beneficiary once, with the service-request survey, through the outbox', () => {
		syncDefinitions();
		requests.ensureChannels();
		const bid = beneficiaries.create(
			{ id: null },
			{ name: 'هند', mobile: '0561234567', consentContact: true, preferredChannel: 'whatsapp' }
		);
		const ch = ctx.db.$client.prepare('select id from channel limit 1').get() as { id: number };
		const id = ctx.db
			.insert(request)
			.values({
				code: 'R-TEST-1',
				channelId: ch.id,
				kind: 'support',
				beneficiaryId: bid,
				subject: 's',
				receivedAt: new Date(),
				receivedLocalDate: '2026-11-25',
				dueAt: new Date()
			})
			.returning({ id: request.id })
			.get().id;
		onRequestClosed(id);
		onRequestClosed(id);
		const invs = ctx.db.select().from(invitation).where(eq(invitation.requestId, id)).all();
		expect(invs).toHaveLength(1);
		expect(invs[0].kind).toBe('request');
		expect(
			ctx.db.select().from(outboxMessage).where(eq(outboxMessage.invitationId, invs[0].id)).all()
		).toHaveLength(1);

		const other = beneficiaries.create(
			{ id: null },
			{ name: 'x', mobile: '0561234568', consentContact: false }
		);
		const id2 = ctx.db
			.insert(request)
			.values({
				code: 'R-TEST-2',
				channelId: ch.id,
				kind: 'support',
				beneficiaryId: other,
				subject: 's',
				receivedAt: new Date(),
				receivedLocalDate: '2026-11-25',
				dueAt: new Date()
			})
			.returning({ id: request.id })
			.get().id;
		onRequestClosed(id2);
		expect(
			ctx.db.select().from(invitation).where(eq(invitation.requestId, id2)).all()
		).toHaveLength(0);
	});
});
