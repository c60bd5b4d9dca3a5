/**
 * The lean paths of the production server (scripts/server.js), registered by
 * hooks.server.ts's init: the website counter's two paths (reach/endpoint.ts) and the survey
 * page's enhanced last-page answer (responses/lean.ts). scripts/server.js offers every request
 * to this function first, with SvelteKit's handler as `passOn`; false = not taken.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { leanHandler as counter } from './reach/endpoint';
import { leanAnswer, type PassOn } from './responses/lean';

/** The name under which the built app hands the lean handler to scripts/server.js. */
export const LEAN_HANDLER = Symbol.for('rida.leanHandler');

export function leanPaths(req: IncomingMessage, res: ServerResponse, passOn?: PassOn): boolean {
	return counter(req, res) || (passOn !== undefined && leanAnswer(req, res, passOn));
}

/** Called once by hooks.server.ts's init: scripts/server.js picks it up after the import. */
export function registerLeanHandler() {
	(globalThis as Record<symbol, unknown>)[LEAN_HANDLER] = leanPaths;
}
