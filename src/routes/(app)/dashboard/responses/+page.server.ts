import { requirePermission } from '$lib/server/guard';
import * as settings from '$lib/server/settings';
import { parseFilters, toSearchParams } from '$lib/server/indicators';
import { listResponses, parseResponseQuery } from '$lib/server/indicators/drill';
import type { PageServerLoad } from './$types';

/** The responses behind a chart element. Ids, dates, scores and comments only — never who answered. */
export const load: PageServerLoad = (event) => {
	requirePermission(event, 'dashboard.read');
	const s = settings.get();
	const f = parseFilters(event.url, s);
	const x = parseResponseQuery(event.url);
	const list = listResponses(f, x);
	return {
		list,
		from: f.from,
		to: f.to,
		calendar: s.calendar,
		query: toSearchParams(f).toString(),
		x
	};
};
