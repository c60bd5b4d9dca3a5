import { flash } from '$lib/server/flash';
import { redirect } from '@sveltejs/kit';
import { requirePermission, actor } from '$lib/server/guard';
import * as social from '$lib/server/reach/social';
import { checkbox, int, invalid, parseForm, text, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'reach.manage');
	return {
		platforms: social.listPlatforms().map((p) => ({
			key: p.key,
			nameAr: p.nameAr,
			nameEn: p.nameEn,
			sort: p.sort,
			active: p.active
		}))
	};
};

const schema = z.object({
	key: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z][a-z0-9_]{1,29}$/, 'errors.platformKey'),
	nameAr: text(60),
	nameEn: text(60),
	sort: int(0, 9999),
	active: checkbox()
});

export const actions: Actions = {
	save: async (event) => {
		const me = requirePermission(event, 'reach.manage');
		const form = await event.request.formData();
		const isNew = form.get('isNew') === '1';
		const parsed = parseForm(schema, form);
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		if (isNew && social.getPlatform(parsed.data.key))
			return invalid(400, { key: 'errors.platformExists' }, parsed.values);
		social.savePlatform(actor(event, me), parsed.data);
		flash(event, 'common.saved');
		redirect(303, '/reach/platforms');
	}
};
