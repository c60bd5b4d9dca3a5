/**
 * Indirect beneficiaries — the one definition, computed in SQL from rollups only:
 *
 *   indirect reach = Σ website daily-unique visitors (site_day.visitors over the days)
 *                  + Σ each platform's reach over its periods (social_reach.reach)
 *
 * Impressions/views are returned beside it and NEVER added. A platform period entered at
 * several granularities counts once, at the coarsest: a day row is skipped when its month
 * (or quarter) has a row, a month row when its quarter has one. A period belongs to the range
 * when its start day does (ranges are [from, to), 'YYYY-MM-DD' local dates).
 *
 * For the dashboard: `indirectReach({from, to})` and `reachSeries({from, to, bucket})`.
 */
import { getDb } from '../db';

export type ReachRange = { from: string; to: string; siteId?: number };

export type PlatformReach = {
	platform: string;
	nameAr: string;
	nameEn: string;
	reach: number;
	impressions: number;
	engagements: number;
	followers: number;
	posts: number;
	/** Periods with figures in the range. */
	periods: number;
};

export type IndirectReach = {
	from: string;
	to: string;
	website: { visitors: number; views: number; days: number };
	platforms: PlatformReach[];
	socialReach: number;
	impressions: number;
	/** website.visitors + socialReach. */
	total: number;
};

/** social_reach rows of a range, each period counted once (see the module comment). */
const EFFECTIVE_SOCIAL = `
	select r.* from social_reach r
	where r.period_start >= @from and r.period_start < @to
	  and not (r.period_kind = 'day' and exists (
	        select 1 from social_reach m where m.platform = r.platform and m.period_kind = 'month'
	        and m.period_start = substr(r.period_start, 1, 8) || '01'))
	  and not (r.period_kind in ('day', 'month') and exists (
	        select 1 from social_reach q where q.platform = r.platform and q.period_kind = 'quarter'
	        and q.period_start = substr(r.period_start, 1, 5)
	            || printf('%02d', ((cast(substr(r.period_start, 6, 2) as integer) - 1) / 3) * 3 + 1) || '-01'))`;

function siteFilter(range: ReachRange) {
	return range.siteId ? ' and site_id = @siteId' : '';
}

export function indirectReach(range: ReachRange): IndirectReach {
	const c = getDb().$client;
	const params = { from: range.from, to: range.to, siteId: range.siteId ?? null };
	const w = c
		.prepare(
			`select coalesce(sum(visitors), 0) as visitors, coalesce(sum(views), 0) as views, count(distinct day) as days
			 from site_day where day >= @from and day < @to${siteFilter(range)}`
		)
		.get(params) as IndirectReach['website'];
	const platforms = c
		.prepare(
			`select p.key as platform, p.name_ar as nameAr, p.name_en as nameEn,
			        coalesce(sum(e.reach), 0) as reach, coalesce(sum(e.impressions), 0) as impressions,
			        coalesce(sum(e.engagements), 0) as engagements, coalesce(sum(e.followers), 0) as followers,
			        coalesce(sum(e.posts), 0) as posts, count(e.id) as periods
			 from social_platform p left join (${EFFECTIVE_SOCIAL}) e on e.platform = p.key
			 group by p.key having p.active = 1 or count(e.id) > 0
			 order by p.sort, p.key`
		)
		.all(params) as PlatformReach[];
	const socialReach = platforms.reduce((s, p) => s + p.reach, 0);
	const impressions = platforms.reduce((s, p) => s + p.impressions, 0);
	return {
		from: range.from,
		to: range.to,
		website: w,
		platforms,
		socialReach,
		impressions,
		total: w.visitors + socialReach
	};
}

export type Bucket = 'day' | 'month' | 'quarter';

export type SeriesPoint = {
	/** 'YYYY-MM-DD' (day) or the first day of the month/quarter. */
	period: string;
	website: number;
	views: number;
	social: number;
	impressions: number;
	total: number;
	/** Reach per platform key. */
	byPlatform: Record<string, number>;
};

function bucketExpr(col: string, bucket: Bucket): string {
	if (bucket === 'day') return col;
	if (bucket === 'month') return `substr(${col}, 1, 8) || '01'`;
	return `substr(${col}, 1, 5) || printf('%02d', ((cast(substr(${col}, 6, 2) as integer) - 1) / 3) * 3 + 1) || '-01'`;
}

/**
 * Time series of the indicator. Social figures land in the bucket of their period start
 * (a quarter row in a month series lands in its first month; day buckets show day rows only
 * where no coarser row exists).
 */
export function reachSeries(range: ReachRange & { bucket: Bucket }): SeriesPoint[] {
	const c = getDb().$client;
	const params = { from: range.from, to: range.to, siteId: range.siteId ?? null };
	const web = c
		.prepare(
			`select ${bucketExpr('day', range.bucket)} as period, sum(visitors) as visitors, sum(views) as views
			 from site_day where day >= @from and day < @to${siteFilter(range)} group by 1`
		)
		.all(params) as { period: string; visitors: number; views: number }[];
	const soc = c
		.prepare(
			`select ${bucketExpr('e.period_start', range.bucket)} as period, e.platform as platform,
			        coalesce(sum(e.reach), 0) as reach, coalesce(sum(e.impressions), 0) as impressions
			 from (${EFFECTIVE_SOCIAL}) e group by 1, 2`
		)
		.all(params) as { period: string; platform: string; reach: number; impressions: number }[];
	const map = new Map<string, SeriesPoint>();
	const point = (period: string) => {
		let p = map.get(period);
		if (!p)
			map.set(
				period,
				(p = { period, website: 0, views: 0, social: 0, impressions: 0, total: 0, byPlatform: {} })
			);
		return p;
	};
	for (const r of web) Object.assign(point(r.period), { website: r.visitors, views: r.views });
	for (const r of soc) {
		const p = point(r.period);
		p.social += r.reach;
		p.impressions += r.impressions;
		p.byPlatform[r.platform] = (p.byPlatform[r.platform] ?? 0) + r.reach;
	}
	return [...map.values()]
		.map((p) => ({ ...p, total: p.website + p.social }))
		.sort((a, b) => (a.period < b.period ? -1 : 1));
}

/** Website traffic by source for a range (from site_day_source). */
export function websiteSources(
	range: ReachRange
): { source: string; views: number; visitors: number }[] {
	return getDb()
		.$client.prepare(
			`select source, sum(views) as views, sum(visitors) as visitors from site_day_source
			 where day >= @from and day < @to${siteFilter(range)} group by source order by views desc`
		)
		.all({ from: range.from, to: range.to, siteId: range.siteId ?? null }) as {
		source: string;
		views: number;
		visitors: number;
	}[];
}

/** Most viewed pages for a range (from site_day_page). */
export function topPages(range: ReachRange, limit = 10): { path: string; views: number }[] {
	return getDb()
		.$client.prepare(
			`select path, sum(views) as views from site_day_page
			 where day >= @from and day < @to${siteFilter(range)} group by path order by views desc limit @limit`
		)
		.all({ from: range.from, to: range.to, siteId: range.siteId ?? null, limit }) as {
		path: string;
		views: number;
	}[];
}
