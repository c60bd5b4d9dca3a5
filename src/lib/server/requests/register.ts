/**
 * The register: intake (create) and the verbs on a request's timeline; one request read.
 * Status, due date, decision and decision time are derived from the timeline (lifecycle.ts)
 * and cached in the request row in the same transaction, so lists filter with indexes.
 * Never log or audit personal data: ids only.
 */
import { randomInt } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Locale } from '$lib/i18n/locales';
import * as audit from '../audit';
import type { Actor } from '../audit';
import * as beneficiaries from '../beneficiaries';
import { getDb } from '../db';
import { channel, request, requestEvent, user } from '../db/schema';
import { decryptOpt, encryptOpt } from '../crypto';
import { redact, redactOpt, reveal, seal } from '../redact';
import { localDate } from '../../dates';
import { dueAt as computeDueAt, slaStatus } from './sla';
import { slaSettings } from './sla-settings';
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
import { onRequestClosed, onRequestCreated, onRequestDecided } from './hooks';
import { defaultTypeFor, getType, isComplete, parseChecklist } from './types';

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
	/** The request type (its kind wins over `kind`); default: the first type of `kind`. */
	typeId?: number | null;
	/** Indexes of the type's required documents that were received. */
	checklist?: number[];
	/** The applicant confirmed the data is correct (the text shown is CONFIRM_VERSION). */
	confirmed?: boolean;
	complaint?: ComplaintInput;
};

/** The version of the confirmation text shown to the applicant (i18n requests.confirm.text). */
export const CONFIRM_VERSION = '2026-1';

export type ComplaintInput = {
	sector?: string | null;
	merchant?: string | null;
	/** Halalas. */
	amountDisputed?: number | null;
	authority?: string | null;
	authorityRef?: string | null;
	authorityOutcome?: 'pending' | 'resolved' | 'rejected' | 'closed' | null;
};

/** The complaint sectors offered (free text is not allowed: they are counted). */
export const SECTORS = [
	'retail',
	'telecom',
	'vehicles',
	'real_estate',
	'electronics',
	'ecommerce',
	'food',
	'services',
	'other'
] as const;

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
	const type =
		input.typeId != null ? getType(input.typeId) : (defaultTypeFor(input.kind) ?? undefined);
	if (input.typeId != null && (!type || !type.active))
		throw new RequestError('typeId', 'errors.choice');
	if (type) input = { ...input, kind: type.kind };
	if (input.complaint?.sector && !(SECTORS as readonly string[]).includes(input.complaint.sector))
		throw new RequestError('sector', 'errors.choice');
	if (input.beneficiary.mode === 'existing' || input.beneficiary.mode === 'anonymous')
		resolveBeneficiary(actor, input.kind, input.beneficiary);
	const sla = slaSettings(type?.id);
	const ticked = [...new Set(input.checklist ?? [])].filter(
		(i) => type && i < type.documents.length
	);
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
		const merchant = seal(input.complaint?.merchant ?? '', who);
		const c = type?.complaint ? input.complaint : undefined;
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
				dueAt: computeDueAt(receivedAt, sla),
				typeId: type?.id ?? null,
				checklist: JSON.stringify(ticked.sort((a, b) => a - b)),
				complete: isComplete(type, ticked),
				confirmedAt: input.confirmed ? now : null,
				confirmVersion: input.confirmed ? CONFIRM_VERSION : null,
				sector: c?.sector || null,
				merchant: c?.merchant ? merchant.shown : null,
				merchantEnc: c?.merchant ? merchant.original : null,
				amountDisputed: c?.amountDisputed ?? null,
				authority: c?.authority ? redact(c.authority, who) : null,
				authorityRef: c?.authorityRef ? redact(c.authorityRef, who) : null,
				authorityOutcome: c?.authority ? (c.authorityOutcome ?? 'pending') : null
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
		details: { channel: ch.key, kind: input.kind, type: type?.key ?? null },
		ip: actor.ip
	});
	onRequestCreated(result.id);
	return result;
}

// ---------------------------------------------------------------- events

/** The free-text fields of an event's data (the rest are choices, flags and ids). */
export const EVENT_TEXT_FIELDS = ['missing', 'reason', 'association', 'contact', 'text'] as const;

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
	let decided = false;
	db.transaction((tx) => {
		const r = tx.select().from(request).where(eq(request.id, requestId)).get();
		if (!r) throw new RequestError('_form', 'requests.err.notFound');
		const events = timeline(requestId, true);
		const next: TimelineEvent = { type: input.type, at: input.at ?? now, data: input.data ?? null };
		validateStep(r.kind, r.receivedAt, events, next, now);
		if (next.type === 'escalated') {
			// To the type's escalation role; the request goes to the first active person in it.
			const role = getType(r.typeId)?.escalationRole ?? 'admin';
			const to = tx
				.select({ id: user.id })
				.from(user)
				.where(and(eq(user.role, role), isNull(user.disabledAt)))
				.orderBy(asc(user.id))
				.get();
			next.data = { ...next.data, role, ...(to ? { assigneeId: to.id } : {}) };
		}
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
				...((next.type === 'assigned' || next.type === 'escalated') && next.data?.assigneeId
					? { assigneeId: next.data.assigneeId }
					: {}),
				...(next.type === 'escalated' && !r.escalatedAt ? { escalatedAt: next.at } : {}),
				...(next.type === 'decision'
					? {
							referredTo:
								next.data?.outcome === 'referred'
									? ((JSON.parse(data.shown!) as EventData).association ?? null)
									: null
						}
					: {})
			})
			.where(eq(request.id, requestId))
			.run();
		closed = next.type === 'closed';
		decided = next.type === 'decision' || next.type === 'answered';
	});
	audit.record({
		actorId: actor.id,
		action: 'request.event',
		targetType: 'request',
		targetId: requestId,
		details: { type: input.type },
		ip: actor.ip
	});
	if (decided) onRequestDecided(requestId);
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
	type: { id: number; key: string; nameAr: string; nameEn: string; complaint: boolean } | null;
	/** The type's required documents with whether each was ticked. */
	checklist: { ar: string; en: string; ticked: boolean }[];
	complete: boolean;
	confirmedAt: Date | null;
	confirmVersion: string | null;
	escalatedAt: Date | null;
	referredTo: string | null;
	complaint: {
		sector: string | null;
		merchant: string | null;
		amountDisputed: number | null;
		authority: string | null;
		authorityRef: string | null;
		authorityOutcome: string | null;
	} | null;
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
	const sla = slaSettings(r.typeId);
	const type = getType(r.typeId);
	const ticked = parseChecklist(r.checklist);
	return {
		type: type
			? {
					id: type.id,
					key: type.key,
					nameAr: type.nameAr,
					nameEn: type.nameEn,
					complaint: type.complaint
				}
			: null,
		checklist: (type?.documents ?? []).map((d, i) => ({ ...d, ticked: ticked.includes(i) })),
		complete: r.complete,
		confirmedAt: r.confirmedAt,
		confirmVersion: r.confirmVersion,
		escalatedAt: r.escalatedAt,
		referredTo: r.referredTo,
		complaint:
			type?.complaint || r.sector || r.merchant
				? {
						sector: r.sector,
						merchant: personal ? reveal(r.merchant ?? '', r.merchantEnc, true) || null : r.merchant,
						amountDisputed: r.amountDisputed,
						authority: r.authority,
						authorityRef: r.authorityRef,
						authorityOutcome: r.authorityOutcome
					}
				: null,
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

/**
 * What the public status page may show: steps and dates, no names, no text typed by staff
 * except the body a request was referred to and how to reach it (redacted copies).
 */
export function publicStatus(code: string) {
	const id = idByCode(code);
	if (!id) return undefined;
	const r = get(id)!;
	const referral =
		r.decision === 'referred' ? r.events.findLast((e) => e.type === 'decision') : undefined;
	return {
		referredTo: referral ? (r.referredTo ?? referral.data?.association ?? null) : null,
		referralContact: referral?.data?.contact ?? null,
		code: r.code,
		kind: r.kind,
		receivedAt: r.receivedAt,
		status: r.status,
		decision: r.decision,
		decidedAt: r.decidedAt,
		dueAt: r.dueAt,
		steps: r.events
			.filter((e) => e.type !== 'note' && e.type !== 'assigned' && e.type !== 'escalated')
			.map((e) => ({
				type: e.type,
				at: e.at,
				outcome: e.data?.outcome ?? null,
				complete: e.data?.complete ?? null
			}))
	};
}

// ---------------------------------------------------------------- checklist, confirmation, complaint

/** Ticks the type's required documents received; "complete" when every one is ticked. */
export function setChecklist(actor: Actor, requestId: number, ticked: number[]): boolean {
	const db = getDb();
	const r = db.select().from(request).where(eq(request.id, requestId)).get();
	if (!r) throw new RequestError('_form', 'requests.err.notFound');
	const type = getType(r.typeId);
	const items = [...new Set(ticked)]
		.filter((i) => Number.isInteger(i) && i >= 0 && type && i < type.documents.length)
		.sort((a, b) => a - b);
	const complete = isComplete(type, items);
	db.update(request)
		.set({ checklist: JSON.stringify(items), complete })
		.where(eq(request.id, requestId))
		.run();
	audit.record({
		actorId: actor.id,
		action: 'request.checklist',
		targetType: 'request',
		targetId: requestId,
		details: { ticked: items.length, complete },
		ip: actor.ip
	});
	return complete;
}

/** Records that the applicant confirmed the data is correct (text version CONFIRM_VERSION). */
export function confirmData(actor: Actor, requestId: number, now = new Date()) {
	const changed = getDb()
		.update(request)
		.set({ confirmedAt: now, confirmVersion: CONFIRM_VERSION })
		.where(and(eq(request.id, requestId), isNull(request.confirmedAt)))
		.run().changes;
	if (changed)
		audit.record({
			actorId: actor.id,
			action: 'request.confirmed',
			targetType: 'request',
			targetId: requestId,
			details: { version: CONFIRM_VERSION },
			ip: actor.ip
		});
}

/** Saves a complaint's fields (merchant redacted, the original encrypted). */
export function saveComplaint(actor: Actor, requestId: number, input: ComplaintInput) {
	const db = getDb();
	const r = db.select().from(request).where(eq(request.id, requestId)).get();
	if (!r) throw new RequestError('_form', 'requests.err.notFound');
	if (input.sector && !(SECTORS as readonly string[]).includes(input.sector))
		throw new RequestError('sector', 'errors.choice');
	const who = { names: [requesterName(r.beneficiaryId)] };
	const merchant = input.merchant ? seal(input.merchant, who) : null;
	db.update(request)
		.set({
			sector: input.sector || null,
			merchant: merchant?.shown ?? null,
			merchantEnc: merchant?.original ?? null,
			amountDisputed: input.amountDisputed ?? null,
			authority: input.authority ? redact(input.authority, who) : null,
			authorityRef: input.authorityRef ? redact(input.authorityRef, who) : null,
			authorityOutcome: input.authority ? (input.authorityOutcome ?? 'pending') : null
		})
		.where(eq(request.id, requestId))
		.run();
	audit.record({
		actorId: actor.id,
		action: 'request.complaint',
		targetType: 'request',
		targetId: requestId,
		details: { sector: input.sector ?? null, authority: !!input.authority },
		ip: actor.ip
	});
}
