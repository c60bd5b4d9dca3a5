import { clientIp } from '$lib/server/guard';
import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth';
import * as audit from '$lib/server/audit';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (a GET link could be triggered by any page).
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		if (event.locals.session) {
			invalidateSession(event.locals.session.id);
			audit.record({
				actorId: event.locals.user?.id ?? null,
				action: 'auth.logout',
				ip: clientIp(event)
			});
		}
		deleteSessionCookie(event.cookies);
		redirect(303, '/login?signedout');
	}
};
