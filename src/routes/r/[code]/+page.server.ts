import * as requests from '$lib/server/requests';
import type { PageServerLoad } from './$types';

/** Public status page: steps and dates only, never names or what staff typed. */
export const load: PageServerLoad = ({ params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	const code = params.code.toUpperCase();
	const s = /^[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(code) ? requests.publicStatus(code) : undefined;
	return { code, isNew: url.searchParams.get('new') === '1', s: s ?? null };
};
