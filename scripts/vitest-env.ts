/**
 * Vitest setup, run before each spec file: specs that set environment variables (SMTP_URL,
 * SMS_GATEWAY_URL, …) leave them to the next file in the same worker, since modules and the
 * process are shared (`isolate: false` in vite.config.ts). Put the environment back after each
 * file, and the parsed configuration with it.
 */
import { afterAll } from 'vitest';
import { resetConfig } from '../src/lib/server/config';

const saved = { ...process.env };
afterAll(() => {
	for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
	Object.assign(process.env, saved);
	resetConfig();
});
