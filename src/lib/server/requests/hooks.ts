/**
 * Seams to other domains.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import * as beneficiaries from '../beneficiaries';
import { getDb } from '../db';
import { invitation, request, requestEvent, requestType } from '../db/schema';
import * as delivery from '../delivery';
import { createInvitation } from '../invitations';
import { log } from '../log';
import { config } from '../config';
import { publishedVersion } from '../surveys/versions';

/** The service survey every request type uses unless it chooses its own (surveys/service-request.json). */
export const DEFAULT_SERVICE_SURVEY = 'service-request';

/**
 * The survey a closed request is invited to: its type's choice while that survey has a
 * published version, else the default service survey.
 */
export function serviceSurveyFor(typeSurvey: string | null | undefined): string {
	return typeSurvey && publishedVersion(typeSurvey) ? typeSurvey : DEFAULT_SERVICE_SURVEY;
}

/** After intake from any channel: the acknowledgement (tracking code, due date). Never throws. */
export function onRequestCreated(requestId: number): void {
	try {
		delivery.queueNotice(requestId, 'ack');
	} catch (e) {
		log('error', 'request acknowledgement failed', {
			requestId,
			error: e instanceof Error ? e.message : String(e)
		});
	}
}

/** After a decision or answer: the decision notice (one per decision event). Never throws. */
export function onRequestDecided(requestId: number): void {
	try {
		const n = getDb()
			.select({ n: sql<number>`count(*)` })
			.from(requestEvent)
			.where(
				and(
					eq(requestEvent.requestId, requestId),
					inArray(requestEvent.type, ['decision', 'answered'])
				)
			)
			.get()!.n;
		delivery.queueNotice(requestId, 'decision', { seq: n });
	} catch (e) {
		log('error', 'request decision notice failed', {
			requestId,
			error: e instanceof Error ? e.message : String(e)
		});
	}
}

/**
 * Called after a request's timeline receives a `closed` event (outside the transaction that
 * wrote it, so a failure here never undoes the closing). Sends the beneficiary the service
 * survey of the request's type (serviceSurveyFor: its published version now) once per request, when they consented to be
 * contacted and have not opted out. RIDA_SERVICE_SURVEY=0 turns it off. Never throws.
 */
export function onRequestClosed(requestId: number): void {
	if (!config().serviceSurvey) return;
	try {
		const db = getDb();
		const r = db
			.select({ beneficiaryId: request.beneficiaryId, typeSurvey: requestType.surveyId })
			.from(request)
			.leftJoin(requestType, eq(requestType.id, request.typeId))
			.where(eq(request.id, requestId))
			.get();
		if (!r?.beneficiaryId) return;
		const b = beneficiaries.get(r.beneficiaryId);
		if (!b || !b.consentContact || b.optedOutAt || b.erasedAt) return;
		if (
			db
				.select({ id: invitation.id })
				.from(invitation)
				.where(eq(invitation.requestId, requestId))
				.get()
		)
			return;
		const inv = createInvitation({
			kind: 'request',
			requestId,
			beneficiaryId: b.id,
			surveyId: serviceSurveyFor(r.typeSurvey),
			locale: b.locale
		});
		delivery.enqueueInvitations([inv.invitationId]);
		log('info', 'service survey queued', { requestId, invitationId: inv.invitationId });
	} catch (e) {
		log('error', 'service survey failed', {
			requestId,
			error: e instanceof Error ? e.message : String(e)
		});
	}
}
