import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/guard';
import { paged, parsePage } from '$lib/server/paging';
import { can } from '$lib/server/permissions';
import { cellMode, MIN_CELL, isSmall } from '$lib/server/indicators/smallCells';
import * as programs from '$lib/server/programs';
import * as responses from '$lib/server/responses';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'responses.read');
	const p = programs.get(Number(event.params.id));
	if (!p) error(404, 'errors.notFound');
	const seePeople = can(me.role, 'beneficiaries.read');
	const {
		result: res,
		page,
		pages
	} = paged(parsePage(event.url), PAGE, (limit, offset) =>
		responses.listForProgram(p.id, { seePeople, limit, offset })
	);
	return {
		program: { id: p.id, nameAr: p.nameAr, nameEn: p.nameEn },
		page,
		pages,
		total: res.total,
		// fewer than 5 respondents: quality reads them with a warning (board has no access here)
		cells: { mode: cellMode(me.role), min: MIN_CELL, small: isSmall(res.total) },
		aspectKeys: res.aspectKeys,
		rows: res.rows.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString() }))
	};
};
