/**
 * Data subject rights under the PDPL: export everything held about a beneficiary, and erase
 * it — personal fields destroyed, survey answers kept only unlinked (so the indicators do not
 * change), free text of their requests removed. Plus the retention rule run by the scheduler.
 */
import { config } from './config';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import * as audit from './audit';
import * as beneficiaries from './beneficiaries';
import { getDb } from './db';
import {
	auditEvent,
	beneficiary,
	beneficiaryNameToken,
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
import { registerJob } from './scheduler';
import * as settings from './settings';
import { addMonths, localDate, startOfLocalDay } from '../dates';

export type Actor = { id: number | null; ip?: string | null };

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
	const responses = db
		.select({
			id: response.id,
			programId: response.programId,
			submittedAt: response.submittedAt,
			answers: response.answers
		})
		.from(response)
		.where(eq(response.beneficiaryId, id))
		.all()
		.map((r) => ({ ...r, answers: JSON.parse(r.answers) as unknown }));
	const requests = db
		.select({
			id: request.id,
			code: request.code,
			kind: request.kind,
			subject: request.subject,
			details: request.details,
			receivedAt: request.receivedAt,
			status: request.status
		})
		.from(request)
		.where(eq(request.beneficiaryId, id))
		.all();
	const events = requests.length
		? db
				.select({
					requestId: requestEvent.requestId,
					type: requestEvent.type,
					at: requestEvent.at,
					data: requestEvent.data
				})
				.from(requestEvent)
				.where(
					inArray(
						requestEvent.requestId,
						requests.map((r) => r.id)
					)
				)
				.all()
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
		programs,
		invitations,
		responses,
		requests: requests.map((r) => ({ ...r, timeline: events.filter((e) => e.requestId === r.id) })),
		messages,
		history
	};
}

/**
 * Erases a beneficiary. Responses keep their scores and the non-identifying snapshot the
 * indicators filter on (gender, age band, city), but lose every link to the person.
 */
export function erase(actor: Actor, id: number): boolean {
	const db = getDb();
	const exists = db
		.select({ id: beneficiary.id })
		.from(beneficiary)
		.where(eq(beneficiary.id, id))
		.get();
	if (!exists) return false;
	db.transaction((tx) => {
		const invIds = tx
			.select({ id: invitation.id })
			.from(invitation)
			.where(eq(invitation.beneficiaryId, id))
			.all()
			.map((r) => r.id);
		if (invIds.length) {
			tx.delete(invitationLink).where(inArray(invitationLink.invitationId, invIds)).run();
			tx.update(outboxMessage)
				.set({ state: 'cancelled', lastError: 'erased' })
				.where(
					and(
						inArray(outboxMessage.invitationId, invIds),
						inArray(outboxMessage.state, ['queued', 'sending'])
					)
				)
				.run();
			tx.update(outboxMessage)
				.set({ providerId: null })
				.where(inArray(outboxMessage.invitationId, invIds))
				.run();
			tx.update(invitation)
				.set({ beneficiaryId: null, draft: null, shortCode: null })
				.where(inArray(invitation.id, invIds))
				.run();
		}
		tx.update(response)
			.set({ beneficiaryId: null, identified: false })
			.where(eq(response.beneficiaryId, id))
			.run();
		tx.update(request)
			.set({ beneficiaryId: null, details: '', referenceNo: null })
			.where(eq(request.beneficiaryId, id))
			.run();
		tx.delete(optOutToken).where(eq(optOutToken.beneficiaryId, id)).run();
		tx.delete(beneficiaryNameToken).where(eq(beneficiaryNameToken.beneficiaryId, id)).run();
		tx.delete(enrollment).where(eq(enrollment.beneficiaryId, id)).run();
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
	// Old pages may still hold ciphertext: secure_delete zeroes freed pages; checkpoint the WAL.
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
