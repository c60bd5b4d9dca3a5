import { requirePermission, actor } from '$lib/server/guard';
import { requestOrigin } from '$lib/server/origin';
import { ROLES } from '$lib/server/permissions';
import * as users from '$lib/server/users';
import { invalid, email, oneOf, optionalPassword, parseForm, text, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'users.manage');
	return {
		users: users.list().map((u) => ({
			id: u.id,
			name: u.name,
			email: u.email,
			role: u.role,
			disabled: !!u.disabledAt,
			invited: !u.hasPassword,
			isDemo: u.isDemo
		})),
		roles: [...ROLES]
	};
};

const schema = z.object({
	name: text(100),
	email: email(),
	role: oneOf(ROLES),
	locale: oneOf(['ar', 'en']),
	password: optionalPassword()
});

export const actions: Actions = {
	create: async (event) => {
		const me = requirePermission(event, 'users.manage');
		const parsed = parseForm(schema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		try {
			const { inviteToken } = await users.create(actor(event, me), parsed.data);
			return {
				message: 'users.created',
				link: inviteToken ? `${requestOrigin(event.url)}/password/${inviteToken}` : undefined
			};
		} catch (e) {
			if (e instanceof users.EmailTakenError)
				return invalid(400, { email: 'users.emailTaken' }, parsed.values);
			throw e;
		}
	}
};
