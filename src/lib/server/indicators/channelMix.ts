/** Channel mix: requests received by channel, and respondents' "how did you reach us". */
import { buckets, comparisonRange, type Filters, type Range } from './filters';
import { CHANNEL_ROWS, responseRollup, rolled } from './rollup';
import { all, bucketCte, memo, one, personFiltered, requestFilters, responseWhere } from './sql';

export type ChannelRow = {
	key: string;
	nameAr: string;
	nameEn: string;
	requests: number;
	respondents: number;
};

function total(f: Filters, range: Range): number {
	const w = requestFilters(f);
	return one<{ n: number }>(
		`select count(*) n from request q where q.received_local_date >= ? and q.received_local_date < ?${w.sql}`,
		[range.from, range.to, ...w.params]
	).n;
}

/** Respondents per "how did you reach us" channel: the channel rollup when no filter narrows it. */
function respondentChannels(f: Filters) {
	const t = rolled(f, memo) && responseRollup(f);
	if (t === 'program' && !f.program && !f.surveyVersion)
		return all<{ key: string; n: number }>(
			`select channel key, sum(responses) n from dash_channel_day where day >= ? and day < ? group by channel`,
			[f.from, f.to]
		);
	const rw = responseWhere(f, f);
	// a checkbox channel question counts each ticked channel (response_dimension rows), so the
	// respondent rollup (one channel per response) cannot answer this one
	return all<{ key: string; n: number }>(
		`select ch key, count(*) n from (${CHANNEL_ROWS} where ${rw.sql}) where ch is not null group by ch`,
		rw.params
	);
}

export function channelMix(f: Filters): {
	value: ChannelRow[];
	n: number;
	comparison: { value: null; n: number };
} {
	const w = requestFilters(f);
	const req = all<{ key: string; n: number }>(
		`select c.key, x.n from (select q.channel_id cid, count(*) n from request q
		   where q.received_local_date >= ? and q.received_local_date < ?${w.sql} group by q.channel_id) x join channel c on c.id = x.cid`,
		[f.from, f.to, ...w.params]
	);
	const resp = respondentChannels(f);
	const channels = all<{ key: string; nameAr: string; nameEn: string }>(
		`select key, name_ar nameAr, name_en nameEn from channel order by sort, id`
	);
	const rq = new Map(req.map((r) => [r.key, r.n]));
	const rs = new Map(resp.map((r) => [r.key, r.n]));
	const known = new Set(channels.map((c) => c.key));
	const rows: ChannelRow[] = channels.map((c) => ({
		...c,
		requests: rq.get(c.key) ?? 0,
		respondents: rs.get(c.key) ?? 0
	}));
	for (const [key, n] of rs)
		if (!known.has(key)) rows.push({ key, nameAr: key, nameEn: key, requests: 0, respondents: n });
	const value = rows
		.filter((r) => r.requests || r.respondents)
		.sort((a, b) => b.requests - a.requests || b.respondents - a.respondents);
	const n = value.reduce((s, r) => s + r.requests, 0);
	return { value, n, comparison: { value: null, n: total(f, comparisonRange(f)) } };
}

export type ChannelSeries = {
	keys: string[];
	/** null: a period withheld from this reader, resting on fewer than 5 people (smallCells.ts). */
	channels: { key: string; nameAr: string; nameEn: string; counts: (number | null)[] }[];
};

/** Requests per channel per month/quarter. */
export function channelSeries(f: Filters): ChannelSeries {
	const bs = buckets(f, f.grain, f.calendar);
	const cte = bucketCte(bs);
	const w = requestFilters(f);
	// A person filter: the filter's people's requests once over the whole range, each put in its
	// bucket (CROSS JOIN keeps request outside), not one seek per person per bucket.
	const rows =
		personFiltered(f) && bs.length
			? all<{ o: number; cid: number; n: number }>(
					`${cte.sql}
				 select b.o, q.channel_id cid, count(*) n from request q cross join b on q.received_local_date >= b.f and q.received_local_date < b.t
				 where q.received_local_date >= ? and q.received_local_date < ?${w.sql}
				 group by b.o, q.channel_id`,
					[...cte.params, bs[0].from, bs[bs.length - 1].to, ...w.params]
				)
			: all<{ o: number; cid: number; n: number }>(
					`${cte.sql}
				 select b.o, q.channel_id cid, count(*) n from b join request q on q.received_local_date >= b.f and q.received_local_date < b.t${w.sql}
				 group by b.o, q.channel_id`,
					[...cte.params, ...w.params]
				);
	const channels = all<{ id: number; key: string; nameAr: string; nameEn: string }>(
		`select id, key, name_ar nameAr, name_en nameEn from channel order by sort, id`
	);
	const out = channels.map((c) => ({
		key: c.key,
		nameAr: c.nameAr,
		nameEn: c.nameEn,
		id: c.id,
		counts: bs.map(() => 0)
	}));
	const byId = new Map(out.map((c) => [c.id, c]));
	for (const r of rows) {
		const c = byId.get(r.cid);
		if (c) c.counts[r.o] = r.n;
	}
	return {
		keys: bs.map((b) => b.key),
		channels: out
			.filter((c) => c.counts.some((x) => x > 0))
			.map((c) => ({ key: c.key, nameAr: c.nameAr, nameEn: c.nameEn, counts: c.counts }))
	};
}
