/**
 * Data subject rights under the PDPL: export everything held about a beneficiary, and erase
 * it — personal fields destroyed, survey answers kept only unlinked (so the indicators do not
 * change) and without any free text, free text of their requests and notes blanked, delivery
 * errors cleared. Every erasure is journalled (ids only) beside the database and re-applied
 * after a restore, so a backup never brings an erased person back. Plus the retention rule
 * run by the scheduler, and the one-off redaction of free text stored before redact.ts.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { config } from './config';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import * as audit from './audit';
import * as beneficiaries from './beneficiaries';
import { decryptOpt } from './crypto';
import { getDb, type DB } from './db';
import {
	campaign,
	campaignContact,
	contactSegment,
	auditEvent,
	beneficiary,
	beneficiaryNameToken,
	dataMigration,
	dbInstance,
	enrollment,
	invitation,
	invitationLink,
	optOutToken,
	outboxMessage,
	program,
	request,
	requestEvent,
	response
} from './db/schema';
import { log } from './log';
import {
	freeTextKeys,
	placeholder,
	redact,
	redactOpt,
	reveal,
	seal,
	sealAnswers,
	stripFreeText
} from './redact';
import { EVENT_TEXT_FIELDS, sealEventData, type EventData } from './requests';
import { registerJob } from './scheduler';
import * as segments from './segments';
import * as settings from './settings';
import { addMonths, localDate, startOfLocalDay } from '../dates';
import { definitionOf } from './surveys/versions';
import { blankAnswers } from './voices/record';

import type { Actor } from './audit';
export type { Actor };

/** Everything Rida holds about one beneficiary, readable (decrypted). */
export function exportData(id: number) {
	const db = getDb();
	const b = beneficiaries.get(id);
	if (!b) return null;
	const programs = db
		.select({
			id: program.id,
			nameAr: program.nameAr,
			nameEn: program.nameEn,
			enrolledAt: enrollment.enrolledAt
		})
		.from(enrollment)
		.innerJoin(program, eq(program.id, enrollment.programId))
		.where(eq(enrollment.beneficiaryId, id))
		.all();
	const invitations = db
		.select({
			id: invitation.id,
			programId: invitation.programId,
			createdAt: invitation.createdAt,
			expiresAt: invitation.expiresAt,
			openedAt: invitation.openedAt,
			completedAt: invitation.completedAt
		})
		.from(invitation)
		.where(eq(invitation.beneficiaryId, id))
		.all();
	// What they typed, as they typed it (the originals are kept encrypted for exactly this).
	const responses = db
		.select({
			id: response.id,
			programId: response.programId,
			submittedAt: response.submittedAt,
			answers: response.answers,
			answersEnc: response.answersEnc
		})
		.from(response)
		.where(eq(response.beneficiaryId, id))
		.all()
		.map(({ answersEnc, ...r }) => ({
			...r,
			answers: JSON.parse(reveal(r.answers, answersEnc, true)) as unknown
		}));
	const requests = db
		.select({
			id: request.id,
			code: request.code,
			kind: request.kind,
			subject: request.subject,
			subjectEnc: request.subjectEnc,
			details: request.details,
			detailsEnc: request.detailsEnc,
			receivedAt: request.receivedAt,
			status: request.status
		})
		.from(request)
		.where(eq(request.beneficiaryId, id))
		.all()
		.map(({ subjectEnc, detailsEnc, ...r }) => ({
			...r,
			subject: reveal(r.subject, subjectEnc, true),
			details: reveal(r.details, detailsEnc, true)
		}));
	const events = requests.length
		? db
				.select({
					requestId: requestEvent.requestId,
					type: requestEvent.type,
					at: requestEvent.at,
					data: requestEvent.data,
					dataEnc: requestEvent.dataEnc
				})
				.from(requestEvent)
				.where(
					inArray(
						requestEvent.requestId,
						requests.map((r) => r.id)
					)
				)
				.all()
				.map(({ dataEnc, ...e }) => ({ ...e, data: reveal(e.data, dataEnc, true) }))
		: [];
	const messages = invitations.length
		? db
				.select({
					channel: outboxMessage.channel,
					kind: outboxMessage.kind,
					state: outboxMessage.state,
					sentAt: outboxMessage.sentAt,
					createdAt: outboxMessage.createdAt
				})
				.from(outboxMessage)
				.where(
					inArray(
						outboxMessage.invitationId,
						invitations.map((i) => i.id)
					)
				)
				.all()
		: [];
	const history = db
		.select({ at: auditEvent.at, action: auditEvent.action })
		.from(auditEvent)
		.where(and(eq(auditEvent.targetType, 'beneficiary'), eq(auditEvent.targetId, String(id))))
		.all();
	return {
		exportedAt: new Date().toISOString(),
		beneficiary: b,
		segments: segments.keysOf(id),
		campaigns: db
			.select({ id: campaign.id, nameAr: campaign.nameAr, nameEn: campaign.nameEn })
			.from(campaignContact)
			.innerJoin(campaign, eq(campaign.id, campaignContact.campaignId))
			.where(eq(campaignContact.contactId, id))
			.all(),
		programs,
		invitations,
		responses,
		requests: requests.map((r) => ({ ...r, timeline: events.filter((e) => e.requestId === r.id) })),
		messages,
		history
	};
}

/** Which answer keys of a response's survey version hold free text (all strings when unknown). */
function freeTextOf(surveyVersionId: number): (key: string) => boolean {
	try {
		const def = definitionOf(surveyVersionId);
		if (def) return freeTextKeys(def);
	} catch {
		/* an unreadable old definition: treat every key as free text */
	}
	return () => true;
}

/** An event's data with its free-text fields removed (outcome, flags and ids stay). */
function withoutText(data: string | null): string | null {
	if (!data) return data;
	const d = JSON.parse(data) as EventData;
	for (const k of EVENT_TEXT_FIELDS) delete d[k];
	return Object.keys(d).length ? JSON.stringify(d) : null;
}

/**
 * Erases a beneficiary. Responses keep their scores and the non-identifying snapshot the
 * indicators filter on (gender, age band, city), but lose every link to the person and every
 * free-text answer; their requests keep dates, channel and status (the SLA indicators) but no
 * text; delivery errors about them are cleared. Journalled first (ids only), so a failure
 * half-way is completed by `reapplyErasures` at the next start.
 */
export function erase(actor: Actor, id: number, opts: { journal?: boolean } = {}): boolean {
	const db = getDb();
	const exists = db
		.select({ id: beneficiary.id })
		.from(beneficiary)
		.where(eq(beneficiary.id, id))
		.get();
	if (!exists) return false;
	if (opts.journal !== false) journal(db, id);
	const erased = placeholder('erased', 'ar');
	db.transaction((tx) => {
		const invIds = tx
			.select({ id: invitation.id })
			.from(invitation)
			.where(eq(invitation.beneficiaryId, id))
			.all()
			.map((r) => r.id);
		if (invIds.length) {
			tx.delete(invitationLink).where(inArray(invitationLink.invitationId, invIds)).run();
			// gateway errors echo numbers and addresses: none is kept
			tx.update(outboxMessage)
				.set({ providerId: null, lastError: null })
				.where(inArray(outboxMessage.invitationId, invIds))
				.run();
			tx.update(outboxMessage)
				.set({ state: 'cancelled', lastError: 'erased' })
				.where(
					and(
						inArray(outboxMessage.invitationId, invIds),
						inArray(outboxMessage.state, ['queued', 'sending'])
					)
				)
				.run();
			tx.update(invitation)
				.set({ beneficiaryId: null, draft: null, shortCode: null })
				.where(inArray(invitation.id, invIds))
				.run();
		}
		const answered = tx
			.select({ id: response.id, answers: response.answers, version: response.surveyVersionId })
			.from(response)
			.where(eq(response.beneficiaryId, id))
			.all();
		for (const r of answered) {
			const kept = stripFreeText(JSON.parse(r.answers), freeTextOf(r.version));
			tx.update(response)
				.set({
					beneficiaryId: null,
					answers: JSON.stringify(kept),
					answersEnc: null,
					comment: null,
					commentEnc: null
				})
				.where(eq(response.id, r.id))
				.run();
		}
		blankAnswers(answered.map((r) => r.id));
		const reqIds = tx
			.select({ id: request.id })
			.from(request)
			.where(eq(request.beneficiaryId, id))
			.all()
			.map((r) => r.id);
		if (reqIds.length) {
			tx.update(request)
				.set({
					beneficiaryId: null,
					subject: erased,
					subjectEnc: null,
					details: '',
					detailsEnc: null,
					referenceNo: null,
					backdateReason: null
				})
				.where(inArray(request.id, reqIds))
				.run();
			const events = tx
				.select({ id: requestEvent.id, data: requestEvent.data })
				.from(requestEvent)
				.where(inArray(requestEvent.requestId, reqIds))
				.all();
			for (const e of events)
				tx.update(requestEvent)
					.set({ data: withoutText(e.data), dataEnc: null })
					.where(eq(requestEvent.id, e.id))
					.run();
		}
		tx.delete(optOutToken).where(eq(optOutToken.beneficiaryId, id)).run();
		tx.delete(beneficiaryNameToken).where(eq(beneficiaryNameToken.beneficiaryId, id)).run();
		tx.delete(enrollment).where(eq(enrollment.beneficiaryId, id)).run();
		tx.delete(contactSegment).where(eq(contactSegment.contactId, id)).run();
		tx.delete(campaignContact).where(eq(campaignContact.contactId, id)).run();
		tx.update(beneficiary)
			.set({
				nameEnc: null,
				mobileEnc: null,
				mobileHash: null,
				emailEnc: null,
				emailHash: null,
				gender: null,
				ageBand: null,
				city: null,
				consentContact: false,
				consentIdentified: false,
				erasedAt: new Date(),
				updatedAt: new Date()
			})
			.where(eq(beneficiary.id, id))
			.run();
	});
	// Old pages may still hold what was there: secure_delete zeroes freed space; checkpoint
	// the WAL and truncate it, so neither file keeps a copy.
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
	audit.record({
		actorId: actor.id,
		action: 'beneficiary.erase',
		targetType: 'beneficiary',
		targetId: id,
		ip: actor.ip
	});
	return true;
}

// ------------------------------------------------------------------ the erasure journal

export type JournalEntry = { db: string; id: number; at: string };

/** This database's identity (migration 0001 creates it; a wiped database gets a new one). */
export function instanceId(db: DB = getDb()): string {
	const row = db.select({ id: dbInstance.id }).from(dbInstance).get();
	if (row) return row.id;
	const id = db.$client.prepare(`select lower(hex(randomblob(16))) id`).get() as { id: string };
	db.insert(dbInstance).values({ id: id.id }).run();
	return id.id;
}

export function journalPath(): string {
	return config().erasureJournal;
}

/** Appends one line (database identity, beneficiary id, time — nothing else) and syncs it. */
function journal(db: DB, id: number) {
	const line: JournalEntry = { db: instanceId(db), id, at: new Date().toISOString() };
	const fd = openSync(journalPath(), 'a', 0o600);
	try {
		writeSync(fd, JSON.stringify(line) + '\n');
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

export function readJournal(path = journalPath()): JournalEntry[] {
	if (!existsSync(path)) return [];
	const out: JournalEntry[] = [];
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		if (!line.trim()) continue;
		try {
			const e = JSON.parse(line) as JournalEntry;
			if (typeof e.db === 'string' && Number.isInteger(e.id) && e.id > 0) out.push(e);
		} catch {
			/* a torn last line after a crash: the erasure it named was not committed either */
		}
	}
	return out;
}

/**
 * Re-applies journalled erasures of this database (after a restore, and at every start):
 * anyone journalled but not erased here is erased again, and the id sequence is moved past
 * every journalled id so a new person never gets an erased person's id.
 */
export function reapplyErasures(db: DB = getDb()): { reapplied: number } {
	const me = instanceId(db);
	const ids = [
		...new Set(
			readJournal()
				.filter((e) => e.db === me)
				.map((e) => e.id)
		)
	];
	if (!ids.length) return { reapplied: 0 };
	let reapplied = 0;
	for (let i = 0; i < ids.length; i += 500) {
		const chunk = ids.slice(i, i + 500);
		const alive = db
			.select({ id: beneficiary.id })
			.from(beneficiary)
			.where(and(inArray(beneficiary.id, chunk), isNull(beneficiary.erasedAt)))
			.all();
		for (const r of alive) if (erase({ id: null }, r.id, { journal: false })) reapplied++;
	}
	const max = Math.max(...ids);
	db.$client
		.prepare(`update sqlite_sequence set seq = max(seq, ?) where name = 'beneficiary'`)
		.run(max);
	if (!db.$client.prepare(`select 1 from sqlite_sequence where name = 'beneficiary'`).get())
		db.$client
			.prepare(`insert into sqlite_sequence (name, seq) values ('beneficiary', ?)`)
			.run(max);
	if (reapplied) log('warn', 'erasures re-applied from the journal', { count: reapplied });
	return { reapplied };
}

// ------------------------------------------------------------------ old free text

const REDACTION_MIGRATION = 'redact-free-text-1';

/**
 * Free text stored before redaction existed (or by an older version) goes through the same
 * redaction once: responses, requests, notes and delivery errors. Recorded in data_migration.
 */
export function redactStoredText(db: DB = getDb()): { rows: number } | null {
	if (db.select().from(dataMigration).where(eq(dataMigration.name, REDACTION_MIGRATION)).get())
		return null;
	const t0 = Date.now();
	const names = new Map<number, string | null>();
	const nameOf = (id: number | null) => {
		if (!id) return null;
		if (!names.has(id))
			names.set(
				id,
				decryptOpt(
					db
						.select({ n: beneficiary.nameEnc })
						.from(beneficiary)
						.where(eq(beneficiary.id, id))
						.get()?.n
				)
			);
		return names.get(id)!;
	};
	let rows = 0;
	/** Walks a table by id in batches of 1,000, one transaction each (any size of database). */
	const walk = <T extends { id: number }>(query: string, each: (row: T) => boolean) => {
		const next = db.$client.prepare(query);
		for (let after = 0; ;) {
			const batch = next.all(after) as T[];
			if (!batch.length) break;
			db.$client.transaction(() => {
				for (const r of batch) if (each(r)) rows++;
			})();
			after = batch[batch.length - 1].id;
		}
	};
	walk<{ id: number; b: number | null; v: number; answers: string; comment: string | null }>(
		`select id, beneficiary_id b, survey_version_id v, answers, comment from response
		 where answers_enc is null and comment_enc is null and id > ? order by id limit 1000`,
		(r) => {
			const who = { names: [nameOf(r.b)] };
			const answers = sealAnswers(JSON.parse(r.answers), freeTextOf(r.v), who);
			const comment = r.comment ? seal(r.comment, who) : { shown: null, original: null };
			if (!answers.original && !comment.original) return false;
			db.update(response)
				.set({
					answers: answers.shown,
					answersEnc: answers.original,
					comment: comment.shown,
					commentEnc: comment.original
				})
				.where(eq(response.id, r.id))
				.run();
			return true;
		}
	);
	walk<{ id: number; b: number | null; subject: string; details: string; reason: string | null }>(
		`select id, beneficiary_id b, subject, details, backdate_reason reason from request
		 where subject_enc is null and details_enc is null and id > ? order by id limit 1000`,
		(q) => {
			const who = { names: [nameOf(q.b)] };
			const subject = seal(q.subject, who);
			const details = seal(q.details, who);
			const reason = redactOpt(q.reason, who);
			if (!subject.original && !details.original && reason === q.reason) return false;
			db.update(request)
				.set({
					subject: subject.shown,
					subjectEnc: subject.original,
					details: details.shown,
					detailsEnc: details.original,
					backdateReason: reason
				})
				.where(eq(request.id, q.id))
				.run();
			return true;
		}
	);
	walk<{ id: number; b: number | null; data: string }>(
		`select e.id, q.beneficiary_id b, e.data from request_event e join request q on q.id = e.request_id
		 where e.data is not null and e.data_enc is null and e.id > ? order by e.id limit 1000`,
		(e) => {
			const d = sealEventData(JSON.parse(e.data) as EventData, [nameOf(e.b)]);
			if (!d.original) return false;
			db.update(requestEvent)
				.set({ data: d.shown, dataEnc: d.original })
				.where(eq(requestEvent.id, e.id))
				.run();
			return true;
		}
	);
	walk<{ id: number; e: string }>(
		`select id, last_error e from outbox_message where last_error is not null and id > ? order by id limit 1000`,
		(m) => {
			const shown = redact(m.e);
			if (shown === m.e) return false;
			db.update(outboxMessage).set({ lastError: shown }).where(eq(outboxMessage.id, m.id)).run();
			return true;
		}
	);
	db.insert(dataMigration).values({ name: REDACTION_MIGRATION }).run();
	if (rows) {
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
		log('info', 'stored free text redacted', { rows, ms: Date.now() - t0 });
	}
	return { rows };
}

/**
 * Retention: contact data of beneficiaries whose last program ended more than N months ago
 * (RETENTION_MONTHS, 0 = keep) is erased.
 */
export function applyRetention(months = config().retentionMonths, now = new Date()): number {
	if (!months) return 0;
	// N months before today on the association's calendar, from its local midnight.
	const tz = settings.get().timeZone;
	const day = addMonths(localDate(now, tz), -months);
	const cutoff = startOfLocalDay(day, tz);
	const ids = getDb()
		.select({ id: beneficiary.id })
		.from(beneficiary)
		.where(
			and(
				isNull(beneficiary.erasedAt),
				lt(beneficiary.createdAt, cutoff),
				sql`coalesce((select max(p.end_date) from enrollment e join program p on p.id = e.program_id where e.beneficiary_id = ${beneficiary.id}), '0000') < ${day}`,
				sql`not exists (select 1 from request r where r.beneficiary_id = ${beneficiary.id} and r.received_at >= ${cutoff.getTime()})`
			)
		)
		.all()
		.map((r) => r.id);
	for (const id of ids) erase({ id: null }, id);
	if (ids.length) log('info', 'retention: erased beneficiaries', { count: ids.length });
	return ids.length;
}

registerJob({ name: 'privacy.retention', pattern: '15 4 * * *', run: () => void applyRetention() });
