import { requirePermission } from '$lib/server/guard';
import * as settings from '$lib/server/settings';
import { parseFilters, toSearchParams } from '$lib/server/indicators';
import { listRequests, parseRequestQuery } from '$lib/server/indicators/drill';
import { cellMode, protectList } from '$lib/server/indicators/smallCells';
import type { PageServerLoad } from './$types';

/** The requests behind a chart element: dates, channel, status, days — no subject, no beneficiary. */
export const load: PageServerLoad = (event) => {
	const user = requirePermission(event, 'dashboard.read');
	const s = settings.get();
	const f = parseFilters(event.url, s);
	const x = parseRequestQuery(event.url);
	return {
		// Fewer than 5 requests: not listed to the board, listed with a warning to quality.
		list: protectList(listRequests(f, x), cellMode(user.role)),
		from: f.from,
		to: f.to,
		calendar: s.calendar,
		query: toSearchParams(f).toString(),
		x
	};
};
