import { beforeEach, describe, expect, it } from 'vitest';
import { site, siteDay, siteDayPage, siteDaySource, socialImport, socialReach } from '../db/schema';
import { seedReach } from '../seed/reach';
import { useTestDb } from '../testing';
import { indirectReach, reachSeries, topPages, websiteSources } from '.';
import * as sites from './sites';
import { upsertFigures } from './social';

const ctx = useTestDb();

beforeEach(() => {
	for (const t of [siteDay, siteDaySource, siteDayPage, site, socialReach, socialImport])
		ctx.db.delete(t).run();
});

describe('indirectReach', () => {
	it('= website daily uniques summed + platform reach; impressions beside, never added', () => {
		const s = sites.create({ id: null }, { name: 'S', origins: ['https://a.example'] });
		ctx.db
			.insert(siteDay)
			.values([
				{ siteId: s.id, day: '2026-01-05', views: 30, visitors: 10 },
				{ siteId: s.id, day: '2026-01-06', views: 20, visitors: 7 },
				{ siteId: s.id, day: '2026-02-01', views: 5, visitors: 5 }
			])
			.run();
		upsertFigures([
			{
				platform: 'x',
				periodKind: 'month',
				periodStart: '2026-01-01',
				reach: 1000,
				impressions: 5000,
				followers: 10,
				engagements: 50,
				posts: 4
			},
			// Day rows of a month that has a month row are not counted again.
			{
				platform: 'x',
				periodKind: 'day',
				periodStart: '2026-01-10',
				reach: 400,
				impressions: 900,
				followers: 1,
				engagements: 5,
				posts: 1
			},
			{
				platform: 'tiktok',
				periodKind: 'day',
				periodStart: '2026-01-10',
				reach: 300,
				impressions: 800,
				followers: null,
				engagements: null,
				posts: null
			},
			{
				platform: 'tiktok',
				periodKind: 'day',
				periodStart: '2026-01-11',
				reach: 200,
				impressions: 700,
				followers: null,
				engagements: null,
				posts: null
			},
			// A quarter row hides the month rows of that quarter.
			{
				platform: 'youtube',
				periodKind: 'quarter',
				periodStart: '2026-01-01',
				reach: 50,
				impressions: 60,
				followers: 0,
				engagements: 0,
				posts: 1
			},
			{
				platform: 'youtube',
				periodKind: 'month',
				periodStart: '2026-02-01',
				reach: 999,
				impressions: 999,
				followers: 0,
				engagements: 0,
				posts: 1
			}
		]);
		const jan = indirectReach({ from: '2026-01-01', to: '2026-02-01' });
		expect(jan.website).toEqual({ visitors: 17, views: 50, days: 2 });
		const by = Object.fromEntries(jan.platforms.map((p) => [p.platform, p]));
		expect(by.x).toMatchObject({ reach: 1000, impressions: 5000, periods: 1 });
		expect(by.tiktok).toMatchObject({ reach: 500, impressions: 1500, periods: 2 });
		expect(by.youtube).toMatchObject({ reach: 50, periods: 1 });
		expect(jan.socialReach).toBe(1550);
		expect(jan.total).toBe(17 + 1550);
		expect(jan.impressions).toBe(5000 + 1500 + 60);
		expect(by.instagram).toMatchObject({ reach: 0, periods: 0 }); // active platforms listed even without data

		const months = reachSeries({ from: '2026-01-01', to: '2026-03-01', bucket: 'month' });
		expect(months.map((m) => [m.period, m.website, m.social, m.total])).toEqual([
			['2026-01-01', 17, 1550, 1567],
			['2026-02-01', 5, 0, 5]
		]);
		const quarters = reachSeries({ from: '2026-01-01', to: '2026-04-01', bucket: 'quarter' });
		expect(quarters).toHaveLength(1);
		expect(quarters[0]).toMatchObject({
			period: '2026-01-01',
			website: 22,
			social: 1550,
			byPlatform: { x: 1000, tiktok: 500, youtube: 50 }
		});
	});
});

describe('demo seed', () => {
	it('writes 18 months of rollups with a weekly rhythm and monthly social figures', () => {
		const out = seedReach(new Date('2026-11-25T09:00:00Z'));
		expect(out.days).toBeGreaterThan(540);
		const rows = ctx.db.select().from(siteDay).all();
		const avg = (pred: (d: number) => boolean) => {
			const xs = rows.filter((r) => pred(new Date(r.day + 'T00:00:00Z').getUTCDay()));
			return xs.reduce((s, r) => s + r.visitors, 0) / xs.length;
		};
		expect(avg((d) => d === 5)).toBeLessThan(avg((d) => d >= 0 && d <= 3) * 0.8); // Fridays lower
		const ramadan = indirectReach({ from: '2026-02-20', to: '2026-03-15' }).website.visitors / 23;
		const before = indirectReach({ from: '2026-01-05', to: '2026-01-28' }).website.visitors / 23;
		expect(ramadan).toBeGreaterThan(before * 1.4);
		const y = indirectReach({ from: '2025-11-01', to: '2026-11-01' });
		expect(y.platforms.filter((p) => p.periods === 12)).toHaveLength(9);
		expect(websiteSources({ from: '2025-11-01', to: '2026-11-01' })[0].source).toBe('direct');
		expect(topPages({ from: '2025-11-01', to: '2026-11-01' }, 3)[0].path).toBe('/');
	});
});
