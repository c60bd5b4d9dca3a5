/**
 * Structured one-line logs. Pass ids and counts only: never names, phone numbers, emails
 * or survey tokens (a spec greps the test run's logs for them).
 */
import { appendFileSync } from 'node:fs';

type Level = 'info' | 'warn' | 'error';

export function log(level: Level, message: string, fields: Record<string, unknown> = {}) {
	if (process.env.RIDA_LOG === 'silent') return;
	const line = JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...fields });
	if (process.env.RIDA_LOG_FILE) appendFileSync(process.env.RIDA_LOG_FILE, line + '\n');
	(level === 'error' ? console.error : console.log)(line);
}
