import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The tracking form posts here with GET: normalise the code and go to its page. */
export const load: PageServerLoad = ({ url }) => {
	const code = (url.searchParams.get('code') ?? '')
		.trim()
		.toUpperCase()
		.replace(/[^A-Z0-9]/g, '');
	if (code.length !== 8) redirect(303, '/r');
	redirect(303, `/r/${code.slice(0, 4)}-${code.slice(4)}`);
};
