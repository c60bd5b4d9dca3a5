/** Reach housekeeping: salts never outlive their day (≤ 48 h), raw events leave after REACH_RAW_DAYS. */
import { log } from '../log';
import { registerJob } from '../scheduler';
import { purgeRawEvents } from './collect';
import * as settings from '../settings';
import { purgeSalts } from './hash';
import { localDate } from '../../dates';

registerJob({
	name: 'reach.purge',
	pattern: '7 * * * *',
	run: () => {
		const now = new Date();
		const salts = purgeSalts(now, localDate(now, settings.get().timeZone));
		const events = purgeRawEvents();
		if (salts || events) log('info', 'reach purge', { salts, events });
	}
});
