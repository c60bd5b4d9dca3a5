/**
 * What the policies promise about requests, counted in SQL (indexes: request_referred_idx,
 * request_escalated_idx, request_sector_idx, request_type_idx): referrals out by receiving
 * body with the share whose requester was told; escalations; requests by type with the share
 * decided within the type's SLA; consumer complaints by sector, resolution rate and time to
 * resolution. Period = received from `from` up to `to` (local dates, `to` exclusive, as the
 * dashboard's Filters and the report's quarter range); `typeId` narrows every figure to one type.
 * Small cells: counts of 1–4 (smallCells.ts), and shares or medians resting on fewer, are withheld for
 * the board (`withhold`). The dashboard's panel and the quarterly report both read this.
 */
import { getDb } from '../db';
import { isSmall } from '../indicators/smallCells';

export type PromiseFigures = {
	referrals: { body: string; n: number | null; acknowledged: number | null }[];
	/** Counts below are null when withheld (1–4 for the board). */
	referralsTotal: number | null;
	referralsAcknowledgedShare: number | null;
	escalations: number | null;
	byType: {
		typeId: number;
		nameAr: string;
		nameEn: string;
		n: number | null;
		/** Decided among them (null when withheld). */
		decided: number | null;
		/** decided within the type's SLA ÷ decided (null when none, or withheld). */
		withinSlaShare: number | null;
		/** Median days from receipt to decision among the decided (null when none, or withheld). */
		medianDays: number | null;
	}[];
	complaints: {
		total: number | null;
		bySector: { sector: string; n: number | null }[];
		decided: number | null;
		resolved: number | null;
		resolutionRate: number | null;
		/** Median days from receipt to the first decision or answer. */
		medianDaysToResolution: number | null;
		referredToAuthority: number | null;
	};
};

export function promiseFigures(
	range: { from: string; to: string; typeId?: number | null },
	opts: { withhold?: boolean } = {}
): PromiseFigures {
	const c = getDb().$client;
	const p = { from: range.from, to: range.to, type: range.typeId ?? null };
	const inRange = `r.received_local_date >= @from and r.received_local_date < @to and (@type is null or r.type_id = @type)`;
	// Zero is shown; 1–4 is withheld (smallCells.ts), so no figure points at a person.
	const hide = (n: number) => (opts.withhold && isSmall(n) ? null : n);
	const refs = c
		.prepare(
			`select r.referred_to as body, count(*) as n,
				sum(case when exists (select 1 from request_notice n where n.request_id = r.id
					and n.kind = 'decision' and n.state = 'sent') then 1 else 0 end) as ack
			from request r where r.referred_to is not null and ${inRange}
			group by r.referred_to order by n desc, body limit 50`
		)
		.all(p) as { body: string; n: number; ack: number }[];
	const total = refs.reduce((a, r) => a + r.n, 0);
	const acked = refs.reduce((a, r) => a + r.ack, 0);
	const escalations = (
		c
			.prepare(
				`select count(*) as n from request r where r.escalated_at is not null and ${inRange}`
			)
			.get(p) as { n: number }
	).n;
	const byType = c
		.prepare(
			`select t.id as typeId, t.name_ar as nameAr, t.name_en as nameEn, count(r.id) as n,
				sum(case when r.decided_at is not null then 1 else 0 end) as decided,
				sum(case when r.decided_at is not null and r.decided_at <= r.due_at then 1 else 0 end) as withinSla
			from request_type t join request r on r.type_id = t.id and ${inRange}
			group by t.id order by t.sort, t.id`
		)
		.all(p) as {
		typeId: number;
		nameAr: string;
		nameEn: string;
		n: number;
		decided: number;
		withinSla: number;
	}[];
	// Median days per type in one pass: the middle row(s) of each type's ordered durations.
	const medians = new Map(
		(
			c
				.prepare(
					`with d as (select r.type_id t, (r.decided_at - r.received_at) / 86400000.0 d,
						row_number() over (partition by r.type_id order by r.decided_at - r.received_at) k,
						count(*) over (partition by r.type_id) c
					from request r where r.decided_at is not null and ${inRange})
				select t, avg(d) m from d where k in ((c + 1) / 2, (c + 2) / 2) group by t`
				)
				.all(p) as { t: number; m: number }[]
		).map((x) => [x.t, x.m])
	);
	const complaintWhere = `${inRange} and r.type_id in (select id from request_type where complaint = 1)`;
	const bySector = c
		.prepare(
			`select coalesce(r.sector, 'other') as sector, count(*) as n from request r
			where ${complaintWhere} group by 1 order by n desc`
		)
		.all(p) as { sector: string; n: number }[];
	const cs = c
		.prepare(
			`select count(*) as total,
				sum(case when r.decided_at is not null then 1 else 0 end) as decided,
				sum(case when r.authority_outcome = 'resolved'
					or (r.authority_outcome is null and r.decision in ('accepted', 'answered')) then 1 else 0 end) as resolved,
				sum(case when r.authority is not null then 1 else 0 end) as authority
			from request r where ${complaintWhere}`
		)
		.get(p) as {
		total: number;
		decided: number | null;
		resolved: number | null;
		authority: number | null;
	};
	// Median with SQL: the middle row(s) of the ordered durations.
	const nDecided = cs.decided ?? 0;
	let median: number | null = null;
	if (nDecided > 0) {
		const mid = c
			.prepare(
				`select (r.decided_at - r.received_at) / 86400000.0 as d from request r
				where ${complaintWhere} and r.decided_at is not null order by d limit @lim offset @off`
			)
			.all({ ...p, lim: nDecided % 2 ? 1 : 2, off: Math.floor((nDecided - 1) / 2) }) as {
			d: number;
		}[];
		median = mid.reduce((a, x) => a + x.d, 0) / mid.length;
	}
	return {
		referrals: refs.map((r) => ({
			body: r.body,
			n: hide(r.n),
			acknowledged: hide(r.n) == null ? null : r.ack
		})),
		referralsTotal: hide(total),
		referralsAcknowledgedShare: total && hide(total) != null ? acked / total : null,
		escalations: hide(escalations),
		byType: byType.map((t) => {
			const shown = hide(t.n) != null && hide(t.decided) != null;
			return {
				typeId: t.typeId,
				nameAr: t.nameAr,
				nameEn: t.nameEn,
				n: hide(t.n),
				decided: shown ? t.decided : null,
				withinSlaShare: shown && t.decided ? t.withinSla / t.decided : null,
				medianDays: shown ? (medians.get(t.typeId) ?? null) : null
			};
		}),
		complaints: {
			total: hide(cs.total),
			bySector: bySector.map((s) => ({ sector: s.sector, n: hide(s.n) })),
			decided: hide(nDecided),
			resolved: hide(nDecided) == null ? null : (cs.resolved ?? 0),
			resolutionRate: nDecided && hide(nDecided) != null ? (cs.resolved ?? 0) / nDecided : null,
			medianDaysToResolution: hide(nDecided) != null ? median : null,
			referredToAuthority: hide(cs.authority ?? 0)
		}
	};
}
