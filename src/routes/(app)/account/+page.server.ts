import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth';
import { requireUser, actor } from '$lib/server/guard';
import * as users from '$lib/server/users';
import { invalid, parseForm, password, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event);
	return {};
};

const schema = z
	.object({
		current: z.string().min(1, 'errors.required').max(200, 'errors.tooLong?max=200'),
		password: password(),
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, { message: 'password.mismatch', path: ['confirm'] });

export const actions: Actions = {
	password: async (event) => {
		const me = requireUser(event);
		const parsed = parseForm(schema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors);
		const ok = await users.changePassword(
			actor(event, me),
			parsed.data.current,
			parsed.data.password
		);
		if (!ok) return invalid(400, { current: 'password.wrongCurrent' });
		// Every session ended, this one included: sign in again with the new password.
		deleteSessionCookie(event.cookies);
		redirect(303, '/login');
	}
};
