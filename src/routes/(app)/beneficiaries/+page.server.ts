import * as beneficiaries from '$lib/server/beneficiaries';
import { requirePermission } from '$lib/server/guard';
import { paged, parsePage } from '$lib/server/paging';
import { can } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'beneficiaries.read');
	const q = event.url.searchParams.get('q')?.slice(0, 100) ?? '';
	const {
		result: res,
		page,
		pages
	} = paged(parsePage(event.url), PAGE, (limit, offset) =>
		beneficiaries.search(q, { limit, offset })
	);
	return {
		q,
		page,
		pages,
		total: res.total,
		canManage: can(me.role, 'beneficiaries.manage'),
		items: res.items.map((b) => ({
			id: b.id,
			name: b.name,
			mobile: beneficiaries.maskMobile(b.mobile),
			city: b.city,
			consent: b.consentContact,
			gender: b.gender
		}))
	};
};
