import { flash } from '$lib/server/flash';
import { error, redirect } from '@sveltejs/kit';
import { requirePermission, actor } from '$lib/server/guard';
import { programSchemaFor } from '$lib/server/programs/form';
import * as programs from '$lib/server/programs';
import { surveyChoices } from '$lib/server/surveys/versions';
import * as users from '$lib/server/users';
import { invalid, parseForm } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'programs.manage');
	const p = programs.get(Number(event.params.id));
	if (!p) error(404, 'errors.notFound');
	return {
		program: {
			id: p.id,
			nameAr: p.nameAr,
			nameEn: p.nameEn,
			description: p.description,
			kind: p.kind,
			startDate: p.startDate,
			endDate: p.endDate,
			surveyId: p.surveyId,
			responsibleUserId: p.responsibleUserId
		},
		surveys: surveyChoices(p.surveyId),
		staff: users
			.list()
			.filter((u) => !u.disabledAt && u.role !== 'board')
			.map((u) => ({ id: u.id, name: u.name }))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const me = requirePermission(event, 'programs.manage');
		const id = Number(event.params.id);
		const p = programs.get(id);
		if (!p) error(404, 'errors.notFound');
		const parsed = parseForm(programSchemaFor(p.surveyId), await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		programs.update(actor(event, me), id, parsed.data);
		flash(event, 'programs.saved');
		redirect(303, `/programs/${id}`);
	}
};
