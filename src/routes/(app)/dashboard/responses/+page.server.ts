import { requirePermission } from '$lib/server/guard';
import * as settings from '$lib/server/settings';
import { parseFilters, toSearchParams } from '$lib/server/indicators';
import { listResponses, parseResponseQuery } from '$lib/server/indicators/drill';
import { cellMode, protectList } from '$lib/server/indicators/smallCells';
import type { PageServerLoad } from './$types';

/** The responses behind a chart element. Ids, dates, scores and comments only — never who answered. */
export const load: PageServerLoad = (event) => {
	const user = requirePermission(event, 'dashboard.read');
	const s = settings.get();
	const f = parseFilters(event.url, s);
	const x = parseResponseQuery(event.url);
	// Fewer than 5 respondents: not listed to the board, listed with a warning to quality.
	const list = protectList(listResponses(f, x), cellMode(user.role));
	return {
		list,
		from: f.from,
		to: f.to,
		calendar: s.calendar,
		query: toSearchParams(f).toString(),
		x
	};
};
