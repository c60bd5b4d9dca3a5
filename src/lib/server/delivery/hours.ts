import { addDays, instantAt, localParts } from '../../dates';
import { config } from '../config';
import * as settings from '../settings';

/**
 * Messages go out only within sending hours on the association's clock (its `timeZone`
 * setting): DELIVERY_HOURS="9-21" by default; tests of the worker itself may widen it to "0-24".
 */
const QUIET = () => config().deliveryHours;

export function isSendingHour(at: Date, tz = settings.get().timeZone): boolean {
	const h = localParts(at, tz).hour;
	return h >= QUIET().startHour && h < QUIET().endHour;
}

/** `at` itself if it is within sending hours, else the next opening hour (09:00) local time. */
export function nextSendingTime(at: Date, tz = settings.get().timeZone): Date {
	if (isSendingHour(at, tz)) return at;
	const local = localParts(at, tz);
	const day = local.hour >= QUIET().endHour ? addDays(local.date, 1) : local.date;
	return instantAt(day, tz, QUIET().startHour);
}
