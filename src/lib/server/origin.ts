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
