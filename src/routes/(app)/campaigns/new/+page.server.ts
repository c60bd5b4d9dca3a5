import { redirect } from '@sveltejs/kit';
import * as campaigns from '$lib/server/campaigns';
import { campaignSchema } from '$lib/server/campaigns/form';
import { flash } from '$lib/server/flash';
import { actor, requirePermission } from '$lib/server/guard';
import * as programs from '$lib/server/programs';
import * as segments from '$lib/server/segments';
import * as settings from '$lib/server/settings';
import { surveyChoices } from '$lib/server/surveys/versions';
import { invalid, parseForm } from '$lib/server/validate';
import { localDate } from '$lib/dates';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'campaigns.manage');
	const surveys = surveyChoices();
	return {
		// Only published versions reach respondents: surveyChoices() lists the published ones.
		surveys,
		// The form posts a question's name: one choice per name (the first survey that has it).
		questions: surveys
			.flatMap((s) => campaigns.choiceQuestions(s.id).map((q) => ({ surveyId: s.id, ...q })))
			.filter((q, i, all) => all.findIndex((o) => o.name === q.name) === i),
		segments: segments.list().map((s) => ({ key: s.key, nameAr: s.nameAr, nameEn: s.nameEn })),
		programs: programs.options(),
		today: localDate(new Date(), settings.get().timeZone),
		calendar: settings.get().calendar
	};
};

export const actions: Actions = {
	save: async (event) => {
		const me = requirePermission(event, 'campaigns.manage');
		const parsed = parseForm(campaignSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		let id: number;
		try {
			id = campaigns.create(actor(event, me), parsed.data);
		} catch (e) {
			if (e instanceof campaigns.CampaignError)
				return invalid(400, { [e.field]: e.key }, parsed.values);
			throw e;
		}
		// A campaign starting today sends now, not at tomorrow's daily run.
		campaigns.runDue();
		flash(event, 'campaigns.created');
		redirect(303, `/campaigns/${id}`);
	}
};
