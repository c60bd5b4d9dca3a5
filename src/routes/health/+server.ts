import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * For a service manager or load balancer: 200 when the server answers and its database can be
 * read, 503 otherwise. Public on purpose; it says nothing but "ok".
 */
export const GET: RequestHandler = () => {
	try {
		getDb().$client.prepare('select 1').get();
		return json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
	} catch {
		return json({ ok: false }, { status: 503, headers: { 'cache-control': 'no-store' } });
	}
};
