import { asLocale, type Locale } from '$lib/i18n/locales';
/**
 * Single-use survey links. The token (192 random bits, base64url) is shown once, when it is
 * created; only its SHA-256 is stored. Never log a token or put anything personal beside it.
 * The delivery issue calls createForProgram()/createInvitation() and enqueues the tokens.
 */
import * as delivery from '../delivery';
import { randomBytes } from 'node:crypto';
import { hashToken } from '../auth';
import { and, eq, isNull, sql } from 'drizzle-orm';
import * as audit from '../audit';
import { getDb, prepared } from '../db';
import { beneficiary, enrollment, invitation, program } from '../db/schema';
import { localDate } from '../../dates';
import { log } from '../log';
import * as settings from '../settings';
import { score, type Answers } from '../surveys';
import { currentVersion, definitionOf } from '../surveys/versions';
import { config } from '../config';
import { decryptOpt } from '../crypto';
import { freeTextKeys, seal, sealAnswers } from '../redact';
import * as campaigns from '../campaigns';
import { recordAnswers } from '../voices/record';

export type NewInvitation = { invitationId: number; beneficiaryId: number | null; token: string };
export type InvitationRow = typeof invitation.$inferSelect;

export const newToken = () => randomBytes(24).toString('base64url');
// The same hash as every other token in Rida (sessions, one-time links).
export { hashToken };

/** Days a link stays valid: RIDA_INVITATION_DAYS (1–365), default 30. */
export function expiryDays(): number {
	return config().invitationDays;
}

export class UnknownSurveyError extends Error {}

function versionFor(surveyId: string) {
	const v = currentVersion(surveyId);
	if (!v) throw new UnknownSurveyError(`survey "${surveyId}" is not loaded`);
	return v.versionId;
}

/**
 * One invitation per enrolled beneficiary who consented to be contacted, has not opted out
 * or been erased, and has no invitation for this program yet. Idempotent: a second call
 * creates only the missing ones. Returns the raw tokens (known only now).
 */
export function createForProgram(programId: number, now = new Date()): NewInvitation[] {
	const db = getDb();
	const p = db
		.select({ surveyId: program.surveyId })
		.from(program)
		.where(eq(program.id, programId))
		.get();
	if (!p) return [];
	const versionId = versionFor(p.surveyId);
	const expiresAt = new Date(now.getTime() + expiryDays() * 86_400_000);
	const out = db.transaction((tx) => {
		const targets = tx
			.select({ id: beneficiary.id, locale: beneficiary.locale })
			.from(enrollment)
			.innerJoin(beneficiary, eq(beneficiary.id, enrollment.beneficiaryId))
			.where(
				and(
					eq(enrollment.programId, programId),
					eq(beneficiary.consentContact, true),
					isNull(beneficiary.optedOutAt),
					isNull(beneficiary.erasedAt),
					sql`not exists (select 1 from ${invitation} i where i.program_id = ${programId} and i.beneficiary_id = ${beneficiary.id})`
				)
			)
			.all();
		const created: NewInvitation[] = [];
		for (const b of targets) {
			const token = newToken();
			const row = tx
				.insert(invitation)
				.values({
					kind: 'program',
					programId,
					beneficiaryId: b.id,
					surveyVersionId: versionId,
					tokenHash: hashToken(token),
					createdAt: now,
					expiresAt,
					locale: b.locale
				})
				.returning({ id: invitation.id })
				.get();
			created.push({ invitationId: row.id, beneficiaryId: b.id, token });
		}
		return created;
	});
	if (out.length) {
		log('info', 'invitations created', { programId, count: out.length });
		// Each one goes to the outbox (the beneficiary's preferred channel, with fallbacks).
		delivery.enqueueInvitations(out.map((i) => i.invitationId));
	}
	return out;
}

/** A single invitation: a request's service survey, or an anonymous walk-in. */
export function createInvitation(input: {
	kind: 'program' | 'request' | 'campaign';
	programId?: number | null;
	campaignId?: number | null;
	requestId?: number | null;
	beneficiaryId?: number | null;
	surveyId: string;
	locale?: Locale;
	anonymous?: boolean;
	now?: Date;
}): NewInvitation {
	const now = input.now ?? new Date();
	const token = newToken();
	let locale = input.locale;
	if (!locale && input.beneficiaryId) {
		locale = getDb()
			.select({ l: beneficiary.locale })
			.from(beneficiary)
			.where(eq(beneficiary.id, input.beneficiaryId))
			.get()?.l;
	}
	const row = getDb()
		.insert(invitation)
		.values({
			kind: input.kind,
			programId: input.programId ?? null,
			requestId: input.requestId ?? null,
			campaignId: input.campaignId ?? null,
			beneficiaryId: input.beneficiaryId ?? null,
			surveyVersionId: versionFor(input.surveyId),
			tokenHash: hashToken(token),
			createdAt: now,
			expiresAt: new Date(now.getTime() + expiryDays() * 86_400_000),
			locale: locale ?? 'ar',
			anonymous: input.anonymous ?? false
		})
		.returning({ id: invitation.id })
		.get();
	return { invitationId: row.id, beneficiaryId: input.beneficiaryId ?? null, token };
}

/**
 * Staff need a link to copy by hand, but the raw token was only known at creation: issue a
 * fresh token (the old link stops working) and a fresh expiry. Audited. Refused once completed.
 */
export function regenerate(
	actor: { id: number | null; ip?: string | null },
	invitationId: number,
	now = new Date()
): string | null {
	const token = newToken();
	const res = getDb()
		.update(invitation)
		.set({
			tokenHash: hashToken(token),
			expiresAt: new Date(now.getTime() + expiryDays() * 86_400_000)
		})
		.where(and(eq(invitation.id, invitationId), isNull(invitation.completedAt)))
		.run();
	if (!res.changes) return null;
	audit.record({
		actorId: actor.id,
		action: 'invitation.regenerate',
		targetType: 'invitation',
		targetId: invitationId,
		ip: actor.ip
	});
	return token;
}

export type Lookup =
	| { status: 'ok'; invitation: InvitationRow }
	/** A known link that can no longer be answered; its language still says how to speak to the person. */
	| { status: 'used' | 'expired'; locale: Locale }
	| { status: 'unknown' };

export function findByToken(token: string, now = new Date()): Lookup {
	if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { status: 'unknown' };
	let row = prepared('invitations.byTokenHash', (db) =>
		db
			.select()
			.from(invitation)
			.where(eq(invitation.tokenHash, sql.placeholder('hash')))
			.prepare()
	).get({ hash: hashToken(token) });
	if (!row) {
		// A link sent by the outbox carries its own token (one per message).
		const viaLink = delivery.resolveLinkToken(token);
		if (viaLink) row = getDb().select().from(invitation).where(eq(invitation.id, viaLink)).get();
	}
	if (!row) return { status: 'unknown' };
	const locale = asLocale(row.locale);
	if (row.completedAt) return { status: 'used', locale };
	if (row.expiresAt.getTime() <= now.getTime()) return { status: 'expired', locale };
	return { status: 'ok', invitation: row };
}

export function markOpened(id: number, now = new Date()) {
	getDb()
		.update(invitation)
		.set({ openedAt: now })
		.where(and(eq(invitation.id, id), isNull(invitation.openedAt)))
		.run();
}

/** Keeps the answers so far (only ever called with data that passed the page's checks). */
export function saveDraft(
	id: number,
	data: Answers,
	pageIndex: number,
	locale: Locale,
	now = new Date()
) {
	getDb()
		.update(invitation)
		.set({
			draft: JSON.stringify(data),
			draftPage: pageIndex,
			locale,
			startedAt: sql`coalesce(${invitation.startedAt}, ${now.getTime()})`
		})
		.where(and(eq(invitation.id, id), isNull(invitation.completedAt)))
		.run();
}

export function setLocale(id: number, locale: Locale) {
	getDb().update(invitation).set({ locale }).where(eq(invitation.id, id)).run();
}

export class AlreadyCompletedError extends Error {}

/**
 * Stores the response (raw answers, indicator columns, aspects, respondent snapshot) and
 * marks the invitation completed, in one transaction. A second completion on the same
 * invitation throws AlreadyCompletedError and changes nothing.
 */
export function complete(inv: InvitationRow, data: Answers, now = new Date()): number {
	return prepareCompletion(inv, data, now)();
}

/**
 * The work of `complete` outside the transaction (scoring, redaction, encryption), returning
 * the write itself: a transaction (a savepoint when run inside another one) that throws
 * AlreadyCompletedError when the link was used meanwhile. responses/submissions.ts runs many
 * such writes in one commit.
 */
export function prepareCompletion(
	inv: InvitationRow,
	data: Answers,
	now = new Date()
): () => number {
	const def = definitionOf(inv.surveyVersionId);
	if (!def) throw new Error('survey version missing');
	const s = score(def, data);
	const db = getDb();
	const b = inv.beneficiaryId
		? db
				.select({
					gender: beneficiary.gender,
					ageBand: beneficiary.ageBand,
					city: beneficiary.city,
					nameEnc: beneficiary.nameEnc
				})
				.from(beneficiary)
				.where(eq(beneficiary.id, inv.beneficiaryId))
				.get()
		: undefined;
	const tz = settings.get().timeZone;
	// Free text is stored redacted (the respondent's own name too); the original only encrypted.
	const who = { names: [decryptOpt(b?.nameEnc)], locale: inv.locale };
	const answers = sealAnswers(data, freeTextKeys(def), who);
	const comment = s.comment ? seal(s.comment, who) : { shown: null, original: null };
	const segment = campaigns.segmentOf(inv, data);
	const row: ResponseValues = {
		invitationId: inv.id,
		programId: inv.programId,
		requestId: inv.requestId,
		campaignId: inv.campaignId,
		segment,
		beneficiaryId: inv.beneficiaryId,
		surveyVersionId: inv.surveyVersionId,
		anonymous: inv.anonymous ? 1 : 0,
		submittedAt: now.getTime(),
		localDate: localDate(now, tz),
		answers: answers.shown,
		answersEnc: answers.original,
		csat: s.csat,
		nps: s.nps,
		channel: s.channel,
		withinTwoWeeks: s.withinTwoWeeks === null ? null : s.withinTwoWeeks ? 1 : 0,
		comment: comment.shown,
		commentEnc: comment.original,
		gender: b?.gender ?? null,
		ageBand: b?.ageBand ?? null,
		city: b?.city ?? null
	};
	const aspects = Object.entries(s.aspects).filter((e): e is [string, number] => e[1] !== null);
	const completion: Completion = { row, aspects, dimensions: s.dimensions };
	return () => completeTx()(completion);
}

/** A response row as SQLite stores it (booleans 0/1, times in ms: drizzle's modes, by hand). */
type ResponseValues = {
	invitationId: number;
	programId: number | null;
	requestId: number | null;
	campaignId: number | null;
	segment: string | null;
	beneficiaryId: number | null;
	surveyVersionId: number;
	anonymous: 0 | 1;
	submittedAt: number;
	localDate: string;
	answers: string;
	answersEnc: string | null;
	csat: number | null;
	nps: number | null;
	channel: string | null;
	withinTwoWeeks: 0 | 1 | null;
	comment: string | null;
	commentEnc: string | null;
	gender: string | null;
	ageBand: string | null;
	city: string | null;
};
type Completion = {
	row: ResponseValues;
	aspects: [string, number][];
	dimensions: { key: string; value: string }[];
};

/**
 * The completion's statements and its transaction, prepared once per connection: raw
 * better-sqlite3, since drizzle built and SQLite compiled the response insert on every
 * submission (issue 16). Run inside another transaction (responses/submissions.ts), the
 * transaction is a savepoint.
 */
function completeTx() {
	return prepared('invitations.completeTx', (db) => {
		const c = db.$client;
		const done = c.prepare(
			`update invitation set completed_at = @submittedAt, draft = null, started_at = coalesce(started_at, @submittedAt)
			 where id = @invitationId and completed_at is null`
		);
		const insert = c.prepare(
			`insert into response (invitation_id, program_id, request_id, campaign_id, segment, beneficiary_id,
			 survey_version_id, anonymous, submitted_at, local_date, answers, answers_enc, csat, nps, channel,
			 within_two_weeks, comment, comment_enc, gender, age_band, city)
			 values (@invitationId, @programId, @requestId, @campaignId, @segment, @beneficiaryId,
			 @surveyVersionId, @anonymous, @submittedAt, @localDate, @answers, @answersEnc, @csat, @nps, @channel,
			 @withinTwoWeeks, @comment, @commentEnc, @gender, @ageBand, @city)`
		);
		const aspect = c.prepare(
			`insert into response_aspect (response_id, aspect, score) values (?, ?, ?)`
		);
		const dimension = c.prepare(
			`insert into response_dimension (response_id, key, value) values (?, ?, ?) on conflict do nothing`
		);
		return c.transaction((w: Completion): number => {
			if (!done.run({ invitationId: w.row.invitationId, submittedAt: w.row.submittedAt }).changes)
				throw new AlreadyCompletedError();
			const id = Number(insert.run(w.row).lastInsertRowid);
			for (const [key, score] of w.aspects) aspect.run(id, key, score);
			for (const d of w.dimensions) dimension.run(id, d.key, d.value);
			recordAnswers(id); // free text → answer_text + themes (voices/)
			return id;
		});
	});
}

/** Invitations of one program with their state (for staff; no tokens). */
export function listForProgram(programId: number) {
	return getDb()
		.select({
			id: invitation.id,
			beneficiaryId: invitation.beneficiaryId,
			createdAt: invitation.createdAt,
			expiresAt: invitation.expiresAt,
			openedAt: invitation.openedAt,
			startedAt: invitation.startedAt,
			completedAt: invitation.completedAt
		})
		.from(invitation)
		.where(and(eq(invitation.programId, programId), eq(invitation.anonymous, false)))
		.orderBy(invitation.id)
		.all();
}
