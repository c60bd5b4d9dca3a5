import * as delivery from '$lib/server/delivery';
import { associationName } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

// Public: the unsubscribe link in every email and SMS. GET only shows a confirmation (mail
// scanners open links); the POST opts out. The token is never logged.
export const load: PageServerLoad = ({ locals }) => ({
	association: associationName(locals.locale)
});

export const actions: Actions = {
	default: async ({ params }) => ({ done: delivery.optOut(params.token) })
};
