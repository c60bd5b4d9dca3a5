import { config } from './config';

/** Demo mode seeds fictitious data; production (NODE_ENV=production, RIDA_DEMO=0) never does. */
export function isDemo(): boolean {
	return config().demo;
}

/** The URL in links sent to beneficiaries and staff (ORIGIN, else http://localhost:PORT). */
export function publicOrigin(): string {
	return config().publicOrigin;
}
