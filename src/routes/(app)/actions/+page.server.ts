import * as actions from '$lib/server/improvements';
import { requirePermission } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import { cellMode, isSmall } from '$lib/server/indicators/smallCells';
import * as settings from '$lib/server/settings';
import { localDate } from '$lib/dates';
import { ACTION_STATUSES } from '$lib/server/db/schema';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'actions.read');
	const st = event.url.searchParams.get('status');
	const status = (ACTION_STATUSES as readonly string[]).includes(st ?? '')
		? (st as (typeof ACTION_STATUSES)[number])
		: null;
	const today = localDate(new Date(), settings.get().timeZone);
	// A measured value over fewer than 5 people is withheld from the board.
	const hide = (n: number | null) => cellMode(me.role) === 'hide' && isSmall(n);
	return {
		status,
		statuses: [...ACTION_STATUSES],
		today,
		canManage: can(me.role, 'actions.manage'),
		rows: actions.list({ status }).map((a) => ({
			id: a.id,
			title: a.title,
			status: a.status,
			dueDate: a.dueDate,
			indicator: a.indicator,
			source: a.source,
			ownerName: a.ownerName,
			programAr: a.programAr,
			programEn: a.programEn,
			baselineValue: hide(a.baselineN) ? null : a.baselineValue,
			baselineN: hide(a.baselineN) ? null : a.baselineN,
			afterValue: hide(a.afterN) ? null : a.afterValue,
			afterN: hide(a.afterN) ? null : a.afterN,
			overdue: (a.status === 'open' || a.status === 'in_progress') && a.dueDate < today
		}))
	};
};
