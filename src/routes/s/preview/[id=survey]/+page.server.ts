import { asLocale } from '$lib/i18n/locales';
// The studio's live preview: the real respondent page rendered from a survey's DRAFT, for
// staff who may edit surveys. Answers travel in a hidden field and are never stored; no
// invitation exists, so nothing here can reach a respondent.
import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/guard';
import * as settings from '$lib/server/settings';
import { formUi, renderPage, submitPage, type Answers } from '$lib/server/surveys';
import { aroundForm } from '$lib/server/surveys/page-strings';
import * as studio from '$lib/server/surveys/studio';
import type { Actions, PageServerLoad } from './$types';

type Lang = 'ar' | 'en';
const langOf = (v: string | null): Lang => asLocale(v);

function draftDef(id: string) {
	const d = studio.draftOf(id);
	if (!d) error(404, 'errors.notFound');
	return studio.check(d, { draft: true });
}

function shell(locale: Lang) {
	return {
		locale,
		dir: locale === 'ar' ? ('rtl' as const) : ('ltr' as const),
		strings: aroundForm(locale),
		association: settings.associationName(locale),
		ui: formUi(locale)
	};
}

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'surveys.manage');
	const locale = langOf(event.url.searchParams.get('lang'));
	const c = draftDef(event.params.id);
	if (!c.ok)
		return { ...shell(locale), problem: studio.describeProblem(c.problem, locale), view: null };
	return { ...shell(locale), problem: null, view: renderPage(c.def, { locale, data: {} }) };
};

export const actions: Actions = {
	answer: async (event) => {
		requirePermission(event, 'surveys.manage');
		const locale = langOf(event.url.searchParams.get('lang'));
		const c = draftDef(event.params.id);
		if (!c.ok) return { done: false, view: null, data: '{}' };
		const form = await event.request.formData();
		let data: Answers;
		try {
			data = JSON.parse(String(form.get('_data') ?? '{}')) as Answers;
		} catch {
			data = {};
		}
		const r = submitPage(c.def, {
			locale,
			data,
			pageIndex: Number(form.get('pageIndex') ?? 0),
			form
		});
		if (!r.ok)
			return {
				done: false,
				data: JSON.stringify(r.data),
				view: renderPage(c.def, { locale, data: r.data, pageIndex: r.pageIndex, errors: r.errors })
			};
		if (r.done) return { done: true, data: '{}', view: null };
		return {
			done: false,
			data: JSON.stringify(r.data),
			view: renderPage(c.def, { locale, data: r.data, pageIndex: r.nextPageIndex })
		};
	}
};
