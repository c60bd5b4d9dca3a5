import { flash } from '$lib/server/flash';
import { redirect } from '@sveltejs/kit';
import * as beneficiaries from '$lib/server/beneficiaries';
import { beneficiarySchema, duplicateErrors, toInput } from '$lib/server/beneficiaries/form';
import { requirePermission, actor } from '$lib/server/guard';
import { parseForm } from '$lib/server/validate';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'beneficiaries.manage');
	return {};
};

export const actions: Actions = {
	save: async (event) => {
		const me = requirePermission(event, 'beneficiaries.manage');
		const parsed = parseForm(beneficiarySchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		let id: number;
		try {
			id = beneficiaries.create(actor(event, me), toInput(parsed.data));
		} catch (e) {
			if (e instanceof beneficiaries.DuplicateBeneficiaryError)
				return fail(400, {
					errors: duplicateErrors(e),
					values: parsed.values,
					existingId: e.existingId
				});
			if (e instanceof beneficiaries.InvalidMobileError)
				return fail(400, {
					errors: { mobile: 'beneficiaries.invalidMobile' },
					values: parsed.values
				});
			throw e;
		}
		flash(event, 'beneficiaries.created');
		redirect(303, `/beneficiaries/${id}`);
	}
};
