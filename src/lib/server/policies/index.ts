/**
 * The policy register (سجل السياسات): the association's policy documents as the board
 * approved them (version, meeting, approval and next review dates, the signed file), the
 * review reminder, and the clause → indicator map the quarterly report reads as "what we
 * promised, what we measured".
 *
 * "Current" = the latest approved version of each title (by approval date, then id); older
 * versions stay in the register but never remind anyone and never reach the report.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import * as audit from '../audit';
import { getDb } from '../db';
import { policy, policyClause, policyFile, user } from '../db/schema';
import { type IndicatorKey } from '../db/schema/reports';
import { addDays } from '../../dates';

export type Policy = typeof policy.$inferSelect;
export type Clause = typeof policyClause.$inferSelect;
import type { Actor } from '../audit';

/** A review is "near" this many days before its date (banner and one e-mail), "past" from the day itself. */
export const NEAR_DAYS = 30;
/** The signed file: PDF or Word, at most 5 MB (under npm start's 10 MB BODY_SIZE_LIMIT). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const FILE_TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	doc: 'application/msword'
};

export type PolicyInput = {
	titleAr: string;
	titleEn: string;
	version: string;
	approvedBy: string;
	boardMeeting: string;
	approvedOn: string;
	nextReviewOn: string;
	published: boolean;
};

export type ReviewState = 'ok' | 'near' | 'past';

/** 'past' from the review date on, 'near' within NEAR_DAYS before it. */
export function reviewState(nextReviewOn: string, today: string): ReviewState {
	if (nextReviewOn <= today) return 'past';
	if (nextReviewOn <= addDays(today, NEAR_DAYS)) return 'near';
	return 'ok';
}

/** SQL: this row is the latest version of its title approved before `before` (exclusive), or ever. */
function latestOfTitle(before?: string) {
	return sql`not exists (select 1 from policy p2 where p2.title_ar = ${policy.titleAr}
		and (p2.approved_on > ${policy.approvedOn} or (p2.approved_on = ${policy.approvedOn} and p2.id > ${policy.id}))
		${before ? sql`and p2.approved_on < ${before}` : sql``})`;
}

export type PolicyRow = Policy & {
	clauses: number;
	fileName: string | null;
	fileSize: number | null;
	current: boolean;
};

export function list(): PolicyRow[] {
	return getDb()
		.select({
			...getColumns(),
			clauses: sql<number>`(select count(*) from policy_clause c where c.policy_id = ${policy.id})`,
			fileName: policyFile.name,
			fileSize: policyFile.size,
			current: sql<number>`${latestOfTitle()}`
		})
		.from(policy)
		.leftJoin(policyFile, eq(policyFile.policyId, policy.id))
		.orderBy(desc(policy.approvedOn), desc(policy.id))
		.all()
		.map((r) => ({ ...r, current: !!r.current }));
}

function getColumns() {
	const {
		id,
		titleAr,
		titleEn,
		version,
		approvedBy,
		boardMeeting,
		approvedOn,
		nextReviewOn,
		published,
		noticeStage,
		noticeFor,
		createdBy,
		createdAt,
		updatedAt
	} = policy;
	return {
		id,
		titleAr,
		titleEn,
		version,
		approvedBy,
		boardMeeting,
		approvedOn,
		nextReviewOn,
		published,
		noticeStage,
		noticeFor,
		createdBy,
		createdAt,
		updatedAt
	};
}

export function get(id: number): Policy | undefined {
	return getDb().select().from(policy).where(eq(policy.id, id)).get();
}

export function isCurrent(id: number): boolean {
	return !!getDb()
		.select({ id: policy.id })
		.from(policy)
		.where(and(eq(policy.id, id), latestOfTitle()))
		.get();
}

export function create(actor: Actor, input: PolicyInput, at = new Date()): number {
	const row = getDb()
		.insert(policy)
		.values({ ...input, createdBy: actor.id, createdAt: at, updatedAt: at })
		.returning({ id: policy.id })
		.get();
	audit.record({
		actorId: actor.id,
		action: 'policy.create',
		targetType: 'policy',
		targetId: row.id,
		details: { version: input.version },
		ip: actor.ip
	});
	return row.id;
}

export function update(actor: Actor, id: number, input: PolicyInput, at = new Date()) {
	const cur = get(id);
	if (!cur) return false;
	getDb()
		.update(policy)
		.set({
			...input,
			updatedAt: at,
			// A new review date starts the reminders over.
			...(input.nextReviewOn !== cur.nextReviewOn ? { noticeStage: null, noticeFor: null } : {})
		})
		.where(eq(policy.id, id))
		.run();
	audit.record({
		actorId: actor.id,
		action: 'policy.update',
		targetType: 'policy',
		targetId: id,
		details: {
			changed: (Object.keys(input) as (keyof PolicyInput)[]).filter((k) => cur[k] !== input[k])
		},
		ip: actor.ip
	});
	return true;
}

export function remove(actor: Actor, id: number) {
	getDb().delete(policy).where(eq(policy.id, id)).run();
	audit.record({
		actorId: actor.id,
		action: 'policy.delete',
		targetType: 'policy',
		targetId: id,
		ip: actor.ip
	});
}

/** The file's extension decides its type (browsers send anything); null when not accepted. */
export function fileType(name: string): string | null {
	const ext = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toLowerCase();
	return ext ? (FILE_TYPES[ext] ?? null) : null;
}

/** A PDF starts with %PDF, a .docx is a zip (PK), a .doc an OLE file: the bytes must agree. */
export function looksLike(type: string, data: Uint8Array): boolean {
	const head = Buffer.from(data.subarray(0, 8));
	if (type === FILE_TYPES.pdf) return head.subarray(0, 4).toString('latin1') === '%PDF';
	if (type === FILE_TYPES.docx) return head[0] === 0x50 && head[1] === 0x4b;
	if (type === FILE_TYPES.doc) return head.toString('hex') === 'd0cf11e0a1b11ae1';
	return false;
}

export function setFile(actor: Actor, id: number, f: { name: string; data: Uint8Array }) {
	const type = fileType(f.name);
	if (!type) throw new Error('file type not accepted');
	// Only the base name, no path, no control characters: it goes into a header on download.
	const name = [...(f.name.split(/[\\/]/).pop() ?? 'policy')]
		.filter((c) => c.charCodeAt(0) >= 0x20 && c !== '"')
		.join('');
	const data = Buffer.from(f.data);
	const sha256 = createHash('sha256').update(data).digest('hex');
	const row = { name, type, size: data.length, sha256, data, uploadedAt: new Date() };
	getDb()
		.insert(policyFile)
		.values({ policyId: id, ...row })
		.onConflictDoUpdate({ target: policyFile.policyId, set: row })
		.run();
	audit.record({
		actorId: actor.id,
		action: 'policy.file',
		targetType: 'policy',
		targetId: id,
		details: { size: data.length, sha256 },
		ip: actor.ip
	});
}

export function removeFile(actor: Actor, id: number) {
	getDb().delete(policyFile).where(eq(policyFile.policyId, id)).run();
	audit.record({
		actorId: actor.id,
		action: 'policy.fileRemove',
		targetType: 'policy',
		targetId: id,
		ip: actor.ip
	});
}

export function fileMeta(id: number) {
	return getDb()
		.select({
			name: policyFile.name,
			type: policyFile.type,
			size: policyFile.size,
			sha256: policyFile.sha256,
			uploadedAt: policyFile.uploadedAt
		})
		.from(policyFile)
		.where(eq(policyFile.policyId, id))
		.get();
}

export function file(id: number) {
	return getDb().select().from(policyFile).where(eq(policyFile.policyId, id)).get();
}

// ---- clauses ----

export function clauses(policyId: number): Clause[] {
	return getDb()
		.select()
		.from(policyClause)
		.where(eq(policyClause.policyId, policyId))
		.orderBy(asc(policyClause.sort), asc(policyClause.id))
		.all();
}

export type ClauseInput = { ref: string; textAr: string; textEn: string; indicator: IndicatorKey };

export function addClause(actor: Actor, policyId: number, input: ClauseInput): number {
	const sort =
		getDb()
			.select({ m: sql<number>`coalesce(max(${policyClause.sort}), 0)` })
			.from(policyClause)
			.where(eq(policyClause.policyId, policyId))
			.get()!.m + 1;
	const row = getDb()
		.insert(policyClause)
		.values({ policyId, ...input, sort })
		.returning({ id: policyClause.id })
		.get();
	audit.record({
		actorId: actor.id,
		action: 'policy.clause',
		targetType: 'policy',
		targetId: policyId,
		details: { indicator: input.indicator },
		ip: actor.ip
	});
	return row.id;
}

export function removeClause(actor: Actor, policyId: number, clauseId: number) {
	getDb()
		.delete(policyClause)
		.where(and(eq(policyClause.id, clauseId), eq(policyClause.policyId, policyId)))
		.run();
	audit.record({
		actorId: actor.id,
		action: 'policy.clauseRemove',
		targetType: 'policy',
		targetId: policyId,
		ip: actor.ip
	});
}

// ---- reviews ----

export type Due = {
	id: number;
	titleAr: string;
	titleEn: string;
	version: string;
	nextReviewOn: string;
	state: Exclude<ReviewState, 'ok'>;
};

/** Current policies whose review is near or past (for the banner and the reminder), soonest first. */
export function reviewsDue(today: string): Due[] {
	return getDb()
		.select({
			id: policy.id,
			titleAr: policy.titleAr,
			titleEn: policy.titleEn,
			version: policy.version,
			nextReviewOn: policy.nextReviewOn,
			noticeStage: policy.noticeStage,
			noticeFor: policy.noticeFor
		})
		.from(policy)
		.where(and(sql`${policy.nextReviewOn} <= ${addDays(today, NEAR_DAYS)}`, latestOfTitle()))
		.orderBy(asc(policy.nextReviewOn), asc(policy.id))
		.all()
		.map((r) => ({
			id: r.id,
			titleAr: r.titleAr,
			titleEn: r.titleEn,
			version: r.version,
			nextReviewOn: r.nextReviewOn,
			state: reviewState(r.nextReviewOn, today) as Due['state']
		}));
}

/**
 * The reviews whose notice has not been sent yet at their current stage (near, then past),
 * marked as sent. The caller e-mails them; each stage goes out once per review date.
 */
export function takeNotices(today: string): Due[] {
	const db = getDb();
	return db.transaction(() => {
		const out: Due[] = [];
		for (const d of reviewsDue(today)) {
			const cur = db
				.select({ stage: policy.noticeStage, for: policy.noticeFor })
				.from(policy)
				.where(eq(policy.id, d.id))
				.get()!;
			const sent = cur.for === d.nextReviewOn ? cur.stage : null;
			if (sent === d.state || sent === 'past') continue;
			db.update(policy)
				.set({ noticeStage: d.state, noticeFor: d.nextReviewOn })
				.where(eq(policy.id, d.id))
				.run();
			out.push(d);
		}
		return out;
	});
}

/** Who gets the review reminder: active admins and quality officers. */
export function reviewRecipients() {
	return getDb()
		.select({ email: user.email, locale: user.locale })
		.from(user)
		.where(and(inArray(user.role, ['admin', 'quality']), isNull(user.disabledAt)))
		.all();
}

// ---- public and report views ----

/** The policy shown on /transparency: the latest current published one, with its file's metadata. */
export function publicPolicy() {
	const p = getDb()
		.select()
		.from(policy)
		.where(and(eq(policy.published, true), latestOfTitle()))
		.orderBy(desc(policy.approvedOn), desc(policy.id))
		.get();
	if (!p) return null;
	const f = fileMeta(p.id);
	return {
		id: p.id,
		titleAr: p.titleAr,
		titleEn: p.titleEn,
		version: p.version,
		approvedOn: p.approvedOn,
		boardMeeting: p.boardMeeting,
		file: f ? { name: f.name, size: f.size, type: f.type } : null
	};
}

/** Whether a policy's file may be downloaded without signing in (it is the public one). */
export function isPublicFile(id: number): boolean {
	return publicPolicy()?.id === id;
}

export type InForce = Pick<Policy, 'id' | 'titleAr' | 'titleEn' | 'version' | 'approvedOn'> & {
	clauses: Clause[];
};

/** The policies in force at the end of a range (latest version of each title approved before `to`), with their clauses. */
export function inForce(to: string): InForce[] {
	const ps = getDb()
		.select({
			id: policy.id,
			titleAr: policy.titleAr,
			titleEn: policy.titleEn,
			version: policy.version,
			approvedOn: policy.approvedOn
		})
		.from(policy)
		.where(and(sql`${policy.approvedOn} < ${to}`, latestOfTitle(to)))
		.orderBy(asc(policy.titleAr), asc(policy.id))
		.all();
	return ps.map((p) => ({ ...p, clauses: clauses(p.id) })).filter((p) => p.clauses.length > 0);
}
