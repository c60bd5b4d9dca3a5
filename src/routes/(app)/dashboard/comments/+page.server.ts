import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requirePermission, actor } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import * as settings from '$lib/server/settings';
import * as voices from '$lib/server/voices';
import { parseFilters, PRESETS, toSearchParams } from '$lib/server/indicators';
import { filterOptions } from '$lib/server/indicators/options';
import { cellMode, protectList } from '$lib/server/indicators/smallCells';
import { checkbox, int, parseForm } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

/**
 * Every written answer of every survey version, searchable with Arabic normalisation and
 * filtered by program, period, score band, question and theme; themes corrected by quality.
 * Text as redacted for every role without personal-data rights.
 */
export const load: PageServerLoad = (event) => {
	const user = requirePermission(event, 'dashboard.read');
	const s = settings.get();
	const f = parseFilters(event.url, s);
	const x = voices.parseVoiceQuery(event.url);
	const personal = can(user.role, 'beneficiaries.read');
	return {
		// Fewer than 5 answers: not listed to the board, listed with a warning to quality.
		list: protectList(voices.search(f, x, personal), cellMode(user.role)),
		themes: voices.listThemes().map((t) => ({ id: t.id, nameAr: t.nameAr, nameEn: t.nameEn })),
		questions: voices.questions(),
		programs: filterOptions().programs,
		presets: PRESETS.filter((p) => p !== 'custom'),
		x,
		filters: { from: f.from, to: f.to, preset: f.preset, program: f.program },
		calendar: s.calendar,
		query: toSearchParams(f).toString(),
		canTag: can(user.role, 'comments.tag')
	};
};

const tagSchema = z.object({
	answerId: int(1, 2_000_000_000),
	themeId: int(1, 2_000_000_000),
	on: checkbox()
});

function back(url: URL) {
	const q = new URLSearchParams(url.search);
	for (const k of [...q.keys()]) if (k.startsWith('/')) q.delete(k);
	return '/dashboard/comments' + (q.size ? '?' + q : '');
}

export const actions: Actions = {
	/** A staff correction: the theme applies (on) or not; kept over automatic re-tagging. */
	tag: async (event) => {
		const user = requirePermission(event, 'comments.tag');
		const r = parseForm(tagSchema, await event.request.formData());
		if (!r.ok) return fail(400, { errors: r.errors, values: r.values });
		if (!voices.setTag(actor(event, user), r.data.answerId, r.data.themeId, r.data.on))
			return fail(404, { errors: { answerId: 'errors.notFound' }, values: r.values });
		redirect(303, back(event.url));
	}
};
