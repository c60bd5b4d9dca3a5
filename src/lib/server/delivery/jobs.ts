/** Delivery's background work: the outbox worker and the hourly reminders. */
import { registerJob } from '../scheduler';
import { startWorker } from './outbox';
import { scheduleReminders } from './reminders';
import { config } from '../config';

registerJob({
	name: 'delivery.reminders',
	pattern: '5 * * * *',
	run: () => void scheduleReminders()
});

export function startDelivery() {
	if (!config().outbox.enabled) return;
	startWorker();
}
