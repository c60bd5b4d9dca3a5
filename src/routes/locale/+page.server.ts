import { isHttps, requestOrigin } from '$lib/server/origin';
import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE, isLocale } from '$lib/i18n/locales';
import { safeNext } from '$lib/server/guard';
import * as users from '$lib/server/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

/** Public on purpose (visitors switch language too); it only sets a preference. */
export const actions: Actions = {
	default: async ({ request, cookies, locals, url }) => {
		const form = await request.formData();
		const locale = form.get('locale');
		const next = String(form.get('next') ?? '/');
		if (isLocale(locale)) {
			cookies.set(LOCALE_COOKIE, locale, {
				path: '/',
				maxAge: 365 * 86400,
				httpOnly: false,
				sameSite: 'lax',
				secure: isHttps(url)
			});
			if (locals.user) users.setLocale(locals.user.id, locale);
		}
		redirect(303, safeNext(next, requestOrigin(url)) ?? '/');
	}
};
