import { flash } from '$lib/server/flash';
import { requirePermission, actor } from '$lib/server/guard';
import * as requests from '$lib/server/requests';
import { checkbox, int, invalid, msg, parseForm, text, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'settings.manage');
	return { channels: requests.listChannels() };
};

const base = { nameAr: text(80), nameEn: text(80), sort: int(0, 10_000), active: checkbox() };
const updateSchema = z.object({ id: int(1, 1_000_000), ...base });
const createSchema = z.object({
	key: z
		.string()
		.trim()
		.regex(/^[a-z][a-z0-9_]{1,30}$/, msg('errors.invalid')),
	...base
});

export const actions: Actions = {
	update: async (event) => {
		const me = requirePermission(event, 'settings.manage');
		const parsed = parseForm(updateSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		requests.saveChannel(actor(event, me), parsed.data);
		flash(event, 'channels.saved');
		return { ok: true, savedId: parsed.data.id };
	},
	create: async (event) => {
		const me = requirePermission(event, 'settings.manage');
		const parsed = parseForm(createSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, { ...parsed.errors, _new: '1' }, parsed.values);
		try {
			requests.saveChannel(actor(event, me), parsed.data);
		} catch (e) {
			if (e instanceof requests.RequestError)
				return invalid(400, { [e.field]: e.key, _new: '1' }, parsed.values);
			throw e;
		}
		flash(event, 'channels.saved');
		return { ok: true };
	}
};
