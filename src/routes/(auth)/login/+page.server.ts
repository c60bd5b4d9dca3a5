import { isHttps, requestOrigin } from '$lib/server/origin';
import { redirect } from '@sveltejs/kit';
import { createSession, generateToken, setSessionCookie } from '$lib/server/auth';
import { safeNext, clientIp } from '$lib/server/guard';
import { homeFor } from '$lib/server/nav';
import * as users from '$lib/server/users';
import { invalid, email, parseForm, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user)
		redirect(
			303,
			safeNext(url.searchParams.get('next'), requestOrigin(url)) ?? homeFor(locals.user.role)
		);
	return { signedOut: url.searchParams.has('signedout') };
};

const schema = z.object({
	email: email(),
	password: z.string().min(1, 'errors.required').max(200, 'errors.tooLong?max=200')
});

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(schema, form);
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const result = await users.authenticate(
			parsed.data.email,
			parsed.data.password,
			clientIp(event)
		);
		if (!result.ok) {
			const values = { email: parsed.data.email };
			if (result.reason === 'throttled') {
				return invalid(
					429,
					{ _form: `login.throttled?seconds=${result.retryAfterSeconds}` },
					values
				);
			}
			return invalid(400, { _form: 'login.invalid' }, values);
		}
		// A fresh token on every sign-in: a session id planted before login is never reused.
		const token = generateToken();
		const session = createSession(token, result.userId);
		setSessionCookie(event.cookies, token, session.expiresAt, isHttps(event.url));
		redirect(
			303,
			safeNext(event.url.searchParams.get('next'), requestOrigin(event.url)) ?? homeFor(result.role)
		);
	}
};
