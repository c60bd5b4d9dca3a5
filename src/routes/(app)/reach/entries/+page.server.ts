import { flash } from '$lib/server/flash';
import { error, redirect } from '@sveltejs/kit';
import { requirePermission, actor } from '$lib/server/guard';
import * as social from '$lib/server/reach/social';
import { isIsoDate, toLatinDigits } from '$lib/dates';
import { int, invalid, oneOf, parseForm, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'reach.manage');
	const platform = event.url.searchParams.get('platform') ?? '';
	const platforms = social.listPlatforms();
	const known = platforms.some((p) => p.key === platform);
	return {
		platforms: platforms.map((p) => ({
			key: p.key,
			nameAr: p.nameAr,
			nameEn: p.nameEn,
			active: p.active
		})),
		platform: known ? platform : '',
		entries: social
			.recentEntries({ platform: known ? platform : undefined, limit: 60 })
			.map((e) => ({
				id: e.id,
				platform: e.platform,
				periodKind: e.periodKind,
				periodStart: e.periodStart,
				reach: e.reach,
				impressions: e.impressions,
				followers: e.followers,
				engagements: e.engagements,
				posts: e.posts,
				imported: e.importId !== null
			}))
	};
};

/** An optional count: empty → null; Arabic digits and thousands separators accepted. */
const count = (min: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' ? toLatinDigits(v).replace(/[\s,٬]/g, '') : v),
		z
			.string()
			.regex(/^(-?\d{1,12})?$/, 'errors.integer')
			.transform((v) => (v === '' ? null : Number(v)))
			.pipe(z.number().min(min, `errors.min?min=${min}`).nullable())
	);

const schema = z
	.object({
		platform: z.string().trim().min(1, 'errors.required'),
		periodKind: oneOf(['day', 'month', 'quarter']),
		periodStart: z.string().trim().transform(toLatinDigits).refine(isIsoDate, 'errors.date'),
		reach: count(0),
		impressions: count(0),
		followers: count(-1e12),
		engagements: count(0),
		posts: count(0)
	})
	.superRefine((v, ctx) => {
		if ([v.reach, v.impressions, v.followers, v.engagements, v.posts].every((x) => x === null))
			ctx.addIssue({ code: 'custom', path: ['reach'], message: 'errors.reachOneFigure' });
	});

export const actions: Actions = {
	save: async (event) => {
		const me = requirePermission(event, 'reach.manage');
		const parsed = parseForm(schema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const d = parsed.data;
		if (!social.getPlatform(d.platform))
			return invalid(400, { platform: 'errors.choice' }, parsed.values);
		const periodStart = social.periodStartOf(d.periodStart, d.periodKind);
		social.saveEntry(actor(event, me), { ...d, periodStart });
		flash(event, 'common.saved');
		redirect(303, `/reach/entries?platform=${encodeURIComponent(d.platform)}`);
	},
	remove: async (event) => {
		const me = requirePermission(event, 'reach.manage');
		const form = await event.request.formData();
		const id = z.object({ id: int(1, 2 ** 31) }).safeParse({ id: form.get('id') });
		if (!id.success) error(404, 'errors.notFound');
		social.deleteEntry(actor(event, me), id.data.id);
		redirect(303, '/reach/entries?deleted=1');
	}
};
