import { flash } from '$lib/server/flash';
import { error, redirect } from '@sveltejs/kit';
import { requirePermission, actor } from '$lib/server/guard';
import { requestOrigin } from '$lib/server/origin';
import * as sites from '$lib/server/reach/sites';
import { int, invalid, parseForm, text, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'settings.manage');
	return {
		origin: requestOrigin(event.url),
		sites: sites.list().map((s) => ({ id: s.id, key: s.key, name: s.name, origins: s.origins }))
	};
};

const siteSchema = z.object({
	name: text(100),
	origins: z
		.string()
		.trim()
		.max(2000, 'errors.tooLong?max=2000')
		.transform((v, ctx) => {
			const { origins, invalid } = sites.parseOrigins(v);
			if (invalid.length)
				ctx.addIssue({
					code: 'custom',
					message: `errors.origin?value=${encodeURIComponent(invalid[0].slice(0, 80))}`
				});
			else if (!origins.length) ctx.addIssue({ code: 'custom', message: 'errors.required' });
			return origins;
		})
});

export const actions: Actions = {
	create: async (event) => {
		const me = requirePermission(event, 'settings.manage');
		const parsed = parseForm(siteSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const s = sites.create(actor(event, me), parsed.data);
		flash(event, 'sites.created');
		redirect(303, `/settings/sites#site-${s.id}`);
	},
	update: async (event) => {
		const me = requirePermission(event, 'settings.manage');
		const form = await event.request.formData();
		const id = z.object({ id: int(1, 2 ** 31) }).safeParse({ id: form.get('id') });
		if (!id.success || !sites.get(id.data.id)) error(404, 'errors.notFound');
		const parsed = parseForm(siteSchema, form);
		if (!parsed.ok)
			return invalid(400, parsed.errors, { ...parsed.values, id: String(id.data.id) });
		sites.update(actor(event, me), id.data.id, parsed.data);
		flash(event, 'common.saved');
		redirect(303, `/settings/sites#site-${id.data.id}`);
	},
	remove: async (event) => {
		const me = requirePermission(event, 'settings.manage');
		const form = await event.request.formData();
		const id = z.object({ id: int(1, 2 ** 31) }).safeParse({ id: form.get('id') });
		if (!id.success || !sites.get(id.data.id)) error(404, 'errors.notFound');
		sites.remove(actor(event, me), id.data.id);
		redirect(303, '/settings/sites');
	}
};
