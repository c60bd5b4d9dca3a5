/**
 * Completed survey submissions, group-committed: the submissions that arrive together (in one
 * turn of the event loop) are written in ONE SQLite transaction, each in its own savepoint, so
 * one already-used link refuses that submission only. Every caller awaits the commit that
 * holds its own submission: the thank-you page is only shown for a stored response (zero
 * lost), exactly as with one transaction each — only fewer commits (issue 16: 286 → over
 * 1,000 submissions/s with beacons alongside, `npm run bench writers`).
 *
 * The CPU work (scoring, redaction, encryption) happens before queueing, in the caller's
 * turn (invitations.prepareCompletion).
 */
import type { Answers } from '../surveys';
import { getDb } from '../db';
import { prepareCompletion, type InvitationRow } from '../invitations';

type Pending = {
	write: () => number;
	resolve: (id: number) => void;
	reject: (e: unknown) => void;
};

/** At most this many submissions in one transaction (a burst larger than that commits twice). */
const MAX_GROUP = 200;
let queue: Pending[] = [];
let scheduled: ReturnType<typeof setImmediate> | null = null;

/** Stores a completed survey; resolves with the response id once committed. */
export function submit(inv: InvitationRow, data: Answers, now = new Date()): Promise<number> {
	const write = prepareCompletion(inv, data, now);
	return new Promise<number>((resolve, reject) => {
		queue.push({ write, resolve, reject });
		if (queue.length >= MAX_GROUP) flushSubmissions();
		else scheduled ??= setImmediate(flushSubmissions);
	});
}

/** Commits what is waiting now (also on shutdown and in tests). */
export function flushSubmissions() {
	if (scheduled) clearImmediate(scheduled);
	scheduled = null;
	const group = queue;
	queue = [];
	if (!group.length) return;
	const outcomes: ({ ok: true; id: number } | { ok: false; error: unknown })[] = [];
	try {
		getDb().$client.transaction(() => {
			for (const p of group) {
				try {
					outcomes.push({ ok: true, id: p.write() }); // its own savepoint
				} catch (error) {
					outcomes.push({ ok: false, error });
				}
			}
		})();
	} catch (e) {
		// The commit itself failed: nothing of the group is stored.
		for (const p of group) p.reject(e);
		return;
	}
	group.forEach((p, i) => {
		const o = outcomes[i];
		if (o.ok) p.resolve(o.id);
		else p.reject(o.error);
	});
}
