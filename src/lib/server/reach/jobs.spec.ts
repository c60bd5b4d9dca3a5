import { describe, expect, it } from 'vitest';
import { site, siteEvent, siteSalt } from '../db/schema';
import { registeredJobs } from '../scheduler';
import { useTestDb } from '../testing';
import './jobs';

const ctx = useTestDb();

describe('reach.purge job', () => {
	it('is registered hourly and deletes old salts and raw events older than REACH_RAW_DAYS', async () => {
		const job = registeredJobs().find((j) => j.name === 'reach.purge');
		expect(job?.pattern).toBe('7 * * * *');
		const s = ctx.db.insert(site).values({ key: 'k', name: 'n', origins: '[]' }).returning().get();
		const old = new Date(Date.now() - 40 * 86_400_000);
		ctx.db.insert(siteSalt).values({ day: '2020-01-01', salt: 'x', createdAt: old }).run();
		ctx.db
			.insert(siteEvent)
			.values([
				{ siteId: s.id, at: old, day: '2020-01-01', visitor: 'a', path: '/', source: 'direct' },
				{
					siteId: s.id,
					at: new Date(),
					day: '2099-01-01',
					visitor: 'b',
					path: '/',
					source: 'direct'
				}
			])
			.run();
		await job!.run();
		expect(ctx.db.select().from(siteSalt).all()).toHaveLength(0);
		expect(ctx.db.select({ visitor: siteEvent.visitor }).from(siteEvent).all()).toEqual([
			{ visitor: 'b' }
		]);
	});
});
