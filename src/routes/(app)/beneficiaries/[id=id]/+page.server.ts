import { flash } from '$lib/server/flash';
import { error, fail, redirect } from '@sveltejs/kit';
import * as privacy from '$lib/server/privacy';
import * as beneficiaries from '$lib/server/beneficiaries';
import { beneficiarySchema, duplicateErrors, toInput } from '$lib/server/beneficiaries/form';
import { requirePermission, actor } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import * as programs from '$lib/server/programs';
import { invalid, parseForm } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'beneficiaries.read');
	const b = beneficiaries.get(Number(event.params.id));
	if (!b || b.erasedAt) error(404, 'errors.notFound');
	const enrolled = programs.programsOf(b.id);
	const enrolledIds = new Set(enrolled.map((p) => p.id));
	return {
		beneficiary: {
			id: b.id,
			name: b.name,
			mobile: b.mobile?.startsWith('+966') ? '0' + b.mobile.slice(4) : b.mobile,
			email: b.email,
			gender: b.gender,
			ageBand: b.ageBand,
			city: b.city,
			locale: b.locale,
			preferredChannel: b.preferredChannel,
			consentContact: b.consentContact,
			consentIdentified: b.consentIdentified,
			consentAt: b.consentAt?.toISOString() ?? null,
			consentVersion: b.consentVersion
		},
		programs: enrolled,
		options: programs.options().filter((p) => !enrolledIds.has(p.id)),
		canManage: can(me.role, 'beneficiaries.manage')
	};
};

export const actions: Actions = {
	save: async (event) => {
		const me = requirePermission(event, 'beneficiaries.manage');
		const id = Number(event.params.id);
		// An erased record is gone for good: never write a name back into it.
		const current = beneficiaries.get(id);
		if (!current || current.erasedAt) error(404, 'errors.notFound');
		const parsed = parseForm(beneficiarySchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			beneficiaries.update(actor(event, me), id, toInput(parsed.data));
		} catch (e) {
			if (e instanceof beneficiaries.ErasedBeneficiaryError) error(404, 'errors.notFound');
			if (e instanceof beneficiaries.DuplicateBeneficiaryError)
				return fail(400, {
					errors: duplicateErrors(e),
					values: parsed.values,
					existingId: e.existingId
				});
			throw e;
		}
		flash(event, 'beneficiaries.saved');
		return { ok: true };
	},
	enroll: async (event) => {
		const me = requirePermission(event, 'beneficiaries.manage');
		const id = Number(event.params.id);
		const form = await event.request.formData();
		const programId = Number(form.get('programId'));
		const current = beneficiaries.get(id);
		if (!current || current.erasedAt) error(404, 'errors.notFound');
		if (!programs.get(programId))
			return fail(400, { errors: { programId: 'errors.choice' }, values: {} });
		programs.enroll(actor(event, me), programId, [id]);
		flash(event, 'beneficiaries.enrolledMsg');
		return { ok: true };
	},
	/** PDPL right to erasure: personal fields destroyed, anonymised answers kept. */
	erase: async (event) => {
		const me = requirePermission(event, 'beneficiaries.manage');
		const id = Number(event.params.id);
		const form = await event.request.formData();
		if (form.get('confirm') !== 'on') return invalid(400, { confirm: 'privacy.confirmRequired' });
		if (!privacy.erase(actor(event, me), id)) error(404, 'errors.notFound');
		redirect(303, '/beneficiaries?erased=1');
	}
};
