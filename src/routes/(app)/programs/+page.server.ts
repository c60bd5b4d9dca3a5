import { requirePermission } from '$lib/server/guard';
import * as programs from '$lib/server/programs';
import { can } from '$lib/server/permissions';
import { cellMode, MIN_CELL, protectProgramStats } from '$lib/server/indicators/smallCells';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'programs.read');
	const status = event.url.searchParams.get('status');
	const archived = event.url.searchParams.get('archived') === '1';
	const q = event.url.searchParams.get('q')?.slice(0, 100) ?? '';
	const rows = programs.list({
		status: (programs.STATUSES as readonly string[]).includes(status ?? '')
			? (status as programs.Status)
			: undefined,
		archived,
		q
	});
	const mode = cellMode(me.role);
	const shown = rows.map((p) => protectProgramStats(p, mode));
	return {
		filters: { status: status ?? '', archived, q },
		canManage: can(me.role, 'programs.manage'),
		cells: { mode, min: MIN_CELL, small: shown.some((p) => p.small) },
		programs: shown.map((p) => ({
			id: p.id,
			nameAr: p.nameAr,
			nameEn: p.nameEn,
			kind: p.kind,
			status: p.status,
			startDate: p.startDate,
			endDate: p.endDate,
			enrolled: p.enrolled,
			invited: p.invited,
			opened: p.opened,
			started: p.started,
			completed: p.completed,
			responseRate: p.responseRate,
			csat: p.csat,
			anonymous: p.anonymous
		}))
	};
};
