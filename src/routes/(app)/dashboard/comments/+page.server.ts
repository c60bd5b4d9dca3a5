import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requirePermission, actor } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import * as settings from '$lib/server/settings';
import { parseFilters, toSearchParams } from '$lib/server/indicators';
import {
	addTag,
	allTags,
	listResponses,
	parseResponseQuery,
	removeTag,
	TAG_RE
} from '$lib/server/indicators/drill';
import { cellMode, protectList } from '$lib/server/indicators/smallCells';
import { int, msg, parseForm, text } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

/** Free-text answers with their scores, program and date; searchable; taggable by quality. */
export const load: PageServerLoad = (event) => {
	const user = requirePermission(event, 'dashboard.read');
	const s = settings.get();
	const f = parseFilters(event.url, s);
	const x = { ...parseResponseQuery(event.url), onlyComments: true };
	return {
		// Fewer than 5 respondents: not listed to the board, listed with a warning to quality.
		list: protectList(listResponses(f, x), cellMode(user.role)),
		tags: allTags(),
		x,
		filters: { from: f.from, to: f.to },
		calendar: s.calendar,
		query: toSearchParams(f).toString(),
		canTag: can(user.role, 'comments.tag')
	};
};

const tagSchema = z.object({
	responseId: int(1, 2_000_000_000),
	tag: text(40).pipe(z.string().regex(TAG_RE, msg('dash.tagError')))
});

function back(url: URL) {
	const q = new URLSearchParams(url.search);
	for (const k of [...q.keys()]) if (k.startsWith('/')) q.delete(k);
	return '/dashboard/comments' + (q.size ? '?' + q : '');
}

export const actions: Actions = {
	tag: async (event) => {
		const user = requirePermission(event, 'comments.tag');
		const r = parseForm(tagSchema, await event.request.formData());
		if (!r.ok) return fail(400, { errors: r.errors, values: r.values });
		if (!addTag(actor(event, user), r.data.responseId, r.data.tag))
			return fail(404, { errors: { responseId: 'errors.notFound' }, values: r.values });
		redirect(303, back(event.url));
	},
	untag: async (event) => {
		const user = requirePermission(event, 'comments.tag');
		const r = parseForm(tagSchema, await event.request.formData());
		if (!r.ok) return fail(400, { errors: r.errors, values: r.values });
		removeTag(actor(event, user), r.data.responseId, r.data.tag);
		redirect(303, back(event.url));
	}
};
