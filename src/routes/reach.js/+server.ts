/**
 * The embeddable counter script (not static/, so it gets its own headers: see
 * reach/endpoint.ts `reachScript`). In production scripts/server.js answers it first.
 */
import { reachScript } from '$lib/server/reach/endpoint';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request }) => {
	const out = reachScript(
		request.headers.get('if-none-match'),
		request.headers.get('accept-encoding')
	);
	return new Response(out.body ? new Uint8Array(out.body) : null, {
		status: out.status,
		headers: out.headers
	});
};
