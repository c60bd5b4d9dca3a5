/**
 * The origin a request was really made to.
 *
 * adapter-node builds `event.url` from ORIGIN when it is set, else from PROTOCOL_HEADER /
 * HOST_HEADER, else it assumes **https** with the Host header. Run as README says
 * (`npm start`, no ORIGIN), the server is reached over plain http — adapter-node never
 * serves TLS itself — so `url.origin` would be `https://localhost:3000` while the browser
 * is at `http://localhost:3000`: every same-origin form would look cross-site and the
 * session cookie would be marked Secure on http. Everything that compares or prints the
 * request's origin goes through here instead.
 */
import { config } from './config';

export function requestOrigin(url: URL): string {
	if (config().originKnown) return url.origin;
	return `http://${url.host}`;
}

/** Whether the browser reached us over https (cookies get `Secure`, HSTS is sent). */
export function isHttps(url: URL): boolean {
	return requestOrigin(url).startsWith('https:');
}

/**
 * Same-origin test for state-changing requests. With ORIGIN (or PROTOCOL_HEADER) set the
 * Origin header must equal it; without, the server cannot know the scheme a proxy in front
 * may have used, so it compares host and port with the Host header the browser sent.
 */
export function isSameOrigin(originHeader: string | null, url: URL): boolean {
	if (!originHeader) return false;
	if (originHeader === url.origin) return true;
	if (config().originKnown) return false;
	try {
		const o = new URL(originHeader);
		return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === url.host;
	} catch {
		return false;
	}
}

/**
 * SvelteKit's built-in CSRF check (csrf.checkOrigin) is turned off in svelte.config.js
 * because it refuses every cross-origin text/plain POST, and reach.js beacons are exactly
 * that. This applies the same rule (a cross-origin POST/PUT/PATCH/DELETE with a form content
 * type is refused) with ONE exception: the beacon endpoint, which checks its own site key and
 * allowed origins and sets no cookies. Used by hooks.server.ts (every request SvelteKit sees)
 * and by the lean survey-answer path (responses/lean.ts), which leaves a refusal to SvelteKit.
 */
export function isCrossSiteForm(
	method: string,
	url: URL,
	contentType: string | null,
	originHeader: string | null
): boolean {
	if (!STATE_CHANGING.has(method) || /^\/api\/collect\/?$/.test(url.pathname)) return false;
	const type = (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
	const isForm = FORM_TYPES.has(type) || type === 'application/x-sveltekit-formdata';
	return isForm && !isSameOrigin(originHeader, url);
}
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_TYPES = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain'
]);
