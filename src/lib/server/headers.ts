/**
 * Security headers on every response the app makes (hooks.server.ts applies them last, to
 * pages, actions, endpoints, redirects and refusals alike). The CSP comes from kit.csp in
 * svelte.config.js.
 */
import { isHttps } from './origin';

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

export function secureHeaders(headers: Headers, url: URL, signedIn: boolean) {
	headers.set('x-content-type-options', 'nosniff');
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
	if (!headers.has('x-frame-options')) headers.set('x-frame-options', 'DENY');
	// Only over HTTPS: sent over plain http (npm start on a laptop) it would be ignored at best.
	if (isHttps(url)) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	// Whatever a signed-in person sees stays out of every cache (a shared computer's browser
	// included), unless a route chose a private cache for something it knows is harmless.
	if (signedIn && !/\b(private|no-store)\b/i.test(headers.get('cache-control') ?? ''))
		headers.set('cache-control', 'no-store');
}
