// Runs the outbox worker once over everything due, then exits. Used by the crash test
// (tests kill it with SIGKILL mid-batch and start it again) and handy for operators.
import { processBatch, recoverInterrupted } from '../src/lib/server/delivery/outbox';
import { getDb } from '../src/lib/server/db';

getDb();
recoverInterrupted();
for (;;) {
	const n = await processBatch(Number(process.env.OUTBOX_BATCH) || 25);
	if (n === 0) break;
}
