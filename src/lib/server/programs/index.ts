/**
 * Programs, services, events and aid distributions. Status planned → running → ended;
 * ending (by hand, or by the daily job on the end date) invites the enrolled beneficiaries.
 * Per-program figures are computed in SQL (one grouped query over indexed columns).
 */
import { and, desc, eq, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import * as audit from '../audit';
import { blindIndex } from '../crypto';
import { getDb } from '../db';
import { beneficiary, enrollment, invitation, program, response } from '../db/schema';
import { localDate } from '../../dates';
import { createForProgram, hashToken, type NewInvitation } from '../invitations';
import { log } from '../log';
import * as scheduler from '../scheduler';
import * as settings from '../settings';
import { rateOf, rateSql } from '../indicators/responseRate';

export const KINDS = ['program', 'service', 'event', 'aid'] as const;
export const STATUSES = ['planned', 'running', 'ended'] as const;
export type Kind = (typeof KINDS)[number];
export type Status = (typeof STATUSES)[number];
import type { Actor } from '../audit';
export type { Actor };

export type ProgramInput = {
	nameAr: string;
	nameEn: string;
	description: string;
	kind: Kind;
	startDate: string;
	endDate: string;
	surveyId: string;
	responsibleUserId: number | null;
};

export type ProgramStats = {
	enrolled: number;
	invited: number;
	opened: number;
	started: number;
	completed: number;
	/** Invitations delivered, and completed among them (the response rate's two terms). */
	delivered: number;
	responded: number;
	anonymous: number;
	csatN: number;
	csatSatisfied: number;
	/** THE response rate (indicators/responseRate.ts): responded ÷ delivered; null when none delivered. */
	responseRate: number | null;
	/** share of CSAT answers 4 or 5, null without answers. */
	csat: number | null;
};

// Spelled out: drizzle drops the table name of columns in one-table selects, which inside a
// correlated subquery would bind to the inner table.
const pid = sql.raw('"program"."id"');
const statsColumns = () => {
	const rate = rateSql('i');
	return {
		enrolled: sql<number>`(select count(*) from ${enrollment} e where e.program_id = ${pid})`,
		invited: sql<number>`(select count(*) from ${invitation} i where i.program_id = ${pid} and i.anonymous = 0)`,
		opened: sql<number>`(select count(*) from ${invitation} i where i.program_id = ${pid} and i.anonymous = 0 and i.opened_at is not null)`,
		started: sql<number>`(select count(*) from ${invitation} i where i.program_id = ${pid} and i.anonymous = 0 and i.started_at is not null)`,
		completed: sql<number>`(select count(*) from ${invitation} i where i.program_id = ${pid} and i.anonymous = 0 and i.completed_at is not null)`,
		anonymous: sql<number>`(select count(*) from ${response} r where r.program_id = ${pid} and r.anonymous = 1)`,
		csatN: sql<number>`(select count(r.csat) from ${response} r where r.program_id = ${pid})`,
		delivered: sql<number>`(select ${sql.raw(rate.delivered)} from ${invitation} i where i.program_id = ${pid})`,
		responded: sql<number>`(select ${sql.raw(rate.completed)} from ${invitation} i where i.program_id = ${pid})`,
		csatSatisfied: sql<number>`(select count(*) from ${response} r where r.program_id = ${pid} and r.csat >= 4)`
	};
};

function withRates<T extends Omit<ProgramStats, 'responseRate' | 'csat'>>(
	r: T
): T & Pick<ProgramStats, 'responseRate' | 'csat'> {
	return {
		...r,
		responseRate: rateOf({ completed: r.responded, delivered: r.delivered }),
		csat: r.csatN ? r.csatSatisfied / r.csatN : null
	};
}

export type ProgramRow = typeof program.$inferSelect & ProgramStats & { hasAnonymousLink: boolean };

export function list(opts: { status?: Status; archived?: boolean; q?: string } = {}): ProgramRow[] {
	const conds = [
		opts.archived ? sql`${program.archivedAt} is not null` : isNull(program.archivedAt)
	];
	if (opts.status) conds.push(eq(program.status, opts.status));
	if (opts.q?.trim()) {
		const like = `%${opts.q.trim().replace(/[%_]/g, '')}%`;
		conds.push(sql`(${program.nameAr} like ${like} or ${program.nameEn} like ${like})`);
	}
	return getDb()
		.select({ p: program, ...statsColumns() })
		.from(program)
		.where(and(...conds))
		.orderBy(desc(program.endDate), desc(program.id))
		.all()
		.map(({ p, ...s }) => ({ ...p, ...withRates(s), hasAnonymousLink: !!p.anonymousTokenHash }));
}

export function get(id: number): ProgramRow | undefined {
	const r = getDb()
		.select({ p: program, ...statsColumns() })
		.from(program)
		.where(eq(program.id, id))
		.get();
	if (!r) return undefined;
	const { p, ...s } = r;
	return { ...p, ...withRates(s), hasAnonymousLink: !!p.anonymousTokenHash };
}

function statusFor(input: { startDate: string; endDate: string }, today: string): Status {
	return input.startDate <= today ? 'running' : 'planned';
}

export function today(now = new Date()) {
	return localDate(now, settings.get().timeZone);
}

export function create(actor: Actor, input: ProgramInput, now = new Date()): number {
	const row = getDb()
		.insert(program)
		.values({ ...input, status: statusFor(input, today(now)) })
		.returning({ id: program.id })
		.get();
	audit.record({
		actorId: actor.id,
		action: 'program.create',
		targetType: 'program',
		targetId: row.id,
		ip: actor.ip
	});
	return row.id;
}

export function update(actor: Actor, id: number, input: ProgramInput, now = new Date()) {
	const before = get(id);
	if (!before) return;
	// An ended program keeps its status; otherwise the dates decide planned/running.
	const status = before.status === 'ended' ? 'ended' : statusFor(input, today(now));
	getDb()
		.update(program)
		.set({ ...input, status })
		.where(eq(program.id, id))
		.run();
	audit.record({
		actorId: actor.id,
		action: 'program.update',
		targetType: 'program',
		targetId: id,
		ip: actor.ip
	});
}

export function setArchived(actor: Actor, id: number, archived: boolean) {
	getDb()
		.update(program)
		.set({ archivedAt: archived ? new Date() : null })
		.where(eq(program.id, id))
		.run();
	audit.record({
		actorId: actor.id,
		action: archived ? 'program.archive' : 'program.unarchive',
		targetType: 'program',
		targetId: id,
		ip: actor.ip
	});
}

/** Ends the program (if not yet) and invites whoever is missing; idempotent. */
export function end(actor: Actor, id: number, now = new Date()): NewInvitation[] {
	const res = getDb()
		.update(program)
		.set({ status: 'ended', endedAt: now })
		.where(and(eq(program.id, id), ne(program.status, 'ended')))
		.run();
	const created = createForProgram(id, now);
	if (res.changes)
		audit.record({
			actorId: actor.id,
			action: 'program.end',
			targetType: 'program',
			targetId: id,
			details: { invitations: created.length },
			ip: actor.ip
		});
	return created;
}

/**
 * Daily: planned programs whose start date came become running; programs whose end date
 * passed are ended and invite their beneficiaries. Catches up on restart (scheduler.isDue).
 */
export function runDaily(now = new Date()): { started: number; ended: number } {
	const db = getDb();
	const d = today(now);
	const started = db
		.update(program)
		.set({ status: 'running' })
		.where(
			and(eq(program.status, 'planned'), lte(program.startDate, d), isNull(program.archivedAt))
		)
		.run().changes;
	const due = db
		.select({ id: program.id })
		.from(program)
		.where(and(ne(program.status, 'ended'), lt(program.endDate, d), isNull(program.archivedAt)))
		.all();
	let invitations = 0;
	for (const p of due) invitations += end({ id: null }, p.id, now).length;
	if (started || due.length)
		log('info', 'programs daily', { started, ended: due.length, invitations });
	return { started, ended: due.length };
}

scheduler.registerJob({ name: 'programs.daily', pattern: '5 0 * * *', run: () => void runDaily() });

// --- enrollment -------------------------------------------------------------------------

/** Enrolls many at once (existing pairs are ignored); an ended program invites them now. */
export function enroll(
	actor: Actor,
	programId: number,
	beneficiaryIds: number[]
): { added: number; invited: NewInvitation[] } {
	// Erased records are never enrolled again (their id is all that is left of them).
	beneficiaryIds = idsExisting(beneficiaryIds);
	if (!beneficiaryIds.length) return { added: 0, invited: [] };
	const db = getDb();
	let added = 0;
	db.transaction((tx) => {
		for (let i = 0; i < beneficiaryIds.length; i += 500) {
			const chunk = beneficiaryIds.slice(i, i + 500);
			added += tx
				.insert(enrollment)
				.values(chunk.map((beneficiaryId) => ({ programId, beneficiaryId })))
				.onConflictDoNothing()
				.run().changes;
		}
	});
	const status = db
		.select({ s: program.status })
		.from(program)
		.where(eq(program.id, programId))
		.get()?.s;
	const invited = status === 'ended' ? createForProgram(programId) : [];
	audit.record({
		actorId: actor.id,
		action: 'program.enroll',
		targetType: 'program',
		targetId: programId,
		details: { added },
		ip: actor.ip
	});
	return { added, invited };
}

export function unenroll(actor: Actor, programId: number, beneficiaryId: number) {
	getDb()
		.delete(enrollment)
		.where(and(eq(enrollment.programId, programId), eq(enrollment.beneficiaryId, beneficiaryId)))
		.run();
	audit.record({
		actorId: actor.id,
		action: 'program.unenroll',
		targetType: 'program',
		targetId: programId,
		ip: actor.ip
	});
}

/** Enrolled beneficiaries (ids and invitation state) of one program, paged. */
export function enrolled(programId: number, opts: { limit?: number; offset?: number } = {}) {
	const db = getDb();
	const total = db
		.select({ n: sql<number>`count(*)` })
		.from(enrollment)
		.where(eq(enrollment.programId, programId))
		.get()!.n;
	const rows = db
		.select({
			beneficiaryId: enrollment.beneficiaryId,
			consent: beneficiary.consentContact,
			invitationId: invitation.id,
			openedAt: invitation.openedAt,
			completedAt: invitation.completedAt,
			expiresAt: invitation.expiresAt
		})
		.from(enrollment)
		.innerJoin(beneficiary, eq(beneficiary.id, enrollment.beneficiaryId))
		.leftJoin(
			invitation,
			and(
				eq(invitation.programId, enrollment.programId),
				eq(invitation.beneficiaryId, enrollment.beneficiaryId)
			)
		)
		.where(eq(enrollment.programId, programId))
		.orderBy(desc(enrollment.enrolledAt), desc(enrollment.beneficiaryId))
		.limit(opts.limit ?? 100)
		.offset(opts.offset ?? 0)
		.all();
	return { total, rows };
}

export function programsOf(beneficiaryId: number) {
	return getDb()
		.select({
			id: program.id,
			nameAr: program.nameAr,
			nameEn: program.nameEn,
			status: program.status
		})
		.from(enrollment)
		.innerJoin(program, eq(program.id, enrollment.programId))
		.where(eq(enrollment.beneficiaryId, beneficiaryId))
		.orderBy(desc(program.endDate))
		.all();
}

/** Programs one can still enroll people in (not archived). */
export function options() {
	return getDb()
		.select({
			id: program.id,
			nameAr: program.nameAr,
			nameEn: program.nameEn,
			status: program.status
		})
		.from(program)
		.where(isNull(program.archivedAt))
		.orderBy(desc(program.id))
		.all();
}

// --- anonymous walk-in link ---------------------------------------------------------------

/**
 * The walk-in link is meant to be printed and shared, so staff must be able to show it again:
 * its token is derived from the program id and issue time under the server key (keyed HMAC),
 * and only its hash is stored for lookup. Re-issuing changes the time, so old posters stop working.
 */
function anonymousToken(id: number, at: Date): string {
	return 'a' + blindIndex(`anon-link:${id}:${at.getTime()}`).slice(0, 32);
}

export function setAnonymousLink(
	actor: Actor,
	id: number,
	enabled: boolean,
	now = new Date()
): string | null {
	const token = enabled ? anonymousToken(id, now) : null;
	getDb()
		.update(program)
		.set({
			anonymousTokenHash: token ? hashToken(token) : null,
			anonymousLinkAt: enabled ? now : null
		})
		.where(eq(program.id, id))
		.run();
	audit.record({
		actorId: actor.id,
		action: enabled ? 'program.anonymousLink' : 'program.anonymousLinkOff',
		targetType: 'program',
		targetId: id,
		ip: actor.ip
	});
	return token;
}

export function anonymousLinkToken(p: {
	id: number;
	anonymousLinkAt: Date | null;
	anonymousTokenHash: string | null;
}): string | null {
	return p.anonymousLinkAt && p.anonymousTokenHash ? anonymousToken(p.id, p.anonymousLinkAt) : null;
}

export function findByAnonymousToken(token: string) {
	if (!/^a[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
	return getDb()
		.select({ id: program.id, surveyId: program.surveyId, archivedAt: program.archivedAt })
		.from(program)
		.where(eq(program.anonymousTokenHash, hashToken(token)))
		.get();
}

export function idsExisting(ids: number[]): number[] {
	if (!ids.length) return [];
	return getDb()
		.select({ id: beneficiary.id })
		.from(beneficiary)
		.where(and(inArray(beneficiary.id, ids), isNull(beneficiary.erasedAt)))
		.all()
		.map((r) => r.id);
}
