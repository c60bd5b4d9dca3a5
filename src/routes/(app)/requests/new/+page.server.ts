import { flash } from '$lib/server/flash';
import { redirect } from '@sveltejs/kit';
import { localDateTimeInput } from '$lib/dates';
import * as beneficiaries from '$lib/server/beneficiaries';
import { requirePermission, actor } from '$lib/server/guard';
import * as requests from '$lib/server/requests';
import { parseCreate } from '$lib/server/requests/forms';
import * as settings from '$lib/server/settings';
import { invalid, keepValues } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'requests.manage');
	const tz = settings.get().timeZone;
	const pre = event.url.searchParams.get('beneficiary');
	const preB = pre && /^\d+$/.test(pre) ? beneficiaries.get(Number(pre)) : undefined;
	return {
		channels: requests
			.listChannels({ activeOnly: true })
			.map((c) => ({ id: c.id, key: c.key, nameAr: c.nameAr, nameEn: c.nameEn })),
		officers: requests.officers(),
		meId: me.id,
		channel: /^\d+$/.test(event.url.searchParams.get('channel') ?? '')
			? event.url.searchParams.get('channel')!
			: '',
		kind: event.url.searchParams.get('kind') ?? '',
		now: localDateTimeInput(new Date(), tz),
		preselected:
			preB && !preB.erasedAt
				? { id: preB.id, name: preB.name, mobile: beneficiaries.maskMobile(preB.mobile) }
				: null
	};
};

function formValues(form: FormData) {
	const raw: Record<string, string> = {};
	for (const [k, v] of form.entries()) if (typeof v === 'string') raw[k] = v;
	return keepValues(raw);
}

export const actions: Actions = {
	/** Finds registered beneficiaries without losing what was typed in the rest of the form. */
	search: async (event) => {
		requirePermission(event, 'requests.manage');
		requirePermission(event, 'requests.personal');
		const form = await event.request.formData();
		const values = formValues(form);
		const q = (values.bq ?? '').trim().slice(0, 100);
		const found = q ? beneficiaries.search(q, { limit: 10 }).items : [];
		return {
			values: { ...values, beneficiaryMode: 'existing' },
			searched: true,
			matches: found.map((b) => ({
				id: b.id,
				name: b.name,
				mobile: beneficiaries.maskMobile(b.mobile)
			}))
		};
	},
	create: async (event) => {
		const me = requirePermission(event, 'requests.manage');
		const form = await event.request.formData();
		const parsed = parseCreate(form, settings.get().timeZone);
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		let created: { id: number; code: string };
		try {
			created = requests.create(actor(event, me), parsed.input);
		} catch (e) {
			if (e instanceof requests.RequestError)
				return invalid(400, { [e.field]: e.key }, parsed.values);
			throw e;
		}
		flash(event, 'requests.created', { code: created.code });
		redirect(303, `/requests/${created.id}`);
	}
};
