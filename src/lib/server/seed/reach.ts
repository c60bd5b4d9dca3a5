/**
 * Demo reach data: the association's website with 18 months of daily rollups (weekly rhythm:
 * Friday/Saturday lower; campaign spikes in Ramadan and around National Day) and monthly
 * social figures per platform. Rollups only (raw events are not needed by any page).
 * RIDA_DEMO_SIZE=small keeps 3 months.
 */
import { getDb } from '../db';
import { addDays, addMonths, daysBetween, localDate, weekdayOf } from '../../dates';
import * as settings from '../settings';
import * as sites from '../reach/sites';
import { ensurePlatforms, upsertFigures, type Figures } from '../reach/social';
import { rng } from './random';
import { config } from '../config';

/** Ramadan (approx., Umm al-Qura) and other campaign windows, local dates [from, to]. */
const CAMPAIGNS: [string, string, number][] = [
	['2025-03-01', '2025-03-29', 1.9],
	['2026-02-18', '2026-03-19', 1.9],
	['2027-02-08', '2027-03-09', 1.9],
	['2025-09-20', '2025-09-25', 1.5],
	['2026-09-20', '2026-09-25', 1.5],
	['2025-12-01', '2025-12-07', 1.4] // year-end giving campaign
];

const SOURCES: [string, number][] = [
	['direct', 34],
	['search', 28],
	['instagram', 9],
	['x', 8],
	['whatsapp', 7],
	['snapchat', 4],
	['tiktok', 3],
	['campaign', 5],
	['other', 2]
];

const PAGES: [string, number][] = [
	['/', 40],
	['/programs', 15],
	['/donate', 12],
	['/about', 8],
	['/news', 8],
	['/programs/food-basket', 6],
	['/volunteer', 5],
	['/contact', 4],
	['/ramadan', 2]
];

const PLATFORM_BASE: Record<string, [number, number]> = {
	// [monthly reach, posts]
	x: [18_000, 30],
	instagram: [26_000, 22],
	snapchat: [14_000, 40],
	tiktok: [32_000, 12],
	youtube: [6_000, 3],
	facebook: [5_000, 10],
	linkedin: [1_500, 4],
	telegram: [1_200, 15],
	whatsapp_channel: [3_500, 20]
};

function campaignFactor(day: string): number {
	let f = 1;
	for (const [a, b, k] of CAMPAIGNS) if (day >= a && day <= b) f = Math.max(f, k);
	return f;
}

function split(
	total: number,
	weights: [string, number][],
	r: ReturnType<typeof rng>
): [string, number][] {
	const sum = weights.reduce((s, [, w]) => s + w, 0);
	return weights.map(([k, w]) => [
		k,
		Math.max(0, Math.round((total * w * (0.75 + r.next() * 0.5)) / sum))
	]);
}

export function seedReach(now: Date) {
	const t0 = Date.now();
	const small = config().demoSize === 'small';
	const months = small ? 3 : 18;
	const r = rng(6006);
	ensurePlatforms();
	const site = sites.create(
		{ id: null },
		{
			name: 'موقع الجمعية',
			origins: ['https://charity.example', 'https://www.charity.example'],
			key: 'demo-charity-site'
		}
	);

	const today = localDate(now, settings.get().timeZone);
	const start = addMonths(today, -months);
	const c = getDb().$client;
	const insDay = c.prepare(
		'insert into site_day (site_id, day, views, visitors) values (?, ?, ?, ?)'
	);
	const insSrc = c.prepare(
		'insert into site_day_source (site_id, day, source, views, visitors) values (?, ?, ?, ?, ?)'
	);
	const insPage = c.prepare(
		'insert into site_day_page (site_id, day, path, views) values (?, ?, ?, ?)'
	);
	let days = 0;
	c.transaction(() => {
		for (let day = start, i = 0; day < today; day = addDays(day, 1), i++) {
			const dow = weekdayOf(day); // 5 = Friday, 6 = Saturday
			const growth = 1 + i / 900;
			const weekly = dow === 5 ? 0.55 : dow === 6 ? 0.7 : 1;
			const visitors = Math.max(
				5,
				Math.round(r.normal(140, 18) * growth * weekly * campaignFactor(day))
			);
			const views = Math.round(visitors * (1.6 + r.next() * 0.8));
			insDay.run(site.id, day, views, visitors);
			const srcVisitors = split(visitors, SOURCES, r);
			for (const [source, v] of srcVisitors)
				if (v > 0) insSrc.run(site.id, day, source, Math.round(v * (1.6 + r.next() * 0.8)), v);
			const pages = split(
				views,
				PAGES.map(([p, w]) => [p, p === '/ramadan' && campaignFactor(day) > 1.8 ? w * 10 : w]),
				r
			);
			for (const [path, v] of pages) if (v > 0) insPage.run(site.id, day, path, v);
			days++;
		}

		const figures: Figures[] = [];
		const first = start.slice(0, 8) + '01';
		for (let periodStart = first; periodStart < today; periodStart = addMonths(periodStart, 1)) {
			const mid = addDays(periodStart, 14);
			const k = campaignFactor(mid) > 1 ? campaignFactor(mid) : 1;
			const age = daysBetween(first, periodStart) / 365;
			for (const [platform, [reach, posts]] of Object.entries(PLATFORM_BASE)) {
				const rch = Math.round(reach * (1 + 0.25 * age) * k * (0.8 + r.next() * 0.4));
				figures.push({
					platform,
					periodKind: 'month',
					periodStart,
					reach: rch,
					impressions: Math.round(rch * (2.5 + r.next() * 2.5)),
					followers:
						Math.round(rch * (0.004 + r.next() * 0.01)) - (r.chance(0.1) ? r.int(0, 40) : 0),
					engagements: Math.round(rch * (0.03 + r.next() * 0.05)),
					posts: Math.max(1, Math.round(posts * k * (0.7 + r.next() * 0.6)))
				});
			}
		}
		upsertFigures(figures);
	})();
	return { days, ms: Date.now() - t0 };
}
