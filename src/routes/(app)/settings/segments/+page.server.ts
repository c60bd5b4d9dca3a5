import { actor, requirePermission } from '$lib/server/guard';
import { flash } from '$lib/server/flash';
import * as segments from '$lib/server/segments';
import { checkbox, int, invalid, msg, parseForm, text, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'settings.manage');
	const counts = segments.counts();
	return {
		segments: segments
			.list({ all: true })
			.map((s) => ({ ...s, contacts: counts.get(s.id) ?? 0, archived: !!s.archivedAt }))
	};
};

const updateSchema = z.object({
	id: int(1, 1_000_000),
	nameAr: text(80),
	nameEn: text(80),
	archived: checkbox()
});
const createSchema = z.object({
	key: z.string().trim().regex(segments.KEY_RE, msg('errors.invalid')),
	nameAr: text(80),
	nameEn: text(80)
});

export const actions: Actions = {
	update: async (event) => {
		const me = requirePermission(event, 'settings.manage');
		const parsed = parseForm(updateSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		segments.update(actor(event, me), parsed.data.id, parsed.data);
		flash(event, 'segments.saved');
		return { savedId: parsed.data.id };
	},
	create: async (event) => {
		const me = requirePermission(event, 'settings.manage');
		const parsed = parseForm(createSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, { ...parsed.errors, _new: '1' }, parsed.values);
		try {
			segments.create(actor(event, me), parsed.data);
		} catch (e) {
			if (e instanceof segments.DuplicateSegmentError)
				return invalid(400, { key: 'segments.exists', _new: '1' }, parsed.values);
			throw e;
		}
		flash(event, 'segments.saved');
		return {};
	}
};
