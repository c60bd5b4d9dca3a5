/** Reach housekeeping: salts never outlive their day (≤ 48 h), raw events leave after REACH_RAW_DAYS. */
import { log } from '../log';
import { registerJob } from '../scheduler';
import { purgeRawEvents } from './collect';
import * as settings from '../settings';
import { purgeSalts, reachDay } from './hash';

registerJob({
	name: 'reach.purge',
	pattern: '7 * * * *',
	run: () => {
		const now = new Date();
		const salts = purgeSalts(now, reachDay(now, settings.get().timeZone));
		const events = purgeRawEvents();
		if (salts || events) log('info', 'reach purge', { salts, events });
	}
});
