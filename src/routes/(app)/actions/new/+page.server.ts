import { flash } from '$lib/server/flash';
import { redirect } from '@sveltejs/kit';
import * as improvement from '$lib/server/improvements';
import { requirePermission, actor } from '$lib/server/guard';
import { ACTION_SOURCES } from '$lib/server/db/schema';
import { keys as aspectKeys } from '$lib/server/surveys/aspects';
import { ActionForm, sourceRef } from '$lib/server/improvements/form';
import { INDICATOR_KEYS, isIndicatorKey } from '$lib/indicators/registry';
import * as settings from '$lib/server/settings';
import { addDays, localDate } from '$lib/dates';
import { invalid, parseForm } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

const id = (s: string | null) => (s && /^\d{1,9}$/.test(s) ? Number(s) : null);

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'actions.manage');
	const p = event.url.searchParams;
	const today = localDate(new Date(), settings.get().timeZone);
	const values: Record<string, string> = {
		source: 'indicator',
		indicator: 'csat',
		dueDate: addDays(today, 60),
		ownerId: String(me.id),
		title: '',
		description: ''
	};
	let comment: string | null = null;
	const fromComment = id(p.get('fromComment'));
	if (fromComment) {
		const c = improvement.commentSource(fromComment);
		if (c?.comment) {
			comment = c.comment;
			Object.assign(values, {
				source: 'comment',
				commentId: String(c.id),
				indicator: 'csat',
				programId: c.programId ? String(c.programId) : ''
			});
		}
	}
	const program = id(p.get('program'));
	if (p.get('source') === 'program' && program)
		Object.assign(values, { source: 'program', programId: String(program), indicator: 'csat' });
	const ind = p.get('indicator');
	if (isIndicatorKey(ind))
		Object.assign(values, {
			indicator: ind,
			...(p.get('source') !== 'program' && !fromComment ? { source: 'indicator' } : {})
		});
	const aspect = p.get('aspect');
	if (aspect && aspectKeys().includes(aspect))
		Object.assign(values, { source: 'aspect', aspect, indicator: 'csat' });
	return {
		values,
		comment,
		owners: improvement.owners(),
		programs: improvement.programs(),
		indicators: [...INDICATOR_KEYS],
		aspects: aspectKeys(),
		sources: [...ACTION_SOURCES]
	};
};

export const actions: Actions = {
	default: async (event) => {
		const me = requirePermission(event, 'actions.manage');
		const res = parseForm(ActionForm, await event.request.formData());
		if (!res.ok) return invalid(400, res.errors, res.values);
		const d = res.data;
		const newId = improvement.create(actor(event, me), {
			title: d.title,
			description: d.description,
			source: d.source,
			sourceRef: sourceRef(d),
			ownerId: d.ownerId,
			dueDate: d.dueDate,
			indicator: d.indicator,
			programId: d.programId
		});
		flash(event, 'actions.created');
		redirect(303, `/actions/${newId}`);
	}
};
