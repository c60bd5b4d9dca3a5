import { fail, redirect } from '@sveltejs/kit';
import { flash } from '$lib/server/flash';
import { actor, requirePermission } from '$lib/server/guard';
import * as studio from '$lib/server/surveys/studio';
import { fileProblems } from '$lib/server/surveys/versions';
import { oneOf, parseForm, text, z, invalid } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'surveys.manage');
	const locale = event.locals.locale;
	return {
		surveys: studio.list(),
		archived: studio.list({ archived: true }),
		problems: fileProblems().map((p) => ({
			file: p.file,
			text: studio.describeProblem(p, locale)
		}))
	};
};

const createSchema = z.object({
	nameAr: text(120),
	nameEn: text(120),
	locale: oneOf(['ar', 'en'] as const)
});

const MAX_FILE = 2_000_000;

export const actions: Actions = {
	create: async (event) => {
		const me = requirePermission(event, 'surveys.manage');
		const parsed = parseForm(createSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, { ...parsed.errors, _create: '1' }, parsed.values);
		const id = studio.create(actor(event, me), parsed.data);
		redirect(303, `/surveys/${id}`);
	},
	import: async (event) => {
		const me = requirePermission(event, 'surveys.manage');
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { errors: { file: 'errors.required' }, values: {} });
		if (file.size > MAX_FILE)
			return fail(400, { errors: { file: 'studio.err.tooLarge' }, values: {} });
		const r = studio.importFile(actor(event, me), await file.text(), file.name);
		if (!r.ok)
			return fail(400, {
				errors: { file: 'errors.invalid' },
				values: {},
				problem: studio.describeProblem(r.problem, event.locals.locale)
			});
		redirect(303, `/surveys/${r.id}?imported=1`);
	},
	duplicate: async (event) => {
		const me = requirePermission(event, 'surveys.manage');
		const id = String((await event.request.formData()).get('id') ?? '');
		const copy = studio.duplicate(actor(event, me), id);
		if (!copy) return fail(404, { errors: { _form: 'studio.err.notFound' }, values: {} });
		redirect(303, `/surveys/${copy}`);
	},
	archive: async (event) => {
		const me = requirePermission(event, 'surveys.manage');
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!studio.setArchived(actor(event, me), id, true))
			return fail(404, { errors: { _form: 'studio.err.notFound' }, values: {} });
		flash(event, 'studio.status.archived');
		return {};
	},
	restore: async (event) => {
		const me = requirePermission(event, 'surveys.manage');
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!studio.setArchived(actor(event, me), id, false))
			return fail(404, { errors: { _form: 'studio.err.notFound' }, values: {} });
		flash(event, 'studio.saved');
		return {};
	}
};
