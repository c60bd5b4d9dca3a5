import { clientIp } from '$lib/server/guard';
import { redirect } from '@sveltejs/kit';
import * as users from '$lib/server/users';
import { invalid, parseForm, password, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

/** Invitation and reset links: choose a password, then sign in. */
function valid(token: string) {
	const row = users.findToken(token);
	return row && (row.purpose === 'invite' || row.purpose === 'reset') ? row : undefined;
}

export const load: PageServerLoad = ({ params }) => ({ valid: !!valid(params.token) });

const schema = z
	.object({ password: password(), confirm: z.string() })
	.refine((v) => v.password === v.confirm, { message: 'password.mismatch', path: ['confirm'] });

export const actions: Actions = {
	default: async (event) => {
		if (!valid(event.params.token)) return invalid(403, { _form: 'password.invalidLink' });
		const parsed = parseForm(schema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors);
		const id = await users.setPasswordWithToken(
			event.params.token,
			parsed.data.password,
			clientIp(event)
		);
		// Another request used the link first, or a newer link replaced it meanwhile.
		if (id === null) return invalid(403, { _form: 'password.invalidLink' });
		redirect(303, '/login');
	}
};
