/**
 * Direct beneficiaries (policy 002 §2-2: people served, with complete data), beside indirect
 * reach. In a period, a person is served when enrolled in a program that ran in it (started
 * before its end, ended on or after its start, not merely planned) or when a request of theirs
 * was decided in it; each person counts once. Of them:
 * - surveyed: invited to a survey about that program or that request;
 * - responded: completed that survey;
 * - complete record (records not erased): name, a contact (mobile or e-mail), gender, age band
 *   and city recorded.
 * One SQL aggregate over indexed columns (program_status_idx, the enrollment key,
 * invitation_program_idx / invitation_request_cover_idx, request_decided_cover_idx or
 * request_beneficiary_cover_idx, beneficiary ids).
 * Filters: program (its enrollments only), channel (requests of that channel only), gender, age
 * band and city (the person's record); survey version does not apply.
 */
import { share, type Indicator } from '../../indicators';
import { comparisonRange, personColumns, type Filters, type Range } from './filters';
import { memo, msRange, one } from './sql';

export type DirectCounts = {
	served: number;
	surveyed: number;
	responded: number;
	/** Served people whose record is not erased: the completeness share's base. */
	records: number;
	complete: number;
};

/** SQL: beneficiary `b` has the data the policy requires. */
export const COMPLETE_RECORD = `b.name_enc is not null and (b.mobile_enc is not null or b.email_enc is not null)
	and b.gender is not null and b.age_band is not null and coalesce(trim(b.city), '') <> ''`;

/**
 * How the request source walks `request`: by decision instant (request_decided_cover_idx, then
 * a GROUP BY per person in a temporary b-tree) or person by person (request_beneficiary_cover_idx:
 * already grouped, and the beneficiary rows then read in id order). The second reads the whole
 * index, so it pays when the period holds a large share of the decisions, or when a gender/age
 * band/city filter picks the people first (one seek per person).
 */
export type RequestOrder = 'decided' | 'person';

function requestOrder(f: Filters, fromMs: number, toMs: number): RequestOrder {
	if (f.gender || f.ageBand || f.city) return 'person';
	const span = one<{ lo: number | null; hi: number | null }>(
		// two subqueries: each is one seek at an end of request_decided_cover_idx
		`select (select min(decided_at) from request) lo, (select max(decided_at) from request) hi`
	);
	if (span.lo == null || span.hi == null || span.hi <= span.lo) return 'decided';
	const overlap = Math.min(toMs, span.hi) - Math.max(fromMs, span.lo);
	// decisions come at a roughly even pace: the period's share of them ≈ its share of the span
	return overlap * 3 >= span.hi - span.lo ? 'person' : 'decided';
}

/** The one aggregate (exported for the query-plan spec); null when no source can hold anyone. */
export function directSql(
	f: Filters,
	range: Range,
	order?: RequestOrder
): { sql: string; params: (string | number)[] } | null {
	const [fromMs, toMs] = msRange(range, f.timeZone);
	const who: string[] = [];
	const whoParams: string[] = [];
	for (const [col, v] of personColumns(f))
		if (v) {
			who.push(`b.${col} = ?`);
			whoParams.push(v);
		}
	// the filter's people, pushed into each source (rows of other people are never read)
	const among = (col: string) =>
		who.length ? ` and ${col} in (select b.id from beneficiary b where ${who.join(' and ')})` : '';
	// Each source says per person what their invitations came to: -1 none, 0 invited, 1 answered
	// (max over the person's rows: surveyed = max ≥ 0, responded = max = 1).
	let enrolled: { sql: string; params: (string | number)[] } | null = null;
	let requested: { sql: string; params: (string | number)[] } | null = null;
	if (!f.channel) {
		const where = `p.status in ('running', 'ended') and p.end_date >= ? and p.start_date < ?${f.program ? ' and p.id = ?' : ''}`;
		const params = [range.from, range.to, ...(f.program ? [f.program] : [])];
		// no enrollment in a program that ran in the period: leave the source out
		if (
			one<{ x: number } | undefined>(
				`select 1 x from program p join enrollment e on e.program_id = p.id where ${where} limit 1`,
				params
			)
		)
			enrolled = {
				sql: `select e.beneficiary_id bid,
				case when exists(select 1 from invitation i where i.program_id = e.program_id and i.beneficiary_id = e.beneficiary_id and i.completed_at is not null) then 1
				     when exists(select 1 from invitation i where i.program_id = e.program_id and i.beneficiary_id = e.beneficiary_id) then 0 else -1 end s
				from program p join enrollment e on e.program_id = p.id
				where ${where}${among('e.beneficiary_id')}`,
				params: [...params, ...whoParams]
			};
	}
	if (!f.program) {
		// (`indexed by`: where few invitations concern requests, ANALYZE tells the planner that
		// request_id is nearly always null, and it then scanned all invitations once per request.
		// The partial index holds only the invitations about requests, so each probe is cheap; a
		// join, not a correlated subquery, which costs about 1 µs a call over 100k requests.)
		const by = order ?? requestOrder(f, fromMs, toMs);
		requested = {
			sql: `select q.beneficiary_id bid, max(case when i.request_id is null then -1 else i.completed_at is not null end) s
				from request q indexed by ${by === 'person' ? 'request_beneficiary_cover_idx' : 'request_decided_cover_idx'}
				left join invitation i indexed by invitation_request_cover_idx on i.request_id = q.id
				where q.decided_at >= ? and q.decided_at < ? and q.beneficiary_id is not null${f.channel ? ' and q.channel_id = (select id from channel where key = ?)' : ''}${among('q.beneficiary_id')}
				group by q.beneficiary_id`,
			params: [fromMs, toMs, ...(f.channel ? [f.channel] : []), ...whoParams]
		};
	}
	let people: { sql: string; params: (string | number)[] };
	if (enrolled && requested)
		people = {
			sql: `select bid, max(s) s from (${enrolled.sql} union all ${requested.sql}) group by bid`,
			params: [...enrolled.params, ...requested.params]
		};
	else if (enrolled)
		people = {
			sql: `select bid, max(s) s from (${enrolled.sql}) group by bid`,
			params: enrolled.params
		};
	else if (requested) people = requested;
	else return null;
	return {
		sql: `with people as (${people.sql})
			 select count(*) served, coalesce(sum(x.s >= 0), 0) surveyed, coalesce(sum(x.s = 1), 0) responded,
			        coalesce(sum(b.erased_at is null), 0) records,
			        coalesce(sum(b.erased_at is null and ${COMPLETE_RECORD}), 0) complete
			 from people x join beneficiary b on b.id = x.bid`,
		params: people.params
	};
}

export function directCounts(f: Filters, range: Range): DirectCounts {
	return memo(f, `direct:${range.from}:${range.to}`, () => {
		const q = directSql(f, range);
		return q
			? one<DirectCounts>(q.sql, q.params)
			: { served: 0, surveyed: 0, responded: 0, records: 0, complete: 0 };
	});
}

export type DirectBeneficiaries = {
	directServed: Indicator;
	directSurveyed: Indicator;
	directResponded: Indicator;
	directComplete: Indicator;
};

/** The four direct-beneficiary indicators over the filters' period, with their comparison. */
export function directBeneficiaries(f: Filters): DirectBeneficiaries {
	const a = directCounts(f, f);
	const b = directCounts(f, comparisonRange(f));
	const ind = (
		v: (c: DirectCounts) => number | null,
		n: (c: DirectCounts) => number
	): Indicator => ({ value: v(a), n: n(a), comparison: { value: v(b), n: n(b) } });
	return {
		directServed: ind(
			(c) => c.served,
			(c) => c.served
		),
		directSurveyed: ind(
			(c) => share(c.surveyed, c.served),
			(c) => c.served
		),
		directResponded: ind(
			(c) => share(c.responded, c.served),
			(c) => c.served
		),
		directComplete: ind(
			(c) => share(c.complete, c.records),
			(c) => c.records
		)
	};
}
