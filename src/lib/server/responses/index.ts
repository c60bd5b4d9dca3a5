/**
 * Survey responses of a program for staff: paged list and exports. Personal data only for
 * roles that may read beneficiaries: the respondent's name (otherwise only while they agree,
 * today, to be identified — read from their record when shown, never copied) and the comment
 * as typed (otherwise its redacted copy).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import * as spreadsheet from '../spreadsheet';
import * as beneficiaries from '../beneficiaries';
import { getDb } from '../db';
import { response } from '../db/schema';
import { reveal } from '../redact';

export type ResponseRow = {
	id: number;
	submittedAt: Date;
	localDate: string;
	anonymous: boolean;
	respondent: string | null;
	csat: number | null;
	nps: number | null;
	channel: string | null;
	withinTwoWeeks: boolean | null;
	comment: string | null;
	aspects: Record<string, number>;
};

export function listForProgram(
	programId: number,
	opts: { seePeople: boolean; limit?: number; offset?: number }
): { total: number; rows: ResponseRow[]; aspectKeys: string[] } {
	const db = getDb();
	const where = eq(response.programId, programId);
	const total = db
		.select({ n: sql<number>`count(*)` })
		.from(response)
		.where(where)
		.get()!.n;
	const rows = db
		.select({
			id: response.id,
			submittedAt: response.submittedAt,
			localDate: response.localDate,
			anonymous: response.anonymous,
			beneficiaryId: response.beneficiaryId,
			// consent as it stands now (an erased record has none)
			identified: sql<number>`coalesce((select b.consent_identified from beneficiary b where b.id = ${sql.raw('"response"."beneficiary_id"')} and b.erased_at is null), 0)`,
			csat: response.csat,
			nps: response.nps,
			channel: response.channel,
			withinTwoWeeks: response.withinTwoWeeks,
			comment: response.comment,
			commentEnc: response.commentEnc,
			aspects: sql<
				string | null
			>`(select json_group_object(a.aspect, a.score) from response_aspect a where a.response_id = ${sql.raw('"response"."id"')})`
		})
		.from(response)
		.where(and(where))
		.orderBy(desc(response.submittedAt), desc(response.id))
		.limit(opts.limit ?? 100)
		.offset(opts.offset ?? 0)
		.all();
	const named = rows
		.filter((r) => r.beneficiaryId && (opts.seePeople || r.identified))
		.map((r) => r.beneficiaryId!);
	const names = new Map(beneficiaries.getMany(named).map((b) => [b.id, b.name]));
	const keys = new Set<string>();
	const out = rows.map((r) => {
		const aspects = r.aspects ? (JSON.parse(r.aspects) as Record<string, number>) : {};
		for (const k of Object.keys(aspects)) keys.add(k);
		return {
			id: r.id,
			submittedAt: r.submittedAt,
			localDate: r.localDate,
			anonymous: r.anonymous,
			respondent: r.beneficiaryId ? (names.get(r.beneficiaryId) ?? null) : null,
			csat: r.csat,
			nps: r.nps,
			channel: r.channel,
			withinTwoWeeks: r.withinTwoWeeks,
			comment: reveal(r.comment, r.commentEnc, opts.seePeople),
			aspects
		};
	});
	return { total, rows: out, aspectKeys: [...keys].sort() };
}

/** The survey version each response answered (to show its answers with their questions). */
export function surveyVersions(ids: number[]): Map<number, number> {
	if (!ids.length) return new Map();
	const rows = getDb()
		.select({ id: response.id, v: response.surveyVersionId })
		.from(response)
		.where(inArray(response.id, ids))
		.all();
	return new Map(rows.map((r) => [r.id, r.v]));
}

export { safeCell } from '../spreadsheet';

export type ExportHeaders = {
	date: string;
	respondent: string;
	csat: string;
	nps: string;
	channel: string;
	withinTwoWeeks: string;
	comment: string;
	anonymous: string;
	yes: string;
	no: string;
};

function table(programId: number, seePeople: boolean, h: ExportHeaders) {
	const all: ResponseRow[] = [];
	let aspectKeys = new Set<string>();
	for (let offset = 0; ; offset += 1000) {
		const page = listForProgram(programId, { seePeople, limit: 1000, offset });
		all.push(...page.rows);
		aspectKeys = new Set([...aspectKeys, ...page.aspectKeys]);
		if (page.rows.length < 1000) break;
	}
	const keys = [...aspectKeys].sort();
	const header = [
		h.date,
		h.respondent,
		h.csat,
		h.nps,
		...keys,
		h.channel,
		h.withinTwoWeeks,
		h.comment
	];
	const rows = all.map((r) => [
		r.localDate,
		r.anonymous ? h.anonymous : (r.respondent ?? ''),
		r.csat ?? '',
		r.nps ?? '',
		...keys.map((k) => r.aspects[k] ?? ''),
		r.channel ?? '',
		r.withinTwoWeeks === null ? '' : r.withinTwoWeeks ? h.yes : h.no,
		r.comment ?? ''
	]);
	return { header, rows };
}

/** Header + rows of a program's responses, for the spreadsheet writer. */
export function exportTable(programId: number, seePeople: boolean, h: ExportHeaders) {
	const { header, rows } = table(programId, seePeople, h);
	return [header, ...rows];
}

export function toCsv(programId: number, seePeople: boolean, h: ExportHeaders): string {
	const { header, rows } = table(programId, seePeople, h);
	return spreadsheet.csv([header, ...rows]);
}

export function toXlsx(
	programId: number,
	seePeople: boolean,
	h: ExportHeaders,
	rtl: boolean
): Promise<Uint8Array> {
	const { header, rows } = table(programId, seePeople, h);
	return spreadsheet.xlsx([header, ...rows], { sheet: 'responses', rtl });
}
