import { localName, type Locale } from '$lib/i18n/locales';
/**
 * Beneficiaries' requests: the register, its timeline and the two-week promise.
 * Status, due date, decision and decision time are derived from the timeline (lifecycle.ts)
 * and cached in the request row in the same transaction, so lists filter with indexes.
 * Never log or audit personal data: ids only.
 */
import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import * as spreadsheet from '../spreadsheet';
import { safeCell } from '../spreadsheet';
import * as audit from '../audit';
import * as beneficiaries from '../beneficiaries';
import { getDb } from '../db';
import {
	channel,
	holiday,
	request,
	requestEvent,
	settings as settingsTable,
	user
} from '../db/schema';
import * as settings from '../settings';
import { decryptOpt, encryptOpt } from '../crypto';
import { redact, redactOpt, reveal, seal } from '../redact';
import { DUE_SOON_DAYS, dueAt as computeDueAt, slaStatus, type SlaSettings } from './sla';
import { localDate } from '../../dates';
import {
	ANONYMOUS_KINDS,
	RequestError,
	derive,
	nextSteps,
	validateStep,
	type EventData,
	type EventType,
	type Kind,
	type Status,
	type TimelineEvent
} from './lifecycle';
import { onRequestClosed } from './hooks';

export * from './lifecycle';

import type { Actor } from '../audit';
export type { Actor };

// ---------------------------------------------------------------- channels

export const DEFAULT_CHANNELS = [
	{ key: 'interview', nameAr: 'المقابلة', nameEn: 'In-person interview' },
	{ key: 'phone', nameAr: 'الاتصالات الهاتفية', nameEn: 'Phone calls' },
	{ key: 'social', nameAr: 'وسائل التواصل الاجتماعي', nameEn: 'Social media' },
	{ key: 'letter', nameAr: 'الخطابات', nameEn: 'Letters' },
	{ key: 'help_request', nameAr: 'خدمات طلب المساعدة', nameEn: 'Help request services' },
	{ key: 'volunteering', nameAr: 'خدمة التطوع', nameEn: 'Volunteering service' },
	{ key: 'website', nameAr: 'الموقع الإلكتروني', nameEn: 'Website' },
	{ key: 'branch', nameAr: 'مناديب المكاتب الفرعية', nameEn: 'Branch office representatives' }
] as const;

/** Inserts the eight policy channels when the table is empty (production too). */
export function ensureChannels() {
	const db = getDb();
	const n = db
		.select({ n: sql<number>`count(*)` })
		.from(channel)
		.get()!.n;
	if (n > 0) return;
	db.insert(channel)
		.values(DEFAULT_CHANNELS.map((c, i) => ({ ...c, sort: (i + 1) * 10, active: true })))
		.run();
}

export type Channel = typeof channel.$inferSelect;

export function listChannels(opts: { activeOnly?: boolean } = {}): Channel[] {
	const q = getDb().select().from(channel);
	return (opts.activeOnly ? q.where(eq(channel.active, true)) : q)
		.orderBy(asc(channel.sort), asc(channel.id))
		.all();
}

export function channelByKey(key: string): Channel | undefined {
	return getDb().select().from(channel).where(eq(channel.key, key)).get();
}

export function saveChannel(
	actor: Actor,
	input: {
		id?: number;
		key?: string;
		nameAr: string;
		nameEn: string;
		sort: number;
		active: boolean;
	}
) {
	const db = getDb();
	if (input.id) {
		db.update(channel)
			.set({ nameAr: input.nameAr, nameEn: input.nameEn, sort: input.sort, active: input.active })
			.where(eq(channel.id, input.id))
			.run();
		audit.record({
			actorId: actor.id,
			action: 'channel.update',
			targetType: 'channel',
			targetId: input.id,
			ip: actor.ip
		});
		return input.id;
	}
	const key = input.key!;
	if (channelByKey(key)) throw new RequestError('key', 'channels.keyTaken');
	const id = db
		.insert(channel)
		.values({
			key,
			nameAr: input.nameAr,
			nameEn: input.nameEn,
			sort: input.sort,
			active: input.active
		})
		.returning({ id: channel.id })
		.get().id;
	audit.record({
		actorId: actor.id,
		action: 'channel.create',
		targetType: 'channel',
		targetId: id,
		ip: actor.ip
	});
	return id;
}

// ---------------------------------------------------------------- SLA settings

export function listHolidays(): { date: string; name: string }[] {
	return getDb().select().from(holiday).orderBy(asc(holiday.date)).all();
}

/** The SLA settings, in the association's time zone. */
export function slaSettings(): SlaSettings & { timeZone: string } {
	const s = settings.get();
	return {
		days: s.slaDays,
		mode: s.slaMode,
		holidays: listHolidays().map((h) => h.date),
		timeZone: s.timeZone
	};
}

/** Saves SLA days/mode and replaces the holiday list; recomputes the due date of open requests. */
export function saveSla(
	actor: Actor,
	input: { days: number; mode: 'calendar' | 'working'; holidays: string[] }
) {
	const db = getDb();
	db.transaction((tx) => {
		tx.update(settingsTable)
			.set({ slaDays: input.days, slaMode: input.mode, updatedAt: new Date() })
			.where(eq(settingsTable.id, 1))
			.run();
		tx.delete(holiday).run();
		if (input.holidays.length)
			tx.insert(holiday)
				.values([...new Set(input.holidays)].map((date) => ({ date, name: '' })))
				.run();
	});
	const sla = slaSettings();
	const open = db
		.select({ id: request.id, receivedAt: request.receivedAt })
		.from(request)
		.where(isNull(request.decidedAt))
		.all();
	const upd = db.$client.prepare('update request set due_at = ? where id = ?');
	db.$client.transaction(() => {
		for (const r of open) upd.run(computeDueAt(r.receivedAt, sla).getTime(), r.id);
	})();
	audit.record({
		actorId: actor.id,
		action: 'requests.sla.update',
		targetType: 'settings',
		targetId: 1,
		details: {
			days: input.days,
			mode: input.mode,
			holidays: input.holidays.length,
			recomputed: open.length
		},
		ip: actor.ip
	});
}

// ---------------------------------------------------------------- create

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A public tracking code like "K7QM-4XPA" (40 bits; not guessable, easy to read aloud). */
export function newCode(): string {
	let s = '';
	for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return s.slice(0, 4) + '-' + s.slice(4);
}

export type BeneficiaryPick =
	| { mode: 'existing'; id: number }
	| {
			mode: 'new';
			name: string;
			mobile: string;
			email?: string | null;
			consentContact: boolean;
			locale?: Locale;
	  }
	| { mode: 'anonymous' };

export type CreateInput = {
	channelId: number;
	kind: Kind;
	beneficiary: BeneficiaryPick;
	subject: string;
	details?: string;
	referenceNo?: string | null;
	receivedAt?: Date;
	backdateReason?: string | null;
	assigneeId?: number | null;
};

/** Back-dating beyond this needs a reason (a letter that arrived days ago). */
const BACKDATE_GRACE_MS = 60 * 60_000;

/** Resolves the beneficiary choice to an id (creating one, or linking an existing mobile). */
export function resolveBeneficiary(actor: Actor, kind: Kind, pick: BeneficiaryPick): number | null {
	if (pick.mode === 'anonymous') {
		if (!ANONYMOUS_KINDS.includes(kind))
			throw new RequestError('beneficiaryMode', 'requests.err.anonymousNotAllowed');
		return null;
	}
	if (pick.mode === 'existing') {
		const b = Number.isInteger(pick.id) && pick.id > 0 ? beneficiaries.get(pick.id) : undefined;
		if (!b || b.erasedAt)
			throw new RequestError('beneficiaryId', 'requests.err.unknownBeneficiary');
		return b.id;
	}
	try {
		return beneficiaries.create(actor, {
			name: pick.name,
			mobile: pick.mobile,
			email: pick.email ?? null,
			consentContact: pick.consentContact,
			locale: pick.locale
		});
	} catch (e) {
		if (e instanceof beneficiaries.InvalidMobileError)
			throw new RequestError('mobile', 'requests.err.mobile');
		// Same mobile: the same person, link (their record is not overwritten by what was typed).
		if (e instanceof beneficiaries.DuplicateBeneficiaryError && e.field === 'mobile')
			return e.existingId;
		// Same email but another mobile: never attach to someone else's record on an email
		// alone (anyone can type an address); register the person without the email.
		if (e instanceof beneficiaries.DuplicateBeneficiaryError && e.field === 'email') {
			try {
				return beneficiaries.create(actor, {
					name: pick.name,
					mobile: pick.mobile,
					email: null,
					consentContact: pick.consentContact,
					locale: pick.locale
				});
			} catch (e2) {
				if (e2 instanceof beneficiaries.DuplicateBeneficiaryError) return e2.existingId;
				throw e2;
			}
		}
		throw e;
	}
}

export function create(
	actor: Actor,
	input: CreateInput,
	now = new Date()
): { id: number; code: string } {
	const db = getDb();
	const ch = db.select().from(channel).where(eq(channel.id, input.channelId)).get();
	if (!ch) throw new RequestError('channelId', 'requests.err.channel');
	const receivedAt = input.receivedAt ?? now;
	if (Number.isNaN(receivedAt.getTime())) throw new RequestError('receivedAt', 'errors.invalid');
	if (receivedAt.getTime() > now.getTime() + 5 * 60_000)
		throw new RequestError('receivedAt', 'requests.err.future');
	if (now.getTime() - receivedAt.getTime() > BACKDATE_GRACE_MS && !input.backdateReason)
		throw new RequestError('backdateReason', 'requests.err.backdateReason');
	if (
		input.assigneeId != null &&
		!db.select({ id: user.id }).from(user).where(eq(user.id, input.assigneeId)).get()
	) {
		throw new RequestError('assigneeId', 'errors.choice');
	}
	// Validate the beneficiary choice before creating anything.
	if (input.beneficiary.mode === 'existing' || input.beneficiary.mode === 'anonymous')
		resolveBeneficiary(actor, input.kind, input.beneficiary);
	const sla = slaSettings();
	const result = db.transaction((tx) => {
		const beneficiaryId = resolveBeneficiary(actor, input.kind, input.beneficiary);
		// Free text is stored redacted (the requester's names masked); originals encrypted.
		const who = {
			names: [
				input.beneficiary.mode === 'new' ? input.beneficiary.name : null,
				beneficiaryId ? beneficiaries.get(beneficiaryId)?.name : null
			]
		};
		const subject = seal(input.subject, who);
		const details = seal(input.details ?? '', who);
		let code = newCode();
		while (tx.select({ id: request.id }).from(request).where(eq(request.code, code)).get())
			code = newCode();
		const row = tx
			.insert(request)
			.values({
				code,
				channelId: ch.id,
				kind: input.kind,
				beneficiaryId,
				subject: subject.shown,
				subjectEnc: subject.original,
				details: details.shown,
				detailsEnc: details.original,
				referenceNo: input.referenceNo || null,
				receivedAt,
				receivedLocalDate: localDate(receivedAt, sla.timeZone),
				backdateReason: redactOpt(input.backdateReason || null, who),
				assigneeId: input.assigneeId ?? actor.id,
				createdBy: actor.id,
				status: 'received',
				dueAt: computeDueAt(receivedAt, sla)
			})
			.returning({ id: request.id })
			.get();
		tx.insert(requestEvent)
			.values({ requestId: row.id, type: 'received', at: receivedAt, userId: actor.id, data: null })
			.run();
		return { id: row.id, code };
	});
	audit.record({
		actorId: actor.id,
		action: 'request.create',
		targetType: 'request',
		targetId: result.id,
		details: { channel: ch.key, kind: input.kind },
		ip: actor.ip
	});
	return result;
}

// ---------------------------------------------------------------- events

/** The free-text fields of an event's data (the rest are choices, flags and ids). */
export const EVENT_TEXT_FIELDS = ['missing', 'reason', 'association', 'text'] as const;

/** An event's data as stored: free text redacted; the data as typed, encrypted, when it differs. */
export function sealEventData(
	data: EventData | null,
	names: (string | null | undefined)[]
): { shown: string | null; original: string | null } {
	if (!data) return { shown: null, original: null };
	const shown: EventData = { ...data };
	for (const k of EVENT_TEXT_FIELDS)
		if (typeof shown[k] === 'string') shown[k] = redact(shown[k], { names });
	const a = JSON.stringify(shown);
	const b = JSON.stringify(data);
	return { shown: a, original: a === b ? null : encryptOpt(b) };
}

function timeline(
	requestId: number,
	personal = false
): (TimelineEvent & { id: number; userId: number | null })[] {
	return getDb()
		.select()
		.from(requestEvent)
		.where(eq(requestEvent.requestId, requestId))
		.orderBy(asc(requestEvent.at), asc(requestEvent.id))
		.all()
		.map((e) => {
			const raw = personal && e.dataEnc ? decryptOpt(e.dataEnc) : e.data;
			return {
				id: e.id,
				type: e.type,
				at: e.at,
				userId: e.userId,
				data: raw ? (JSON.parse(raw) as EventData) : null
			};
		});
}

/** The decrypted name of a request's beneficiary (to mask it in notes about them). */
function requesterName(beneficiaryId: number | null): string | null {
	return beneficiaryId ? (beneficiaries.get(beneficiaryId)?.name ?? null) : null;
}

/** Appends a step to the timeline (validated) and updates the cached status in one transaction. */
export function addEvent(
	actor: Actor,
	requestId: number,
	input: { type: EventType; at?: Date; data?: EventData | null },
	now = new Date()
): void {
	const db = getDb();
	let closed = false;
	db.transaction((tx) => {
		const r = tx.select().from(request).where(eq(request.id, requestId)).get();
		if (!r) throw new RequestError('_form', 'requests.err.notFound');
		const events = timeline(requestId, true);
		const next: TimelineEvent = { type: input.type, at: input.at ?? now, data: input.data ?? null };
		validateStep(r.kind, r.receivedAt, events, next, now);
		if (next.type === 'assigned') {
			const to = next.data?.assigneeId;
			if (!to || !tx.select({ id: user.id }).from(user).where(eq(user.id, to)).get())
				throw new RequestError('assigneeId', 'errors.choice');
		}
		const data = sealEventData(next.data, [requesterName(r.beneficiaryId)]);
		tx.insert(requestEvent)
			.values({
				requestId,
				type: next.type,
				at: next.at,
				userId: actor.id,
				data: data.shown,
				dataEnc: data.original
			})
			.run();
		const d = derive([...events, next]);
		tx.update(request)
			.set({
				status: d.status,
				decision: d.decision,
				decidedAt: d.decidedAt,
				closedAt: d.closedAt,
				...(next.type === 'assigned' ? { assigneeId: next.data!.assigneeId! } : {})
			})
			.where(eq(request.id, requestId))
			.run();
		closed = next.type === 'closed';
	});
	audit.record({
		actorId: actor.id,
		action: 'request.event',
		targetType: 'request',
		targetId: requestId,
		details: { type: input.type },
		ip: actor.ip
	});
	if (closed) onRequestClosed(requestId);
}

// ---------------------------------------------------------------- read

export type RequestDetail = {
	id: number;
	code: string;
	channel: { id: number; key: string; nameAr: string; nameEn: string };
	kind: Kind;
	beneficiaryId: number | null;
	subject: string;
	details: string;
	referenceNo: string | null;
	receivedAt: Date;
	backdateReason: string | null;
	assignee: { id: number; name: string } | null;
	status: Status;
	decision: string | null;
	decidedAt: Date | null;
	closedAt: Date | null;
	dueAt: Date;
	sla: ReturnType<typeof slaStatus>;
	/** ms from receipt to the first decision/answer; null while waiting. */
	responseMs: number | null;
	nextSteps: string[];
	events: { id: number; type: EventType; at: Date; user: string | null; data: EventData | null }[];
};

/**
 * One request with its timeline. Free text (subject, details, notes) as typed only with
 * `personal` (roles with requests.personal); otherwise the redacted copies.
 */
export function get(
	id: number,
	now = new Date(),
	opts: { personal?: boolean } = {}
): RequestDetail | undefined {
	const personal = !!opts.personal;
	const db = getDb();
	const r = db.select().from(request).where(eq(request.id, id)).get();
	if (!r) return undefined;
	const ch = db.select().from(channel).where(eq(channel.id, r.channelId)).get()!;
	const events = timeline(id, personal);
	const userIds = [
		...new Set([...events.map((e) => e.userId), r.assigneeId].filter((x): x is number => x != null))
	];
	const names = new Map(
		userIds.length
			? db
					.select({ id: user.id, name: user.name })
					.from(user)
					.where(inArray(user.id, userIds))
					.all()
					.map((u) => [u.id, u.name])
			: []
	);
	const sla = slaSettings();
	return {
		id: r.id,
		code: r.code,
		channel: { id: ch.id, key: ch.key, nameAr: ch.nameAr, nameEn: ch.nameEn },
		kind: r.kind,
		beneficiaryId: r.beneficiaryId,
		subject: reveal(r.subject, r.subjectEnc, personal),
		details: reveal(r.details, r.detailsEnc, personal),
		referenceNo: personal ? r.referenceNo : redactOpt(r.referenceNo),
		receivedAt: r.receivedAt,
		backdateReason: r.backdateReason,
		assignee: r.assigneeId ? { id: r.assigneeId, name: names.get(r.assigneeId) ?? '' } : null,
		status: r.status as Status,
		decision: r.decision,
		decidedAt: r.decidedAt,
		closedAt: r.closedAt,
		dueAt: r.dueAt,
		sla: { ...slaStatus(r.receivedAt, r.decidedAt, now, sla), dueAt: r.dueAt },
		responseMs: r.decidedAt ? r.decidedAt.getTime() - r.receivedAt.getTime() : null,
		nextSteps: nextSteps(r.status as Status, r.kind, r.decision),
		events: events.map((e) => ({
			id: e.id,
			type: e.type,
			at: e.at,
			user: e.userId ? (names.get(e.userId) ?? null) : null,
			data: e.data
		}))
	};
}

export function idByCode(code: string): number | undefined {
	return getDb()
		.select({ id: request.id })
		.from(request)
		.where(eq(request.code, code.trim().toUpperCase()))
		.get()?.id;
}

/** What the public status page may show: steps and dates, no names, no text typed by staff. */
export function publicStatus(code: string) {
	const id = idByCode(code);
	if (!id) return undefined;
	const r = get(id)!;
	return {
		code: r.code,
		kind: r.kind,
		receivedAt: r.receivedAt,
		status: r.status,
		decision: r.decision,
		decidedAt: r.decidedAt,
		dueAt: r.dueAt,
		steps: r.events
			.filter((e) => e.type !== 'note' && e.type !== 'assigned')
			.map((e) => ({
				type: e.type,
				at: e.at,
				outcome: e.data?.outcome ?? null,
				complete: e.data?.complete ?? null
			}))
	};
}

// ---------------------------------------------------------------- lists, queues

export type ListFilters = {
	channelId?: number;
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
	closedAt: request.closedAt
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
	const sla = slaSettings();
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
		const st = slaStatus(r.receivedAt, r.decidedAt, now, sla);
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
