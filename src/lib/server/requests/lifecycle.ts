/**
 * The request lifecycle, pure (no DB): which event may follow which, and what status,
 * decision and decision time a timeline implies. The requests module caches the result in
 * the request row in the same transaction as the event.
 *
 *   received ─► data_checked (complete) ─► referred_committee ─► decision ─► delivered ─► closed
 *        │            └ (missing items) ─► data_checked again           │ (rejected/referred) ─► closed
 *        └──────────► answered (non-support kinds) ─► closed            │
 *   closed ─► reopened ─► (data_checked / committee / decision / answered / closed)
 *
 * Response time = receipt → FIRST decision or answer (that is what the two-week promise
 * measures); a decision after re-opening updates the current decision, not the response time.
 */

export const KINDS = ['support', 'inquiry', 'complaint', 'suggestion', 'other'] as const;
export type Kind = (typeof KINDS)[number];
/** Kinds that may be logged without a beneficiary. */
export const ANONYMOUS_KINDS: readonly Kind[] = ['inquiry', 'suggestion'];
/** Kinds that may be closed by an answer instead of a committee decision. */
export const ANSWERABLE_KINDS: readonly Kind[] = ['inquiry', 'complaint', 'suggestion', 'other'];

export const EVENT_TYPES = [
	'received',
	'data_checked',
	'referred_committee',
	'decision',
	'delivered',
	'closed',
	'answered',
	'reopened',
	'note',
	'assigned',
	'escalated',
	'notice'
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** The steps an officer takes (received is written by create; note/assigned are side events). */
export const STEP_TYPES = [
	'data_checked',
	'referred_committee',
	'decision',
	'delivered',
	'answered',
	'closed',
	'reopened'
] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const STATUSES = [
	'received',
	'incomplete',
	'checked',
	'committee',
	'decided',
	'delivered',
	'answered',
	'closed',
	'reopened'
] as const;
export type Status = (typeof STATUSES)[number];
/** Statuses still waiting for a first decision/answer (the SLA clock runs). */
export const OUTCOMES = ['accepted', 'rejected', 'referred'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type EventData = {
	complete?: boolean;
	missing?: string;
	outcome?: Outcome;
	reason?: string;
	association?: string;
	/** How the requester reaches the body a request was referred to. */
	contact?: string;
	text?: string;
	assigneeId?: number;
	/** escalated: the role it went to. */
	role?: string;
	/** notice: which notice, by which channel. */
	notice?: 'ack' | 'decision';
	channel?: string;
};

/** Side events: they never change the status and may be added at any point. */
export const SIDE_EVENTS: readonly EventType[] = ['note', 'assigned', 'escalated', 'notice'];

export type TimelineEvent = { type: EventType; at: Date; data: EventData | null };

export type Derived = {
	status: Status;
	decision: Outcome | 'answered' | null;
	decidedAt: Date | null;
	closedAt: Date | null;
};

/** Which steps may follow a status. */
const NEXT: Record<Status, readonly StepType[]> = {
	received: ['data_checked', 'answered'],
	incomplete: ['data_checked', 'answered', 'closed'],
	checked: ['referred_committee', 'decision', 'answered'],
	committee: ['decision'],
	decided: ['delivered', 'closed'],
	delivered: ['closed'],
	answered: ['closed'],
	closed: ['reopened'],
	reopened: ['data_checked', 'referred_committee', 'decision', 'answered', 'closed']
};

export function nextSteps(status: Status, kind: Kind, decision: Derived['decision']): StepType[] {
	return NEXT[status].filter((s) => {
		if (s === 'answered' && !ANSWERABLE_KINDS.includes(kind)) return false;
		if (s === 'delivered' && decision !== 'accepted') return false;
		return true;
	});
}

export function derive(events: readonly TimelineEvent[]): Derived {
	const d: Derived = { status: 'received', decision: null, decidedAt: null, closedAt: null };
	for (const e of events) {
		switch (e.type) {
			case 'received':
				d.status = 'received';
				break;
			case 'data_checked':
				d.status = e.data?.complete === false ? 'incomplete' : 'checked';
				break;
			case 'referred_committee':
				d.status = 'committee';
				break;
			case 'decision':
				d.status = 'decided';
				d.decision = e.data?.outcome ?? 'accepted';
				d.decidedAt ??= e.at;
				break;
			case 'answered':
				d.status = 'answered';
				d.decision = 'answered';
				d.decidedAt ??= e.at;
				break;
			case 'delivered':
				d.status = 'delivered';
				break;
			case 'closed':
				d.status = 'closed';
				d.closedAt = e.at;
				break;
			case 'reopened':
				d.status = 'reopened';
				d.closedAt = null;
				break;
			default:
				break; // side events: no change
		}
	}
	return d;
}

export class RequestError extends Error {
	constructor(
		public field: string,
		public key: string
	) {
		super(key);
	}
}

const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Checks that `next` may be appended to the timeline (throws RequestError with an i18n key).
 * `receivedAt` is the request's receipt; `events` the timeline so far, in order.
 */
export function validateStep(
	kind: Kind,
	receivedAt: Date,
	events: readonly TimelineEvent[],
	next: TimelineEvent,
	now: Date
): void {
	if (Number.isNaN(next.at.getTime())) throw new RequestError('at', 'errors.invalid');
	if (next.at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
		throw new RequestError('at', 'requests.err.future');
	if (next.at.getTime() < receivedAt.getTime()) {
		throw new RequestError(
			'at',
			next.type === 'decision' ? 'requests.err.decisionBeforeReceipt' : 'requests.err.beforeReceipt'
		);
	}
	const last = events[events.length - 1];
	if (last && next.at.getTime() < last.at.getTime())
		throw new RequestError('at', 'requests.err.beforePrevious');
	if (next.type === 'escalated' && !next.data?.reason)
		throw new RequestError('reason', 'requests.err.reasonRequired');
	if (SIDE_EVENTS.includes(next.type)) return;
	if (next.type === 'received') throw new RequestError('type', 'requests.err.notAllowed');
	const cur = derive(events);
	if (!nextSteps(cur.status, kind, cur.decision).includes(next.type as StepType))
		throw new RequestError('type', 'requests.err.notAllowed');
	const data = next.data ?? {};
	if (next.type === 'data_checked' && data.complete === false && !data.missing)
		throw new RequestError('missing', 'requests.err.missingItems');
	if (next.type === 'decision') {
		if (!data.outcome || !OUTCOMES.includes(data.outcome))
			throw new RequestError('outcome', 'errors.choice');
		if (data.outcome === 'rejected' && !data.reason)
			throw new RequestError('reason', 'requests.err.reasonRequired');
		if (data.outcome === 'referred' && !data.association)
			throw new RequestError('association', 'requests.err.associationRequired');
	}
	if (next.type === 'reopened' && !data.reason)
		throw new RequestError('reason', 'requests.err.reasonRequired');
}

/** "3 days 4 hours" as numbers, for the page to translate. */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number } {
	const m = Math.max(0, Math.round(ms / 60_000));
	return { days: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60), minutes: m % 60 };
}
