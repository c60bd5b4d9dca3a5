/**
 * Rate limit of anonymous walk-in links: per device (a random cookie) and per IP hash, in
 * fixed windows kept in memory (a restart forgives; the limit only damps ballot stuffing).
 */
import { createHash } from 'node:crypto';

const DEVICE_MAX = 3; // new surveys per device per program per window
const IP_MAX = 30; // new surveys per IP per window (a shared venue Wi-Fi)
const WINDOW_MS = 6 * 3_600_000;

const hits = new Map<string, number[]>();

function take(key: string, max: number, now: number): boolean {
	const recent = (hits.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
	if (recent.length >= max) {
		hits.set(key, recent);
		return false;
	}
	recent.push(now);
	hits.set(key, recent);
	return true;
}

export const ipHash = (ip: string) =>
	createHash('sha256')
		.update('walkin:' + ip)
		.digest('base64url')
		.slice(0, 22);

/** True when this device and IP may start another anonymous survey of the program. */
export function allow(
	programId: number | string,
	device: string,
	ip: string,
	now = Date.now()
): boolean {
	const ipKey = `ip:${programId}:${ipHash(ip)}`;
	const devKey = `dev:${programId}:${device}`;
	const devRecent = (hits.get(devKey) ?? []).filter((t) => now - t < WINDOW_MS).length;
	const ipRecent = (hits.get(ipKey) ?? []).filter((t) => now - t < WINDOW_MS).length;
	if (devRecent >= DEVICE_MAX || ipRecent >= IP_MAX) return false;
	return take(devKey, DEVICE_MAX, now) && take(ipKey, IP_MAX, now);
}

export function reset() {
	hits.clear();
}
