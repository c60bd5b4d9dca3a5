/**
 * Beacon endpoint for src/lib/reach/reach.js (served by routes/reach.js) (text/plain JSON, cross-origin, no cookies). The
 * contract (204 stored or bot / 400 junk / 503 not written) is documented in
 * $lib/server/reach/collect.ts. Public by design: the site key + allowed origins are the
 * check; this path is the one exception to the CSRF origin check (hooks.server.ts).
 */
import { collect, readLimited } from '$lib/server/reach/collect';
import type { RequestHandler } from './$types';

const HEADERS = { 'cache-control': 'no-store', 'access-control-allow-origin': '*' };

export const POST: RequestHandler = async ({ request, getClientAddress }) => {
	let status: number;
	try {
		const declared = Number(request.headers.get('content-length') ?? 0);
		const body = declared > 2048 ? null : await readLimited(request.body);
		const out = await collect({
			body,
			origin: request.headers.get('origin'),
			ip: getClientAddress(),
			userAgent: request.headers.get('user-agent'),
			headers: request.headers
		});
		status = out.status;
	} catch {
		status = 400; // an aborted or unreadable body
	}
	return new Response(null, { status, headers: HEADERS });
};

/** A preflight only happens if someone sends JSON content-type; answer it cheaply. */
export const OPTIONS: RequestHandler = () =>
	new Response(null, {
		status: 204,
		headers: {
			...HEADERS,
			'access-control-allow-methods': 'POST',
			'access-control-allow-headers': 'content-type',
			'access-control-max-age': '86400'
		}
	});
