import { requirePermission } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import { paged } from '$lib/server/paging';
import * as requests from '$lib/server/requests';
import { filtersFromUrl } from '$lib/server/requests/forms';
import * as settings from '$lib/server/settings';
import type { PageServerLoad } from './$types';

const PAGE = 25;

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'requests.read');
	const f = filtersFromUrl(event.url, me.id);
	const now = new Date();
	// Subjects as typed only for roles that may see personal data; quality gets the redacted copies.
	const personal = can(me.role, 'requests.personal');
	const {
		result: { items, total },
		page,
		pages
	} = paged(f.page, PAGE, (limit, offset) => requests.list(f, { limit, offset, personal }, now));
	return {
		items: items.map((r) => ({
			id: r.id,
			code: r.code,
			channelId: r.channelId,
			kind: r.kind,
			subject: r.subject,
			receivedAt: r.receivedAt,
			status: r.status,
			decision: r.decision,
			dueAt: r.dueAt,
			assigneeName: r.assigneeName,
			overdue: r.overdue,
			responseMs: r.responseMs
		})),
		total,
		page,
		pages,
		queues: requests.queueCounts(me.id, now),
		channels: requests
			.listChannels()
			.map((c) => ({ id: c.id, nameAr: c.nameAr, nameEn: c.nameEn, active: c.active })),
		officers: requests.officers(),
		slaDays: settings.get().slaDays,
		canManage: can(me.role, 'requests.manage')
	};
};
