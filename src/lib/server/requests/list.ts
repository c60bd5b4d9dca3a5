/** The register as lists: filters, queues, officers, CSV/XLSX export, SLA breaches. */
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { localName, type Locale } from '$lib/i18n/locales';
import * as spreadsheet from '../spreadsheet';
import { safeCell } from '../spreadsheet';
import { getDb } from '../db';
import { request, user } from '../db/schema';
import { redactOpt, reveal } from '../redact';
import { DUE_SOON_DAYS, slaStatus } from './sla';
import { slaSettings } from './sla-settings';
import { listChannels } from './channels';
import type { Kind, Status } from './lifecycle';

// ---------------------------------------------------------------- lists, queues

export type ListFilters = {
	channelId?: number;
	typeId?: number;
	kind?: Kind;
	status?: Status | 'open';
	assigneeId?: number;
	from?: string; // local date, inclusive
	to?: string;
	overdue?: boolean;
	queue?: 'dueSoon' | 'overdue' | 'committee';
	q?: string;
};

/** Waiting for a first decision or answer. */
const waiting = () => and(isNull(request.decidedAt), isNull(request.closedAt));

function whereOf(f: ListFilters, now: Date): SQL | undefined {
	const c: (SQL | undefined)[] = [];
	if (f.channelId) c.push(eq(request.channelId, f.channelId));
	if (f.typeId) c.push(eq(request.typeId, f.typeId));
	if (f.kind) c.push(eq(request.kind, f.kind));
	if (f.status === 'open') c.push(sql`${request.status} <> 'closed'`);
	else if (f.status) c.push(eq(request.status, f.status));
	if (f.assigneeId) c.push(eq(request.assigneeId, f.assigneeId));
	if (f.from) c.push(gte(request.receivedLocalDate, f.from));
	if (f.to) c.push(lte(request.receivedLocalDate, f.to));
	if (f.overdue || f.queue === 'overdue') c.push(waiting(), lt(request.dueAt, now));
	if (f.queue === 'dueSoon')
		c.push(
			waiting(),
			gte(request.dueAt, now),
			lte(request.dueAt, new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000))
		);
	if (f.queue === 'committee') c.push(eq(request.status, 'committee'));
	if (f.q) {
		const q = f.q.trim();
		const like = '%' + q.replace(/[\\%_]/g, (m) => '\\' + m) + '%';
		c.push(
			sql`(${request.code} = ${q.toUpperCase()} or ${request.referenceNo} = ${q} or ${request.subject} like ${like} escape '\\')`
		);
	}
	return c.length ? and(...c) : undefined;
}

export type ListRow = {
	id: number;
	code: string;
	channelId: number;
	kind: Kind;
	subject: string;
	receivedAt: Date;
	status: Status;
	decision: string | null;
	decidedAt: Date | null;
	dueAt: Date;
	assigneeId: number | null;
	assigneeName: string | null;
	hasBeneficiary: boolean;
	overdue: boolean;
	responseMs: number | null;
};

const listColumns = {
	id: request.id,
	code: request.code,
	channelId: request.channelId,
	kind: request.kind,
	subject: request.subject,
	subjectEnc: request.subjectEnc,
	receivedAt: request.receivedAt,
	status: request.status,
	decision: request.decision,
	decidedAt: request.decidedAt,
	dueAt: request.dueAt,
	assigneeId: request.assigneeId,
	assigneeName: user.name,
	beneficiaryId: request.beneficiaryId,
	referenceNo: request.referenceNo,
	closedAt: request.closedAt,
	typeId: request.typeId
};

export function list(
	f: ListFilters,
	page: { limit?: number; offset?: number; personal?: boolean } = {},
	now = new Date()
): { items: ListRow[]; total: number } {
	const db = getDb();
	const where = whereOf(f, now);
	const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
	const offset = Math.max(page.offset ?? 0, 0);
	const total = db
		.select({ n: sql<number>`count(*)` })
		.from(request)
		.where(where)
		.get()!.n;
	const rows = db
		.select(listColumns)
		.from(request)
		.leftJoin(user, eq(user.id, request.assigneeId))
		.where(where)
		.orderBy(desc(request.receivedAt), desc(request.id))
		.limit(limit)
		.offset(offset)
		.all();
	return {
		items: rows.map((r) => ({
			...toRow(r, now),
			subject: reveal(r.subject, r.subjectEnc, !!page.personal)
		})),
		total
	};
}

function toRow(
	r: { [K in keyof typeof listColumns]: unknown } & Record<string, unknown>,
	now: Date
): ListRow {
	const x = r as unknown as {
		id: number;
		code: string;
		channelId: number;
		kind: Kind;
		subject: string;
		receivedAt: Date;
		status: Status;
		decision: string | null;
		decidedAt: Date | null;
		dueAt: Date;
		assigneeId: number | null;
		assigneeName: string | null;
		beneficiaryId: number | null;
		closedAt: Date | null;
	};
	return {
		id: x.id,
		code: x.code,
		channelId: x.channelId,
		kind: x.kind,
		subject: x.subject,
		receivedAt: x.receivedAt,
		status: x.status,
		decision: x.decision,
		decidedAt: x.decidedAt,
		dueAt: x.dueAt,
		assigneeId: x.assigneeId,
		assigneeName: x.assigneeName,
		hasBeneficiary: x.beneficiaryId != null,
		overdue: !x.decidedAt && !x.closedAt && x.dueAt.getTime() < now.getTime(),
		responseMs: x.decidedAt ? x.decidedAt.getTime() - x.receivedAt.getTime() : null
	};
}

/** Counts for the three queues, for one officer and for the team (one SQL query). */
export function queueCounts(userId: number | null, now = new Date()) {
	const soon = now.getTime() + DUE_SOON_DAYS * 86_400_000;
	const t = now.getTime();
	const row = getDb()
		.$client.prepare(
			`select
				sum(case when decided_at is null and closed_at is null and due_at >= ? and due_at <= ? then 1 else 0 end) as dueSoon,
				sum(case when decided_at is null and closed_at is null and due_at < ? then 1 else 0 end) as overdue,
				sum(case when status = 'committee' then 1 else 0 end) as committee,
				sum(case when assignee_id = ? and decided_at is null and closed_at is null and due_at >= ? and due_at <= ? then 1 else 0 end) as myDueSoon,
				sum(case when assignee_id = ? and decided_at is null and closed_at is null and due_at < ? then 1 else 0 end) as myOverdue,
				sum(case when assignee_id = ? and status = 'committee' then 1 else 0 end) as myCommittee
			from request where status <> 'closed'`
		)
		.get(t, soon, t, userId, t, soon, userId, t, userId) as Record<string, number | null>;
	const n = (k: string) => row[k] ?? 0;
	return {
		team: { dueSoon: n('dueSoon'), overdue: n('overdue'), committee: n('committee') },
		mine: { dueSoon: n('myDueSoon'), overdue: n('myOverdue'), committee: n('myCommittee') }
	};
}

/** Officers who may be assigned (active staff who manage requests). */
export function officers(): { id: number; name: string }[] {
	return getDb()
		.select({ id: user.id, name: user.name })
		.from(user)
		.where(and(inArray(user.role, ['admin', 'relations']), isNull(user.disabledAt)))
		.orderBy(asc(user.name))
		.all();
}

// ---------------------------------------------------------------- export

export const EXPORT_LIMIT = 50_000;

/** Rows for CSV/XLSX export: no beneficiary details (ids only), already escaped. */
export function exportRows(
	f: ListFilters,
	locale: Locale,
	labels: {
		kind: (k: string) => string;
		status: (s: string) => string;
		decision: (d: string) => string;
		headers: string[];
		/** Roles with requests.personal get the subjects as typed; others the redacted copies. */
		personal?: boolean;
	},
	now = new Date()
): string[][] {
	const personal = !!labels.personal;
	const db = getDb();
	const channels = new Map(listChannels().map((c) => [c.id, localName(c, locale)]));
	const slas = new Map<number | null, ReturnType<typeof slaSettings>>();
	const slaOf = (typeId: number | null) => {
		let s = slas.get(typeId);
		if (!s) slas.set(typeId, (s = slaSettings(typeId)));
		return s;
	};
	const rows = db
		.select(listColumns)
		.from(request)
		.leftJoin(user, eq(user.id, request.assigneeId))
		.where(whereOf(f, now))
		.orderBy(desc(request.receivedAt))
		.limit(EXPORT_LIMIT)
		.all();
	const out: string[][] = [labels.headers];
	for (const r of rows) {
		const st = slaStatus(r.receivedAt, r.decidedAt, now, slaOf(r.typeId));
		out.push(
			[
				r.code,
				channels.get(r.channelId) ?? '',
				labels.kind(r.kind),
				reveal(r.subject, r.subjectEnc, personal),
				(personal ? r.referenceNo : redactOpt(r.referenceNo)) ?? '',
				r.receivedAt.toISOString(),
				labels.status(r.status),
				r.decision ? labels.decision(r.decision) : '',
				r.decidedAt ? r.decidedAt.toISOString() : '',
				r.dueAt.toISOString(),
				r.decidedAt
					? ((r.decidedAt.getTime() - r.receivedAt.getTime()) / 86_400_000).toFixed(2)
					: '',
				st.state,
				r.assigneeName ?? ''
			].map((c) => String(safeCell(c)))
		);
	}
	return out;
}

export function toCsv(rows: string[][]): string {
	return spreadsheet.csv(rows);
}

export function toXlsx(rows: string[][], sheetName: string, rtl = true): Promise<Uint8Array> {
	return spreadsheet.xlsx(rows, { sheet: sheetName, rtl });
}

// ---------------------------------------------------------------- breaches

/** Requests past due with no decision that were not yet notified; marks them and returns them. */
export function markBreaches(now = new Date()): {
	id: number;
	code: string;
	assigneeEmail: string | null;
	assigneeLocale: string | null;
	dueAt: Date;
}[] {
	const db = getDb();
	return db.transaction((tx) => {
		const rows = tx
			.select({
				id: request.id,
				code: request.code,
				dueAt: request.dueAt,
				assigneeEmail: user.email,
				assigneeLocale: user.locale,
				disabled: user.disabledAt
			})
			.from(request)
			.leftJoin(user, eq(user.id, request.assigneeId))
			.where(
				and(
					isNull(request.decidedAt),
					isNull(request.closedAt),
					isNull(request.breachNotifiedAt),
					lt(request.dueAt, now)
				)
			)
			.all();
		if (rows.length)
			tx.update(request)
				.set({ breachNotifiedAt: now })
				.where(
					inArray(
						request.id,
						rows.map((r) => r.id)
					)
				)
				.run();
		return rows.map((r) => ({
			id: r.id,
			code: r.code,
			dueAt: r.dueAt,
			assigneeEmail: r.disabled ? null : r.assigneeEmail,
			assigneeLocale: r.assigneeLocale
		}));
	});
}
