import { redirect } from '@sveltejs/kit';
import { flash } from '$lib/server/flash';
import * as policies from '$lib/server/policies';
import { PolicyForm } from '$lib/server/policies/form';
import { requirePermission, actor } from '$lib/server/guard';
import * as settings from '$lib/server/settings';
import { addYears, localDate } from '$lib/dates';
import { invalid, parseForm } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'policies.manage');
	const s = settings.get();
	const today = localDate(new Date(), s.timeZone);
	return {
		values: {
			titleAr: '',
			titleEn: '',
			version: '1.0',
			approvedBy: '',
			boardMeeting: '',
			approvedOn: today,
			nextReviewOn: addYears(today, 1, s.calendar),
			published: ''
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const me = requirePermission(event, 'policies.manage');
		const res = parseForm(PolicyForm, await event.request.formData());
		if (!res.ok) return invalid(400, res.errors, res.values);
		const id = policies.create(actor(event, me), res.data);
		flash(event, 'policies.created');
		redirect(303, `/policies/${id}`);
	}
};
