/**
 * The embeddable counter script. Served by a route (not static/) so it gets its own headers:
 * cached for a day by browsers and a week stale-while-revalidate (the URL carries no hash, so
 * not immutable; an ETag makes revalidation cheap), loadable from any origin
 * (Cross-Origin-Resource-Policy: cross-origin), gzip when accepted.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import source from '$lib/reach/reach.js?raw';
import type { RequestHandler } from './$types';

const body = Buffer.from(source.replace(/^\/\/ @ts-nocheck[^\n]*\n/, ''), 'utf8');
const gz = gzipSync(body, { level: 9 });
const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;

const HEADERS = {
	'content-type': 'text/javascript; charset=utf-8',
	'cache-control': 'public, max-age=86400, stale-while-revalidate=604800',
	'access-control-allow-origin': '*',
	'cross-origin-resource-policy': 'cross-origin',
	etag,
	vary: 'Accept-Encoding'
};

export const GET: RequestHandler = ({ request }) => {
	if (request.headers.get('if-none-match') === etag)
		return new Response(null, { status: 304, headers: HEADERS });
	const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
	return new Response(gzip ? gz : body, {
		headers: gzip ? { ...HEADERS, 'content-encoding': 'gzip' } : HEADERS
	});
};
