import { error, fail } from '@sveltejs/kit';
import { flash } from '$lib/server/flash';
import { actor, requirePermission } from '$lib/server/guard';
import * as aspects from '$lib/server/surveys/aspects';
import * as studio from '$lib/server/surveys/studio';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'surveys.manage');
	const locale = event.locals.locale;
	const row = studio.get(event.params.id);
	if (!row) error(404, 'errors.notFound');
	const draft = JSON.parse(row.draft) as studio.Draft;
	const asDraft = studio.check(draft, { draft: true });
	const strict = asDraft.ok ? studio.check(draft) : asDraft;
	return {
		survey: {
			id: row.id,
			nameAr: row.nameAr,
			nameEn: row.nameEn,
			status: row.status,
			published: !!row.publishedVersionId,
			version: row.updatedAt.getTime()
		},
		draft,
		draftText: JSON.stringify(draft, null, 2),
		draftProblem: asDraft.ok ? null : studio.describeProblem(asDraft.problem, locale),
		publishProblem: strict.ok ? null : studio.describeProblem(strict.problem, locale),
		questions: asDraft.ok ? studio.mappable(asDraft.def, locale) : [],
		aspects: aspects.list(),
		promise: studio.promiseText()[locale],
		imported: event.url.searchParams.get('imported') === '1'
	};
};

function problemFail(p: studio.Problem, locale: 'ar' | 'en', values: Record<string, string> = {}) {
	return fail(400, {
		errors: { _form: 'studio.cannotPublish' },
		problem: studio.describeProblem(p, locale),
		values
	});
}

export const actions: Actions = {
	save: async (event) => {
		const me = requirePermission(event, 'surveys.manage');
		const form = await event.request.formData();
		const text = String(form.get('json') ?? '');
		let draft: studio.Draft;
		try {
			draft = JSON.parse(text) as studio.Draft;
		} catch (e) {
			return problemFail(
				{ code: 'json', params: { detail: (e as Error).message }, message: '' },
				event.locals.locale,
				{ json: text }
			);
		}
		if (!draft || typeof draft !== 'object' || !draft.survey || typeof draft.survey !== 'object')
			return problemFail({ code: 'notSurvey', params: {}, message: '' }, event.locals.locale, {
				json: text
			});
		draft.name = {
			ar: String(draft.name?.ar ?? ''),
			en: String(draft.name?.en ?? draft.name?.ar ?? '')
		};
		draft.indicators ??= {};
		if (!studio.saveDraft(actor(event, me), event.params.id, draft)) error(404, 'errors.notFound');
		flash(event, 'studio.saved');
		return {};
	},
	mapping: async (event) => {
		const me = requirePermission(event, 'surveys.manage');
		const form = await event.request.formData();
		const r = studio.saveMapping(actor(event, me), event.params.id, form);
		if (!r.ok) return fail(400, { errors: r.errors, values: {}, mapping: true });
		flash(event, 'studio.saved');
		return {};
	},
	publish: async (event) => {
		const me = requirePermission(event, 'surveys.manage');
		const r = studio.publish(actor(event, me), event.params.id);
		if (!r.ok) return problemFail(r.problem, event.locals.locale);
		flash(event, 'studio.published');
		return {};
	}
};
