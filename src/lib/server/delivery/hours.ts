import { config } from '../config';

/** Messages go out only between 09:00 and 21:00 Riyadh time (no DST: UTC+3 all year). */
const RIYADH_OFFSET_MS = 3 * 3_600_000;
/** DELIVERY_HOURS="9-21" (default); tests of the worker itself may widen it to "0-24". */
const QUIET = () => config().deliveryHours;

export function riyadhHour(at: Date): number {
	return new Date(at.getTime() + RIYADH_OFFSET_MS).getUTCHours();
}

export function isSendingHour(at: Date): boolean {
	const h = riyadhHour(at);
	return h >= QUIET().startHour && h < QUIET().endHour;
}

/** `at` itself if it is within sending hours, else the next 09:00 Riyadh. */
export function nextSendingTime(at: Date): Date {
	if (isSendingHour(at)) return at;
	const local = new Date(at.getTime() + RIYADH_OFFSET_MS);
	const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
	const nine = day + QUIET().startHour * 3_600_000 - RIYADH_OFFSET_MS;
	return new Date(local.getUTCHours() >= QUIET().endHour ? nine + 86_400_000 : nine);
}
