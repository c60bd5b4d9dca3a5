import { requirePermission } from '$lib/server/guard';
import * as settings from '$lib/server/settings';
import { parseFilters, toSearchParams } from '$lib/server/indicators';
import { listRequests, parseRequestQuery } from '$lib/server/indicators/drill';
import type { PageServerLoad } from './$types';

/** The requests behind a chart element: dates, channel, status, days — no subject, no beneficiary. */
export const load: PageServerLoad = (event) => {
	requirePermission(event, 'dashboard.read');
	const s = settings.get();
	const f = parseFilters(event.url, s);
	const x = parseRequestQuery(event.url);
	return {
		list: listRequests(f, x),
		from: f.from,
		to: f.to,
		calendar: s.calendar,
		query: toSearchParams(f).toString(),
		x
	};
};
