import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requirePermission, actor } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import * as settings from '$lib/server/settings';
import * as voices from '$lib/server/voices';
import { voicesPanel } from '$lib/server/voices/panel';
import * as improvement from '$lib/server/improvements';
import { byProgramFor } from '$lib/server/voices/query';
import { parseFilters, toSearchParams } from '$lib/server/indicators';
import { localName } from '$lib/i18n/locales';
import { cellMode } from '$lib/server/indicators/smallCells';
import { translate } from '$lib/i18n';
import { addDays, localDate } from '$lib/dates';
import { checkbox, int, parseForm, text } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

/** "What people say": themes of the written answers in the dashboard's period and filters. */
export const load: PageServerLoad = (event) => {
	const user = requirePermission(event, 'dashboard.read');
	const s = settings.get();
	const f = parseFilters(event.url, s);
	const mode = cellMode(user.role);
	const panel = voicesPanel(f, mode, { examples: 3, trend: true });
	const canManage = can(user.role, 'comments.tag');
	return {
		panel,
		byProgram: byProgramFor(f, mode),
		filters: { from: f.from, to: f.to },
		calendar: s.calendar,
		query: toSearchParams(f).toString(),
		canManage,
		canAct: can(user.role, 'actions.manage'),
		themes: canManage ? voices.listThemes({ archived: true }) : []
	};
};

const keywords = z
	.string()
	.trim()
	.max(4000, 'errors.tooLong?max=4000')
	.optional()
	.transform((v) => v ?? '');
const themeSchema = z.object({
	nameAr: text(80),
	nameEn: text(80),
	keywordsAr: keywords,
	keywordsEn: keywords,
	archived: checkbox()
});
const idSchema = z.object({ id: int(1, 2_000_000_000) });

function back(url: URL) {
	const q = new URLSearchParams(url.search);
	for (const k of [...q.keys()]) if (k.startsWith('/')) q.delete(k);
	return '/dashboard/themes' + (q.size ? '?' + q : '');
}

export const actions: Actions = {
	create: async (event) => {
		const user = requirePermission(event, 'comments.tag');
		const r = parseForm(themeSchema, await event.request.formData());
		if (!r.ok) return fail(400, { form: 'new', errors: r.errors, values: r.values });
		voices.createTheme(actor(event, user), r.data);
		redirect(303, back(event.url));
	},
	update: async (event) => {
		const user = requirePermission(event, 'comments.tag');
		const data = await event.request.formData();
		const id = parseForm(idSchema, data);
		const r = parseForm(themeSchema, data);
		if (!id.ok) return fail(400, { form: 'id', errors: id.errors, values: id.values });
		if (!r.ok) return fail(400, { form: String(id.data.id), errors: r.errors, values: r.values });
		if (!voices.updateTheme(actor(event, user), id.data.id, r.data))
			return fail(404, {
				form: String(id.data.id),
				errors: { id: 'errors.notFound' },
				values: r.values
			});
		return { saved: id.data.id };
	},
	/** Opens an improvement action from a theme, with its figures in the description. */
	act: async (event) => {
		const user = requirePermission(event, 'actions.manage');
		const r = parseForm(idSchema, await event.request.formData());
		if (!r.ok) return fail(400, { form: 'act', errors: r.errors, values: r.values });
		const theme = voices.getTheme(r.data.id);
		if (!theme)
			return fail(404, { form: 'act', errors: { id: 'errors.notFound' }, values: r.values });
		const s = settings.get();
		const f = parseFilters(event.url, s);
		const fig = voices.summary(f).themes.find((t) => t.id === theme.id);
		const l = event.locals.locale;
		const name = localName(theme, l);
		const id = improvement.create(actor(event, user), {
			title: translate(l, 'voices.themes.actionTitle', { name }).slice(0, 200),
			description: translate(l, 'voices.themes.actionDescription', {
				n: fig?.n ?? 0,
				low: fig?.low ?? 0,
				name,
				from: f.from,
				to: addDays(f.to, -1)
			}),
			source: 'indicator',
			sourceRef: `theme:${theme.key}`,
			ownerId: user.id,
			dueDate: addDays(localDate(new Date(), s.timeZone), 60),
			indicator: 'csat',
			programId: f.program
		});
		redirect(303, `/actions/${id}`);
	}
};
