/**
 * Seams to other domains. Kept empty on purpose: the lead wires them when those land.
 */

/**
 * Called after a request's timeline receives a `closed` event (outside the transaction that
 * wrote it, so a failure here never undoes the closing).
 *
 * Intended wiring (surveys issue): if the request has a beneficiary who consented to be
 * contacted and has not opted out, create an invitation for the `service-request` survey
 * (`surveys/service-request.json`) through the invitations module, with the request id as
 * context, and let the delivery job send it. Must not throw; log ids only.
 */
export function onRequestClosed(requestId: number): void {
	void requestId;
}
