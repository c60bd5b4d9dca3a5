import { transparency } from '$lib/server/policies/transparency';
import type { PageServerLoad } from './$types';

/** Public on purpose: the association's promises and figures, nothing personal. */
export const load: PageServerLoad = ({ locals }) => ({
	t: transparency(),
	locale: locals.locale
});
