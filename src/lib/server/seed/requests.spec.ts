import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import { seedCore } from './core';
import { seedRequests } from './requests';

describe('demo requests seed', () => {
	const ctx = useTestDb();
	it('seeds consistent timelines, mostly within the deadline, letters slower', async () => {
		await seedCore();
		const now = new Date('2026-11-25T09:00:00Z');
		const res = await seedRequests(now);
		const c = ctx.db.$client;
		const n = (c.prepare('select count(*) n from request').get() as { n: number }).n;
		expect(n).toBeGreaterThan(2000);
		expect(res.events).toBe(
			(c.prepare('select count(*) n from request_event').get() as { n: number }).n
		);
		// Cached status agrees with the last step of each timeline; decisions never before receipt.
		const bad = c
			.prepare(
				`select count(*) n from request r where decided_at < received_at or exists (select 1 from request_event e where e.request_id = r.id and e.at < r.received_at)`
			)
			.get() as { n: number };
		expect(bad.n).toBe(0);
		const decided = c
			.prepare(
				`select count(*) n, sum(decided_at <= due_at) met from request where decided_at is not null`
			)
			.get() as { n: number; met: number };
		const share = decided.met / decided.n;
		expect(share).toBeGreaterThan(0.75);
		expect(share).toBeLessThan(0.97);
		const avg = (key: string) =>
			(
				c
					.prepare(
						`select avg(decided_at - received_at) a from request r join channel c on c.id = r.channel_id where c.key = ? and decided_at is not null`
					)
					.get(key) as { a: number }
			).a;
		expect(avg('letter')).toBeGreaterThan(avg('phone'));
		// The promises panel has something to show: types, referral bodies, complaint sectors.
		const promised = c
			.prepare(
				`select sum(type_id is null) untyped,
					sum(decision = 'referred') referred, sum(decision = 'referred' and referred_to is not null) named,
					sum(kind = 'complaint') complaints, sum(kind = 'complaint' and sector is not null) sectored,
					sum(authority is not null) authority
				from request`
			)
			.get() as Record<string, number>;
		expect(promised.untyped).toBe(0);
		expect(promised.referred).toBeGreaterThan(10);
		expect(promised.named).toBe(promised.referred);
		expect(promised.sectored).toBe(promised.complaints);
		expect(promised.authority).toBeGreaterThan(0);
		// Two referrals in three have their notice recorded as sent (never queued for the worker).
		const notices = c
			.prepare(
				`select count(*) n, sum(state = 'sent' and sent_at is not null) sent,
					(select count(*) from request_event where type = 'notice') events
				from request_notice`
			)
			.get() as { n: number; sent: number; events: number };
		expect(notices.n).toBeGreaterThan(promised.referred / 2);
		expect(notices.n).toBeLessThan(promised.referred);
		expect(notices.sent).toBe(notices.n);
		expect(notices.events).toBe(notices.n);
	}, 60_000);
});
