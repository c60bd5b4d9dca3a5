import { requirePermission } from '$lib/server/guard';
import * as requests from '$lib/server/requests';
import { can } from '$lib/server/permissions';
import * as settings from '$lib/server/settings';
import * as actions from '$lib/server/improvements';
import {
	cachedOverview,
	comparisonRange,
	parseFilters,
	toSearchParams
} from '$lib/server/indicators';
import { filterOptions } from '$lib/server/indicators/options';
import { cellMode, protectOverview } from '$lib/server/indicators/smallCells';
import { voicesPanel } from '$lib/server/voices/panel';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requirePermission(event, 'dashboard.read');
	const s = settings.get();
	const f = parseFilters(event.url, s);
	// Figures over fewer than 5 people: withheld from the board, flagged for the others.
	const overview = protectOverview(cachedOverview(f, s.slaDays), cellMode(user.role));
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped from what the page gets
	const { calendar: _c, timeZone: _tz, ...filters } = f;
	return {
		filters,
		comparison: comparisonRange(f),
		query: toSearchParams(f).toString(),
		overview,
		options: filterOptions(),
		slaDays: s.slaDays,
		calendar: s.calendar,
		canComments: can(user.role, 'dashboard.read'),
		// Referrals out, escalations, types and complaints (requests/indicators.ts).
		promises: requests.promiseFigures(
			{ from: f.from, to: f.to, typeId: f.requestType },
			{ withhold: cellMode(user.role) === 'hide' }
		),
		// "What people say": the top themes with one example each (voices/).
		voices: voicesPanel(f, cellMode(user.role), { top: 3, examples: 1 }),
		// Improvement actions past their due date: the loop from finding to change must not stall.
		overdueActions: can(user.role, 'actions.read')
			? actions
					.overdue()
					.map((a) => ({ id: a.id, title: a.title, dueDate: a.dueDate, owner: a.ownerName }))
			: []
	};
};
