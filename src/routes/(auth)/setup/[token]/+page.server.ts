import { clientIp } from '$lib/server/guard';
import { isHttps } from '$lib/server/origin';
import { redirect } from '@sveltejs/kit';
import { createSession, generateToken, setSessionCookie } from '$lib/server/auth';
import * as users from '$lib/server/users';
import { invalid, email, parseForm, password, text, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

/** First run: the one-time link printed on the console creates the first administrator. */
function validSetup(token: string) {
	const row = users.findToken(token);
	return row && row.purpose === 'setup' && users.countActiveAdmins() === 0 ? row : undefined;
}

export const load: PageServerLoad = ({ params }) => {
	return { valid: !!validSetup(params.token) };
};

const schema = z
	.object({ name: text(100), email: email(), password: password(), confirm: z.string() })
	.refine((v) => v.password === v.confirm, { message: 'password.mismatch', path: ['confirm'] });

export const actions: Actions = {
	default: async (event) => {
		if (!validSetup(event.params.token)) return invalid(403, { _form: 'setup.invalid' }, {});
		const parsed = parseForm(schema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		let id: number | null;
		try {
			id = await users.createFirstAdmin(
				event.params.token,
				{ ...parsed.data, locale: event.locals.locale },
				clientIp(event)
			);
		} catch (e) {
			if (e instanceof users.EmailTakenError)
				return invalid(400, { email: 'users.emailTaken' }, parsed.values);
			throw e;
		}
		// Another request used the link first (a double click, a second tab).
		if (id === null) return invalid(403, { _form: 'setup.invalid' }, {});
		const token = generateToken();
		const session = createSession(token, id);
		setSessionCookie(event.cookies, token, session.expiresAt, isHttps(event.url));
		redirect(303, '/settings');
	}
};
