/** Channel mix: requests received by channel, and respondents' "how did you reach us". */
import { buckets, comparisonRange, type Bucket, type Filters, type Range } from './filters';
import {
	CHANNEL_ROWS,
	bucketSegmentsCte,
	personFilters,
	receivedRolled,
	responseRollup,
	rolled,
	rollupRange,
	segmentsJoin
} from './rollup';
import { all, bucketCte, memo, personFiltered, requestFilters, responseWhere } from './sql';

export type ChannelRow = {
	key: string;
	nameAr: string;
	nameEn: string;
	requests: number;
	respondents: number;
};

/** dash_received_day's WHERE for the channel and the person filters (alias d). */
function receivedWhere(f: Filters) {
	const who = personFilters(f);
	return {
		sql: (f.channel ? ' and +d.channel_id = (select id from channel where key = ?)' : '') + who.sql,
		params: [...(f.channel ? [f.channel] : []), ...who.params]
	};
}

/** Requests received in the range per channel id: dash_received_day unless a category or segment is set. */
function requestsByChannel(f: Filters, range: Range) {
	return memo(f, `received:${range.from}:${range.to}`, () => {
		if (receivedRolled(f, memo)) {
			const j = segmentsJoin('dash_received_day', range);
			const w = receivedWhere(f);
			return all<{ cid: number; n: number }>(
				`select d.channel_id cid, sum(d.requests) n from ${j.sql} where 1${w.sql} group by d.channel_id`,
				[...j.params, ...w.params]
			);
		}
		const w = requestFilters(f);
		return all<{ cid: number; n: number }>(
			`select q.channel_id cid, count(*) n from request q
			 where q.received_local_date >= ? and q.received_local_date < ?${w.sql} group by q.channel_id`,
			[range.from, range.to, ...w.params]
		);
	});
}

function total(f: Filters, range: Range): number {
	return requestsByChannel(f, range).reduce((s, r) => s + r.n, 0);
}

function channelList() {
	return all<{ id: number; key: string; nameAr: string; nameEn: string }>(
		`select id, key, name_ar nameAr, name_en nameEn from channel order by sort, id`
	);
}

/** Respondents per "how did you reach us" channel, from the narrowest rollup that carries the filters. */
function respondentChannels(f: Filters) {
	const t = rolled(f, memo) && responseRollup(f);
	if (t === 'program' && !f.program && !f.surveyVersion)
		return all<{ key: string; n: number }>(
			`select channel key, sum(responses) n from dash_channel_day where day >= ? and day < ? group by channel`,
			[f.from, f.to]
		);
	if (t === 'program' || t === 'respondent') {
		// by program and survey version, or by the respondent snapshot (each ticked channel)
		const w =
			t === 'program'
				? rollupRange('dash_program_channel_day', f, f)
				: rollupRange('dash_respondent_channel_day', f, f);
		const col = t === 'program' ? 'd.channel' : 'd.ch';
		return all<{ key: string; n: number }>(
			`select ${col} key, sum(d.responses) n from ${w.sql} group by ${col}`,
			w.params
		);
	}
	const rw = responseWhere(f, f);
	// a program together with a respondent filter: the rows (no rollup has both)
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
	const channels = channelList();
	const keyOf = new Map(channels.map((c) => [c.id, c.key]));
	const req = requestsByChannel(f, f).flatMap((r) =>
		keyOf.has(r.cid) ? [{ key: keyOf.get(r.cid)!, n: r.n }] : []
	);
	const resp = respondentChannels(f);
	const rq = new Map(req.map((r) => [r.key, r.n]));
	const rs = new Map(resp.map((r) => [r.key, r.n]));
	const known = new Set(channels.map((c) => c.key));
	const rows: ChannelRow[] = channels.map((c) => ({
		key: c.key,
		nameAr: c.nameAr,
		nameEn: c.nameEn,
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
	const rows = receivedRolled(f, memo) ? seriesRolled(f, bs) : seriesRaw(f, bs);
	return seriesRows(rows, bs, channelList());
}

/** Each bucket as its segments (month rows, edge days) of dash_received_day. */
function seriesRolled(f: Filters, bs: Bucket[]) {
	const cte = bucketSegmentsCte(bs);
	const w = receivedWhere(f);
	return all<{ o: number; cid: number; n: number }>(
		`${cte.sql}
		 select b.o, d.channel_id cid, sum(d.requests) n from b join dash_received_day d on d.day >= b.f and d.day < b.t${w.sql}
		 group by b.o, d.channel_id`,
		[...cte.params, ...w.params]
	);
}

function seriesRaw(f: Filters, bs: Bucket[]) {
	const cte = bucketCte(bs);
	const w = requestFilters(f);
	// A person filter: the filter's people's requests once over the whole range, each put in its
	// bucket (CROSS JOIN keeps request outside), not one seek per person per bucket.
	return personFiltered(f) && bs.length
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
}

function seriesRows(
	rows: { o: number; cid: number; n: number }[],
	bs: Bucket[],
	channels: ReturnType<typeof channelList>
): ChannelSeries {
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
