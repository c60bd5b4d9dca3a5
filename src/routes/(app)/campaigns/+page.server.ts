import { requirePermission } from '$lib/server/guard';
import * as campaigns from '$lib/server/campaigns';
import * as segments from '$lib/server/segments';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'campaigns.manage');
	const names = segments.names(event.locals.locale);
	return {
		campaigns: campaigns.list().map((c) => ({
			id: c.id,
			nameAr: c.nameAr,
			nameEn: c.nameEn,
			status: c.status,
			schedule: c.schedule,
			nextRunDate: c.nextRunDate,
			audience: (JSON.parse(c.audienceSegments) as string[]).map((k) => names.get(k) ?? k),
			openLink: !!c.openTokenHash,
			invited: c.invited,
			completed: c.completed,
			openResponses: c.openResponses
		}))
	};
};
