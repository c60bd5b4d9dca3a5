/**
 * Beacon endpoint for src/lib/reach/reach.js (text/plain JSON, cross-origin, no cookies). In
 * production scripts/server.js answers this path before SvelteKit (the lean path); this route
 * serves `vite dev` and build/index.js. Both use $lib/server/reach/endpoint.ts; the contract
 * (204 stored or bot / 400 junk / 503 not written) is documented in reach/collect.ts. Public
 * by design: the site key + allowed origins are the check; this path is the one exception to
 * the CSRF origin check (hooks.server.ts).
 */
import { MAX_BEACON_BYTES, readLimited } from '$lib/server/reach/collect';
import { COLLECT_HEADERS, PREFLIGHT_HEADERS, collectStatus } from '$lib/server/reach/endpoint';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, getClientAddress }) => {
	let status: number;
	try {
		const declared = Number(request.headers.get('content-length') ?? 0);
		const body = declared > MAX_BEACON_BYTES ? null : await readLimited(request.body);
		status = await collectStatus({
			body,
			origin: request.headers.get('origin'),
			ip: getClientAddress(),
			userAgent: request.headers.get('user-agent'),
			headers: request.headers
		});
	} catch {
		status = 400; // an aborted or unreadable body
	}
	return new Response(null, { status, headers: COLLECT_HEADERS });
};

/** A preflight only happens if someone sends JSON content-type; answer it cheaply. */
export const OPTIONS: RequestHandler = () =>
	new Response(null, { status: 204, headers: PREFLIGHT_HEADERS });
