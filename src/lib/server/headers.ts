/**
 * Security headers on every response the app makes (hooks.server.ts applies them last, to
 * pages, actions, endpoints, redirects and refusals alike). The CSP comes from kit.csp in
 * svelte.config.js.
 */
import { isHttps } from './origin';
import { embedOrigins } from './reach/sites';

/** Powerful browser features the app never uses, off for it and for anything it embeds. */
const PERMISSIONS_POLICY = [
	'accelerometer',
	'camera',
	'display-capture',
	'geolocation',
	'gyroscope',
	'hid',
	'magnetometer',
	'microphone',
	'midi',
	'payment',
	'serial',
	'usb',
	'xr-spatial-tracking',
	'browsing-topics'
]
	.map((f) => `${f}=()`)
	.join(', ');

/** The one page the association's own sites may frame (settings → sites); all else is DENY. */
const EMBEDDABLE = new Set(['/transparency']);

/** frame-ancestors of the page's CSP set to the registered site origins ('none' when there are none). */
export function allowFraming(headers: Headers, origins: string[]) {
	const value = origins.length ? origins.join(' ') : "'none'";
	const csp = headers.get('content-security-policy');
	const directive = `frame-ancestors ${value}`;
	headers.set(
		'content-security-policy',
		csp
			? /frame-ancestors[^;]*/.test(csp)
				? csp.replace(/frame-ancestors[^;]*/, directive)
				: `${csp}; ${directive}`
			: directive
	);
	// X-Frame-Options cannot name origins; CSP frame-ancestors replaces it in every browser.
	headers.delete('x-frame-options');
}

export function secureHeaders(
	headers: Headers,
	url: URL,
	signedIn: boolean,
	routeId: string | null = null
) {
	headers.set('x-content-type-options', 'nosniff');
	if (routeId && EMBEDDABLE.has(routeId)) allowFraming(headers, embedOrigins());
	headers.set('permissions-policy', PERMISSIONS_POLICY);
	// A route may choose a stricter one (the survey page sends same-origin).
	if (!headers.has('referrer-policy'))
		headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	if (url.pathname.startsWith('/s/preview/')) {
		// The studio shows the draft's respondent page in its own frames: same origin only.
		headers.set('x-frame-options', 'SAMEORIGIN');
		const csp = headers.get('content-security-policy');
		if (csp)
			headers.set(
				'content-security-policy',
				csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
			);
	}
	if (!(routeId && EMBEDDABLE.has(routeId)) && !headers.has('x-frame-options'))
		headers.set('x-frame-options', 'DENY');
	// Only over HTTPS: sent over plain http (npm start on a laptop) it would be ignored at best.
	if (isHttps(url)) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	// Whatever a signed-in person sees stays out of every cache (a shared computer's browser
	// included), unless a route chose a private cache for something it knows is harmless.
	if (signedIn && !/\b(private|no-store)\b/i.test(headers.get('cache-control') ?? ''))
		headers.set('cache-control', 'no-store');
}
