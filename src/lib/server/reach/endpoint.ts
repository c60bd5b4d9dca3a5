/**
 * The one collect handler and the one reach.js response, used twice:
 *   - by the SvelteKit routes (routes/api/collect, routes/reach.js), for `vite dev` and any
 *     server started without the lean front (build/index.js);
 *   - by the lean front of the production server (scripts/server.js), which answers
 *     `POST /api/collect`, its `OPTIONS` preflight and `GET /reach.js` with plain `node:http`
 *     before SvelteKit's handler: no hooks, cookies, session lookup or locale for a request
 *     that needs none of them (issue 16: 40–49 % of a bare node:http server instead of 4–6 %).
 *
 * Same contract on both paths (collect.ts): 204 after the commit (or a bot, dropped), 400
 * junk, 503 not written. The client address follows ADDRESS_HEADER / XFF_DEPTH as
 * adapter-node does (config.ts), so the lean path sees the same address behind a proxy.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import source from '$lib/reach/reach.js?raw';
import { config } from '../config';
import { collect, collectThen, MAX_BEACON_BYTES, type CollectInput } from './collect';

// ------------------------------------------------------------------------------ collect

export const COLLECT_HEADERS = { 'cache-control': 'no-store', 'access-control-allow-origin': '*' };
export const PREFLIGHT_HEADERS = {
	...COLLECT_HEADERS,
	'access-control-allow-methods': 'POST',
	'access-control-allow-headers': 'content-type',
	'access-control-max-age': '86400'
};

type HeaderBag = Record<string, string | string[] | undefined> | Headers;

/** The status for one beacon; never throws. `body` null = over the size limit. */
export async function collectStatus(input: {
	body: string | null;
	origin: string | null;
	ip: string;
	userAgent: string | null;
	headers: HeaderBag;
}): Promise<204 | 400 | 503> {
	try {
		return (await collect(input)).status;
	} catch {
		return 400;
	}
}

// ---------------------------------------------------------------------------- reach.js

const script = Buffer.from(source.replace(/^\/\/ @ts-nocheck[^\n]*\n/, ''), 'utf8');
const scriptGz = gzipSync(script, { level: 9 });
export const SCRIPT_ETAG = `"${createHash('sha256').update(script).digest('base64url').slice(0, 16)}"`;
export const SCRIPT_HEADERS = {
	'content-type': 'text/javascript; charset=utf-8',
	'cache-control': 'public, max-age=86400, stale-while-revalidate=604800',
	'access-control-allow-origin': '*',
	'cross-origin-resource-policy': 'cross-origin',
	etag: SCRIPT_ETAG,
	vary: 'Accept-Encoding'
};

/**
 * Cached for a day by browsers and a week stale-while-revalidate (the URL carries no hash,
 * so not immutable; the ETag makes revalidation cheap), loadable from any origin, gzip when
 * accepted.
 */
export function reachScript(
	ifNoneMatch: string | null | undefined,
	acceptEncoding: string | null | undefined
): { status: 200 | 304; body: Buffer | null; headers: Record<string, string> } {
	if (ifNoneMatch === SCRIPT_ETAG) return { status: 304, body: null, headers: SCRIPT_HEADERS };
	const gzip = /\bgzip\b/.test(acceptEncoding ?? '');
	return gzip
		? { status: 200, body: scriptGz, headers: { ...SCRIPT_HEADERS, 'content-encoding': 'gzip' } }
		: { status: 200, body: script, headers: SCRIPT_HEADERS };
}

// ------------------------------------------------------------------------- lean node path

/** What hooks.server.ts's `headers` hook adds to every response, for the lean path too. */
function securityHeaders(): Record<string, string> {
	const h: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'x-frame-options': 'DENY'
	};
	if (config().origin?.startsWith('https:'))
		h['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	return h;
}

/**
 * The client address of a node request, as adapter-node computes it: the socket's, or the
 * ADDRESS_HEADER one (x-forwarded-for: the XFF_DEPTH-th address from the right). null when
 * the configured header is missing (adapter-node answers 500 there; the lean path 400).
 */
export function nodeClientAddress(req: IncomingMessage): string | null {
	const { addressHeader, xffDepth } = config().proxy;
	if (!addressHeader) return req.socket.remoteAddress ?? '';
	const raw = req.headers[addressHeader];
	const value = Array.isArray(raw) ? raw.join(',') : raw;
	if (value === undefined) return null;
	if (addressHeader !== 'x-forwarded-for') return value.trim();
	const addresses = value.split(',');
	if (xffDepth > addresses.length) return null;
	return addresses[addresses.length - xffDepth].trim();
}

function end(res: ServerResponse, status: number, headers: Record<string, string>, body?: Buffer) {
	res.writeHead(status, headers);
	res.end(body);
}

/**
 * Answers the two counter paths; false for anything else (SvelteKit's handler takes it).
 * The URL is matched exactly (a query string is allowed), as the routes are.
 */
export function leanHandler(req: IncomingMessage, res: ServerResponse): boolean {
	const url = req.url ?? '';
	const q = url.indexOf('?');
	const path = q === -1 ? url : url.slice(0, q);
	if (path === '/api/collect' || path === '/api/collect/') {
		if (req.method === 'POST') {
			void leanCollect(req, res);
			return true;
		}
		if (req.method === 'OPTIONS') {
			end(res, 204, { ...security(), ...PREFLIGHT_HEADERS });
			return true;
		}
		return false;
	}
	if (path === '/reach.js' && (req.method === 'GET' || req.method === 'HEAD')) {
		const h = req.headers;
		const out = reachScript(h['if-none-match'], h['accept-encoding']);
		const headers = { ...security(), ...out.headers };
		if (out.body) headers['content-length'] = String(out.body.length);
		end(res, out.status, headers, req.method === 'HEAD' ? undefined : (out.body ?? undefined));
		return true;
	}
	return false;
}

let secHeaders: Record<string, string> | undefined;
const security = () => (secHeaders ??= securityHeaders());
let collectHeaders: Record<string, string> | undefined;

function reply(res: ServerResponse, status: number) {
	if (res.writableEnded || res.destroyed) return; // the client went away
	end(res, status, (collectHeaders ??= { ...security(), ...COLLECT_HEADERS }));
}

/**
 * POST /api/collect with events and callbacks only: the body is read from the request's
 * 'data'/'end' events and collectThen answers after the batch commits. No promise per
 * beacon: SvelteKit's AsyncLocalStorage turns on promise hooks in this process, so each
 * promise and await costs a hook call (the previous async version spent ≈ 5 % there).
 */
function leanCollect(req: IncomingMessage, res: ServerResponse) {
	let ip: string | null;
	try {
		ip = nodeClientAddress(req);
	} catch {
		ip = null;
	}
	const declared = Number(req.headers['content-length'] ?? 0);
	if (ip === null || declared > MAX_BEACON_BYTES) {
		req.resume();
		reply(res, 400);
		return;
	}
	let first: Buffer | null = null;
	let more: Buffer[] | null = null;
	let size = 0;
	let answered = false;
	const answer = (status: number) => {
		if (answered) return;
		answered = true;
		reply(res, status);
	};
	req.on('data', (c: Buffer) => {
		if (answered) return; // over the limit: the rest is read and dropped
		size += c.length;
		if (size > MAX_BEACON_BYTES) {
			first = more = null;
			answer(400);
		} else if (first === null) first = c;
		else (more ??= [first]).push(c);
	});
	req.on('error', () => answer(400)); // an aborted or unreadable body
	req.on('end', () => {
		if (answered) return;
		const body =
			more !== null ? Buffer.concat(more).toString('utf8') : (first?.toString('utf8') ?? '');
		const origin = req.headers.origin;
		const input: CollectInput = {
			body,
			origin: origin === undefined ? null : origin,
			ip: ip!,
			userAgent: req.headers['user-agent'] ?? null,
			headers: req.headers
		};
		collectThen(input, (error, outcome) => answer(error ? 400 : outcome!.status));
	});
}
