import { requirePermission } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import { recentQuarters, reviews } from '$lib/server/reports';
import * as settings from '$lib/server/settings';
import { quarterRange } from '$lib/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'reports.read');
	const s = settings.get();
	const rv = reviews(s.calendar);
	const quarters = recentQuarters(s.calendar, s.timeZone, 8).map((q) => {
		const r = rv.get(`${q.year}-${q.q}`);
		return {
			...q,
			range: quarterRange(q),
			review: r?.reviewedAt ? { at: r.reviewedAt.getTime(), name: r.reviewerName ?? '' } : null
		};
	});
	return {
		quarters,
		calendar: s.calendar,
		canTargets: can(me.role, 'targets.manage'),
		canActions: can(me.role, 'actions.read')
	};
};
