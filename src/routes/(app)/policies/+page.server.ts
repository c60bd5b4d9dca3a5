import * as policies from '$lib/server/policies';
import { requirePermission } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import * as settings from '$lib/server/settings';
import { localDate } from '$lib/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'policies.read');
	const today = localDate(new Date(), settings.get().timeZone);
	return {
		policies: policies.list().map((p) => ({
			id: p.id,
			titleAr: p.titleAr,
			titleEn: p.titleEn,
			version: p.version,
			boardMeeting: p.boardMeeting,
			approvedOn: p.approvedOn,
			nextReviewOn: p.nextReviewOn,
			published: p.published,
			current: p.current,
			clauses: p.clauses,
			hasFile: p.fileName != null,
			review: p.current ? policies.reviewState(p.nextReviewOn, today) : 'ok'
		})),
		canManage: can(me.role, 'policies.manage')
	};
};
