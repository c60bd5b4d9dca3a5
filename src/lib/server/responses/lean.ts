/**
 * The lean path of the survey answer (issue 16 §3): the production server (scripts/server.js)
 * offers it each request before SvelteKit's handler. It takes only what the survey page sends
 * with JavaScript on its last page — an enhanced `POST /s/<token>?/answer`, form-urlencoded,
 * `accept: application/json`, same origin, no staff session — and answers it itself only when
 * the answers are stored: the one response the SvelteKit action gives then, byte for byte (the
 * lean spec and tests/e2e/surveys.test.ts compare them). It runs the action's own steps
 * (responses/answer.ts) and the hooks' own cross-site rule (origin.ts) and security headers
 * (headers.ts): there is no second copy of the contract, only less machinery around it (no
 * Request/Response objects, hooks, cookies or locale for a post that needs none of them).
 *
 * Everything else goes to SvelteKit untouched: a request it does not take is never read; one
 * it read and does not answer (a refused or unknown link, a page with errors, a page that is
 * not the last, a link used meanwhile, any error) is handed over with the same method, URL,
 * headers and body, before anything was written — the steps before the write only read, and
 * a write that fails leaves nothing (its savepoint is rolled back). SvelteKit then runs the
 * action from the start and answers as it always does.
 */
import { IncomingMessage, type ServerResponse } from 'node:http';
import { stringify } from 'devalue';
import { SESSION_COOKIE } from '../auth';
import { config } from '../config';
import { secureHeaders } from '../headers';
import { isCrossSiteForm } from '../origin';
import { answerLink, decideAnswer, storeAnswers } from './answer';

/** SvelteKit's handler: what the lean path hands a request to. */
export type PassOn = (req: IncomingMessage, res: ServerResponse) => void;

const ACTION = '?/answer';
const FORM = 'application/x-www-form-urlencoded';
/** The route's path with a token findByToken can know (no percent-encoding to decode). */
const PATH = /^\/s\/([A-Za-z0-9_-]{20,64})$/;
/** A survey page's post is a few hundred bytes; a larger one goes to SvelteKit unread. */
const MAX_BODY = 16 * 1024;

/**
 * True when it took the request (it answers it, or hands it to `passOn` once read); false
 * when it did not touch it. Every condition below is one under which SvelteKit's answer could
 * differ from the success response this path writes.
 */
export function leanAnswer(req: IncomingMessage, res: ServerResponse, passOn: PassOn): boolean {
	if (req.method !== 'POST' || !req.url?.endsWith(ACTION)) return false;
	const { requestBase, bodySizeLimit } = config();
	if (!requestBase) return false; // the URL SvelteKit sees depends on proxy headers
	const h = req.headers;
	if (h['x-sveltekit-action'] !== 'true' || h.accept !== 'application/json') return false;
	if (h['content-type'] !== FORM || h['transfer-encoding'] !== undefined) return false;
	const length = Number(h['content-length']);
	if (!Number.isInteger(length) || length <= 0 || length > MAX_BODY || !(length <= bodySizeLimit))
		return false;
	// a signed-in person's session is checked and renewed by the hooks (a cookie may be set)
	if (h.cookie?.includes(SESSION_COOKIE)) return false;
	let url: URL;
	try {
		url = new URL(requestBase + req.url); // as adapter-node makes it
	} catch {
		return false;
	}
	const token = PATH.exec(url.pathname)?.[1];
	if (!token || url.search !== ACTION) return false;
	if (isCrossSiteForm('POST', url, FORM, h.origin ?? null)) return false;

	const chunks: Buffer[] = [];
	req.on('data', (c: Buffer) => chunks.push(c));
	req.on('error', () => res.destroy()); // the client went away mid-body
	req.on('end', () => settle(req, res, passOn, url, token, Buffer.concat(chunks)));
	return true;
}

function settle(
	req: IncomingMessage,
	res: ServerResponse,
	passOn: PassOn,
	url: URL,
	token: string,
	body: Buffer
) {
	const handOver = () => {
		if (!res.headersSent && !res.destroyed) passOn(new Replayed(req, body), res);
	};
	let decision: ReturnType<typeof decideAnswer>;
	try {
		// A refused link goes to SvelteKit, which words it in the reader's language.
		const link = answerLink(token, () => 'ar');
		if (!link.ok) return handOver();
		// undici's formData() reads a urlencoded body the same way: UTF-8, then URLSearchParams
		decision = decideAnswer(link.inv, link.def, new URLSearchParams(body.toString('utf8')));
	} catch {
		return handOver(); // nothing was written: SvelteKit runs it again and answers its error
	}
	if (!decision.ok || !decision.done) return handOver();
	storeAnswers(decision).then(
		(stored) => (stored.ok ? thank(res, url, stored.data) : handOver()),
		handOver
	);
}

let fixedHeaders: [string, string][] | undefined;
/** Success bodies by the action's data (two, one per language: { thanks: true, thanksLocale }). */
const bodies = new Map<string, string>();

/** The action's success, as SvelteKit writes it (setResponse: its headers in order, then the body). */
function thank(res: ServerResponse, url: URL, data: unknown) {
	if (res.headersSent || res.destroyed) return;
	const key = JSON.stringify(data);
	let body = bodies.get(key);
	if (body === undefined) {
		// SvelteKit's action_json of stringify_action_response (devalue; no transport hooks here)
		body = JSON.stringify({ type: 'success', status: 200, data: stringify(data) });
		if (bodies.size < 16) bodies.set(key, body);
	}
	if (!fixedHeaders) {
		// json()'s two headers, then the `headers` hook's (hooks.server.ts), for this route
		const h = new Headers({ 'content-length': '0', 'content-type': 'application/json' });
		secureHeaders(h, url, false, '/s/[token]');
		fixedHeaders = [...h];
	}
	for (const [k, v] of fixedHeaders)
		res.setHeader(k, k === 'content-length' ? String(Buffer.byteLength(body)) : v);
	res.writeHead(200);
	res.end(body);
}

/**
 * The request as read, for SvelteKit: the same method, URL, headers and socket, and the body
 * bytes again. Reading it and destroying it touch nothing else (the connection stays open
 * for SvelteKit's answer).
 */
class Replayed extends IncomingMessage {
	constructor(from: IncomingMessage, body: Buffer) {
		super(from.socket);
		this.method = from.method;
		this.url = from.url;
		this.httpVersion = from.httpVersion;
		this.httpVersionMajor = from.httpVersionMajor;
		this.httpVersionMinor = from.httpVersionMinor;
		this.rawHeaders = from.rawHeaders;
		this.headers = from.headers;
		this.complete = true;
		this.push(body);
		this.push(null);
	}
	override _read() {}
	override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
		callback(error);
	}
}

/** For the spec: forget the headers computed for the first answer (another ORIGIN). */
export function resetLeanAnswer() {
	fixedHeaders = undefined;
	bodies.clear();
}
