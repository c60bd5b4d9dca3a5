import { flash } from '$lib/server/flash';
import { redirect } from '@sveltejs/kit';
import { requirePermission, actor } from '$lib/server/guard';
import { programSchema } from '$lib/server/programs/form';
import * as programs from '$lib/server/programs';
import { surveyChoices } from '$lib/server/surveys/versions';
import * as users from '$lib/server/users';
import { invalid, parseForm } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'programs.manage');
	return {
		surveys: surveyChoices(),
		staff: users
			.list()
			.filter((u) => !u.disabledAt && u.role !== 'board')
			.map((u) => ({ id: u.id, name: u.name }))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const me = requirePermission(event, 'programs.manage');
		const parsed = parseForm(programSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const id = programs.create(actor(event, me), parsed.data);
		flash(event, 'programs.created');
		redirect(303, `/programs/${id}`);
	}
};
