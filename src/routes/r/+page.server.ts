import { clientIp } from '$lib/server/guard';
import { fail, redirect } from '@sveltejs/kit';
import * as pub from '$lib/server/requests/public';
import type { Actions, PageServerLoad } from './$types';

/** Public on purpose: the website channel. No session, no personal data sent back but the visitor's own entries. */
export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	default: async (event) => {
		const len = Number(event.request.headers.get('content-length') ?? '0');
		if (len > pub.MAX_BODY_BYTES)
			return fail(413, {
				errors: { _form: 'pub.err.tooBig' },
				values: {} as Record<string, string>
			});
		const form = await event.request.formData();
		const r = pub.submit(form, clientIp(event), event.locals.locale);
		if (!r.ok) return fail(r.status, { errors: r.errors, values: r.values });
		redirect(303, `/r/${r.code}?new=1`);
	}
};
