import { isHttps } from '$lib/server/origin';
import { redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { createSession, generateToken, setSessionCookie } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { userToken } from '$lib/server/db/schema';
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
		const row = validSetup(event.params.token);
		if (!row) return invalid(403, { _form: 'setup.invalid' }, {});
		const parsed = parseForm(schema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const ip = event.getClientAddress();
		const { id } = await users.create(
			{ id: null, ip },
			{ ...parsed.data, role: 'admin', locale: event.locals.locale }
		);
		getDb().update(userToken).set({ usedAt: new Date() }).where(eq(userToken.id, row.id)).run();
		const token = generateToken();
		const session = createSession(token, id);
		setSessionCookie(event.cookies, token, session.expiresAt, isHttps(event.url));
		redirect(303, '/settings');
	}
};
