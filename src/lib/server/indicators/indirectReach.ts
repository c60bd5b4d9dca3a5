/**
 * Indirect reach = website daily-unique visitors (summed over days) + each platform's
 * reach. Impressions are reported beside it and NEVER added. When a platform has figures
 * at several granularities in the period, the finest one (day < month < quarter) is used
 * so nothing is counted twice.
 */
import type { Indicator } from '../../indicators';
import { buckets, comparisonRange, type Filters, type Range } from './filters';
import { all, bucketCte, one } from './sql';

const KIND_ORDER = ['day', 'month', 'quarter'] as const;

type PlatformFig = {
	platform: string;
	nameAr: string;
	nameEn: string;
	kind: string;
	reach: number;
	impressions: number;
};

function platforms(range: Range): PlatformFig[] {
	const rows = all<PlatformFig>(
		`select s.platform, p.name_ar nameAr, p.name_en nameEn, s.period_kind kind, coalesce(sum(s.reach), 0) reach, coalesce(sum(s.impressions), 0) impressions
		 from social_reach s join social_platform p on p.key = s.platform
		 where s.period_start >= ? and s.period_start < ? group by s.platform, s.period_kind`,
		[range.from, range.to]
	);
	const best = new Map<string, PlatformFig>();
	for (const r of rows) {
		const cur = best.get(r.platform);
		if (!cur || KIND_ORDER.indexOf(r.kind as never) < KIND_ORDER.indexOf(cur.kind as never))
			best.set(r.platform, r);
	}
	return [...best.values()].sort((a, b) => b.reach - a.reach);
}

function visitors(range: Range): number {
	return one<{ v: number }>(
		`select coalesce(sum(visitors), 0) v from site_day where day >= ? and day < ?`,
		[range.from, range.to]
	).v;
}

export type Reach = Indicator & {
	website: number;
	platforms: { key: string; nameAr: string; nameEn: string; reach: number; impressions: number }[];
	impressions: number;
};

export function indirectReach(f: Filters): Reach {
	const calc = (range: Range) => {
		const ps = platforms(range);
		const web = visitors(range);
		return {
			web,
			ps,
			total: web + ps.reduce((s, p) => s + p.reach, 0),
			impressions: ps.reduce((s, p) => s + p.impressions, 0)
		};
	};
	const a = calc(f);
	const b = calc(comparisonRange(f));
	return {
		value: a.total,
		// n = number of sources that reported (website + platforms): reach is a count, not a sample.
		n: (a.web > 0 ? 1 : 0) + a.ps.length,
		comparison: { value: b.total, n: (b.web > 0 ? 1 : 0) + b.ps.length },
		website: a.web,
		platforms: a.ps.map((p) => ({
			key: p.platform,
			nameAr: p.nameAr,
			nameEn: p.nameEn,
			reach: p.reach,
			impressions: p.impressions
		})),
		impressions: a.impressions
	};
}

export type ReachSeries = {
	keys: string[];
	website: number[];
	platforms: { key: string; nameAr: string; nameEn: string; reach: number[] }[];
};

/** Website visitors and each platform's reach per month/quarter (period start in bucket). */
export function reachSeries(f: Filters): ReachSeries {
	const bs = buckets(f, f.grain, f.calendar);
	const cte = bucketCte(bs);
	const web = all<{ o: number; v: number }>(
		`${cte.sql} select b.o, coalesce(sum(d.visitors), 0) v from b left join site_day d on d.day >= b.f and d.day < b.t group by b.o order by b.o`,
		cte.params
	);
	const soc = all<{ o: number; platform: string; kind: string; reach: number }>(
		`${cte.sql} select b.o, s.platform, s.period_kind kind, coalesce(sum(s.reach), 0) reach
		 from b join social_reach s on s.period_start >= b.f and s.period_start < b.t group by b.o, s.platform, s.period_kind`,
		cte.params
	);
	const names = new Map(
		all<{ key: string; nameAr: string; nameEn: string }>(
			`select key, name_ar nameAr, name_en nameEn from social_platform order by sort, key`
		).map((p) => [p.key, p])
	);
	// finest granularity per platform and bucket
	const pick = new Map<string, { kind: string; reach: number }>();
	for (const r of soc) {
		const k = `${r.platform}|${r.o}`;
		const cur = pick.get(k);
		if (!cur || KIND_ORDER.indexOf(r.kind as never) < KIND_ORDER.indexOf(cur.kind as never))
			pick.set(k, { kind: r.kind, reach: r.reach });
	}
	const plats = [...new Set(soc.map((r) => r.platform))];
	return {
		keys: bs.map((b) => b.key),
		website: web.map((w) => w.v),
		platforms: plats.map((key) => ({
			key,
			nameAr: names.get(key)?.nameAr ?? key,
			nameEn: names.get(key)?.nameEn ?? key,
			reach: bs.map((_, i) => pick.get(`${key}|${i}`)?.reach ?? 0)
		}))
	};
}
