/**
 * Response rate = completed ÷ delivered invitations (cohort of invitations delivered in the
 * period). THE one definition: the dashboard, program pages and the delivery funnel all count
 * through `rateSql()` and divide with `rateOf()`.
 */
import { share, type Indicator } from '../../indicators';
import { comparisonRange, type Filters, type Range } from './filters';
import { invitationRolled, personFilters, segmentsJoin } from './rollup';
import { all, invitationFilters, memo, msRange, one } from './sql';

/**
 * THE definition of "delivered": `invitation.delivered_at` once the delivery module records
 * it (any invitation has it set); before that, every created invitation counts as delivered
 * on its creation time. Returns the SQL column expression to filter and count on.
 */
export function deliveredColumn(f?: Filters): 'delivered_at' | 'created_at' {
	const fn = () =>
		one<{ x: number } | undefined>(
			`select 1 x from invitation where delivered_at is not null limit 1`
		)
			? 'delivered_at'
			: 'created_at';
	return f ? memo(f, 'deliveredColumn', fn) : fn();
}

/**
 * SQL condition: invitation `a` was delivered. With `delivered_at` recorded that is the
 * column itself (walk-in invitations from an anonymous link are never delivered); before,
 * every invitation sent to a beneficiary (not anonymous) counts.
 */
export function deliveredSql(a = 'i', col: 'delivered_at' | 'created_at' = deliveredColumn()) {
	return col === 'delivered_at' ? `${a}.delivered_at is not null` : `${a}.anonymous = 0`;
}

/**
 * SQL aggregates over invitation rows aliased `a`: `delivered` and `completed` (completed
 * among the delivered), for `select ${r.delivered} delivered, ${r.completed} completed …`.
 */
export function rateSql(a = 'i', col: 'delivered_at' | 'created_at' = deliveredColumn()) {
	const d = deliveredSql(a, col);
	return {
		delivered: `coalesce(sum(${d}), 0)`,
		completed: `coalesce(sum(${d} and ${a}.completed_at is not null), 0)`
	};
}

/** completed ÷ delivered; null when nothing was delivered. */
export function rateOf(r: { completed: number; delivered: number }): number | null {
	return share(r.completed, r.delivered);
}

/** The rollup's WHERE for the program and survey-version filters, and the person filters (alias d). */
function dayWhere(f: Filters, table: string) {
	const who = table === 'dash_invitation_person_day' ? personFilters(f) : { sql: '', params: [] };
	return {
		sql:
			(f.program ? ' and +d.program_id = ?' : '') +
			(f.surveyVersion ? ' and +d.survey_version_id = ?' : '') +
			who.sql,
		params: [...[f.program, f.surveyVersion].filter((x): x is number => x != null), ...who.params]
	};
}

function counts(f: Filters, range: Range) {
	const table = invitationRolled(f, memo);
	if (table) {
		const d = dayWhere(f, table);
		const j = segmentsJoin(table, range);
		return one<{ delivered: number; completed: number }>(
			`select coalesce(sum(d.delivered), 0) delivered, coalesce(sum(d.completed), 0) completed
			 from ${j.sql} where 1${d.sql}`,
			[...j.params, ...d.params]
		);
	}
	// the same pass per program serves the period's by-program panel (programCounts)
	return rawGroups(f, range).reduce(
		(t, g) => ({ delivered: t.delivered + g.delivered, completed: t.completed + g.completed }),
		{ delivered: 0, completed: 0 }
	);
}

/**
 * From the rows (beneficiary filters): one pass over the range's invitations, grouped by program
 * (null: invitations about requests), memoised so the rate and the by-program panel share it.
 */
function rawGroups(f: Filters, range: Range) {
	return memo(f, `rateGroups:${range.from}:${range.to}`, () => {
		const col = deliveredColumn(f);
		const w = invitationFilters(f);
		const r = rateSql('i', col);
		return all<{ pid: number | null; delivered: number; completed: number }>(
			`select i.program_id pid, ${r.delivered} delivered, ${r.completed} completed
			 from invitation i where i.${col} >= ? and i.${col} < ?${w.sql} group by i.program_id`,
			[...msRange(range, f.timeZone), ...w.params]
		);
	});
}

export function responseRate(f: Filters): Indicator {
	const a = counts(f, f);
	const b = counts(f, comparisonRange(f));
	return {
		value: rateOf(a),
		n: a.delivered,
		comparison: { value: rateOf(b), n: b.delivered }
	};
}

export type ProgramRate = {
	programId: number;
	nameAr: string;
	nameEn: string;
	delivered: number;
	completed: number;
	rate: number | null;
};

type ProgramCounts = {
	programId: number;
	nameAr: string;
	nameEn: string;
	delivered: number;
	completed: number;
};

export function responseRateByProgram(f: Filters): ProgramRate[] {
	const table = invitationRolled(f, memo);
	const rows = table ? programCountsRolled(f, table) : programCounts(f);
	return rows
		.map((x) => ({ ...x, rate: rateOf(x) }))
		.sort((x, y) => (x.rate ?? 0) - (y.rate ?? 0) || x.programId - y.programId);
}

function programCountsRolled(f: Filters, table: string): ProgramCounts[] {
	const d = dayWhere(f, table);
	const j = segmentsJoin(table, f);
	return all<ProgramCounts>(
		`select p.id programId, p.name_ar nameAr, p.name_en nameEn, x.delivered, x.completed from program p
		 join (select d.program_id pid, sum(d.delivered) delivered, sum(d.completed) completed from ${j.sql}
		       where d.program_id > 0${d.sql} group by d.program_id) x on x.pid = p.id
		 where x.delivered > 0`,
		[...j.params, ...d.params]
	);
}

/** From the rows (beneficiary filters): the period's pass grouped by program (`rawGroups`). */
function programCounts(f: Filters): ProgramCounts[] {
	const groups = rawGroups(f, f).filter((g) => g.pid != null && g.delivered > 0);
	if (!groups.length) return [];
	const names = new Map(
		all<{ id: number; nameAr: string; nameEn: string }>(
			`select id, name_ar nameAr, name_en nameEn from program where id in (${groups.map(() => '?').join(', ')})`,
			groups.map((g) => g.pid)
		).map((p) => [p.id, p])
	);
	return groups.flatMap((g) => {
		const p = names.get(g.pid!);
		return p
			? [
					{
						programId: p.id,
						nameAr: p.nameAr,
						nameEn: p.nameEn,
						delivered: g.delivered,
						completed: g.completed
					}
				]
			: [];
	});
}
