import { flash } from '$lib/server/flash';
import { error, redirect } from '@sveltejs/kit';
import * as improvement from '$lib/server/improvements';
import { requirePermission, actor } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import { cellMode, isSmall } from '$lib/server/indicators/smallCells';
import { ACTION_SOURCES, ACTION_STATUSES } from '$lib/server/db/schema';
import { keys as aspectKeys } from '$lib/server/surveys/aspects';
import { ActionForm, sourceRef } from '$lib/server/improvements/form';
import { INDICATOR_KEYS } from '$lib/indicators/registry';
import * as settings from '$lib/server/settings';
import { localDate } from '$lib/dates';
import { invalid, parseForm } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'actions.read');
	const a = improvement.get(Number(event.params.id));
	if (!a) error(404, 'actions.notFound');
	const canManage = can(me.role, 'actions.manage');
	const row = improvement.row(a.id)!;
	const s = settings.get();
	const today = localDate(new Date(), s.timeZone);
	// A measured value over fewer than 5 people is withheld from the board.
	const hide = (n: number | null) => cellMode(me.role) === 'hide' && isSmall(n);
	return {
		slaDays: s.slaDays,
		action: {
			id: a.id,
			title: a.title,
			description: a.description,
			source: a.source,
			sourceRef: a.source === 'comment' && !canManage ? null : a.sourceRef,
			status: a.status,
			dueDate: a.dueDate,
			indicator: a.indicator,
			ownerName: row.ownerName,
			programAr: row.programAr,
			programEn: row.programEn,
			baseline: {
				value: hide(a.baselineN) ? null : a.baselineValue,
				n: hide(a.baselineN) ? 0 : (a.baselineN ?? 0),
				from: a.baselineFrom,
				to: a.baselineTo
			},
			after:
				a.status === 'done'
					? {
							value: hide(a.afterN) ? null : a.afterValue,
							n: hide(a.afterN) ? 0 : (a.afterN ?? 0),
							from: a.afterFrom,
							to: a.afterTo
						}
					: null,
			createdAt: a.createdAt.getTime(),
			closedAt: a.closedAt?.getTime() ?? null,
			published: a.published,
			overdue: (a.status === 'open' || a.status === 'in_progress') && a.dueDate < today
		},
		canManage,
		form: canManage
			? {
					values: {
						title: a.title,
						description: a.description,
						source: a.source,
						aspect: a.source === 'aspect' ? (a.sourceRef ?? '') : '',
						commentId: a.source === 'comment' ? (a.sourceRef ?? '') : '',
						indicator: a.indicator,
						programId: a.programId ? String(a.programId) : '',
						ownerId: a.ownerId ? String(a.ownerId) : '',
						dueDate: a.dueDate,
						status: a.status,
						published: a.published ? 'on' : '',
						publicTextAr: a.publicTextAr,
						publicTextEn: a.publicTextEn
					},
					owners: improvement.owners(),
					programs: improvement.programs(),
					indicators: [...INDICATOR_KEYS],
					aspects: aspectKeys(),
					sources: [...ACTION_SOURCES],
					statuses: [...ACTION_STATUSES]
				}
			: null
	};
};

export const actions: Actions = {
	save: async (event) => {
		const me = requirePermission(event, 'actions.manage');
		const id = Number(event.params.id);
		if (!improvement.get(id)) error(404, 'actions.notFound');
		const res = parseForm(ActionForm, await event.request.formData());
		if (!res.ok) return invalid(400, res.errors, res.values);
		const d = res.data;
		improvement.update(actor(event, me), id, {
			title: d.title,
			description: d.description,
			source: d.source,
			sourceRef: sourceRef(d),
			ownerId: d.ownerId,
			dueDate: d.dueDate,
			indicator: d.indicator,
			programId: d.programId,
			published: d.published,
			publicTextAr: d.publicTextAr,
			publicTextEn: d.publicTextEn,
			...(d.status ? { status: d.status } : {})
		});
		flash(event, 'actions.saved');
		redirect(303, `/actions/${id}`);
	}
};
