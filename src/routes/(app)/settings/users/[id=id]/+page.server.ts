import { flash } from '$lib/server/flash';
import { error } from '@sveltejs/kit';
import { requirePermission, actor } from '$lib/server/guard';
import { requestOrigin } from '$lib/server/origin';
import { ROLES } from '$lib/server/permissions';
import * as users from '$lib/server/users';
import { invalid, oneOf, parseForm, text, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

function target(idParam: string) {
	const id = Number(idParam);
	const u = Number.isInteger(id) ? users.get(id) : undefined;
	if (!u) error(404, 'errors.notFound');
	return u;
}

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'users.manage');
	const u = target(event.params.id);
	return {
		target: {
			id: u.id,
			name: u.name,
			email: u.email,
			role: u.role,
			disabled: !!u.disabledAt,
			invited: !u.hasPassword
		},
		roles: [...ROLES]
	};
};

const schema = z.object({ name: text(100), role: oneOf(ROLES) });

export const actions: Actions = {
	update: async (event) => {
		const me = requirePermission(event, 'users.manage');
		const u = target(event.params.id);
		const parsed = parseForm(schema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		if (
			u.role === 'admin' &&
			parsed.data.role !== 'admin' &&
			!u.disabledAt &&
			users.countActiveAdmins() <= 1
		) {
			return invalid(400, { role: 'users.lastAdmin' }, parsed.values);
		}
		users.update(actor(event, me), u.id, parsed.data);
		flash(event, 'users.updated');
		return { ok: true };
	},
	disable: async (event) => {
		const me = requirePermission(event, 'users.manage');
		const u = target(event.params.id);
		if (u.id === me.id) return invalid(400, { _form: 'users.notSelf' });
		if (u.role === 'admin' && users.countActiveAdmins() <= 1)
			return invalid(400, { _form: 'users.lastAdmin' });
		users.setDisabled(actor(event, me), u.id, true);
		flash(event, 'users.disabledDone');
		return { ok: true };
	},
	enable: async (event) => {
		const me = requirePermission(event, 'users.manage');
		const u = target(event.params.id);
		users.setDisabled(actor(event, me), u.id, false);
		flash(event, 'users.enabledDone');
		return { ok: true };
	},
	reset: async (event) => {
		const me = requirePermission(event, 'users.manage');
		const u = target(event.params.id);
		const token = users.issueReset(actor(event, me), u.id);
		return { link: `${requestOrigin(event.url)}/password/${token}` };
	}
};
