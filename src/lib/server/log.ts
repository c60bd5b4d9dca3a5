/**
 * Structured one-line logs. Pass ids and counts only: never names, phone numbers, emails
 * or survey tokens (a spec greps the test run's logs for them).
 */
import { appendFileSync } from 'node:fs';
import { config } from './config';

type Level = 'info' | 'warn' | 'error';

export function log(level: Level, message: string, fields: Record<string, unknown> = {}) {
	const { silent, file } = config().log;
	if (silent) return;
	const line = JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...fields });
	if (file) appendFileSync(file, line + '\n');
	(level === 'error' ? console.error : console.log)(line);
}
