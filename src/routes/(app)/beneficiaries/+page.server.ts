import * as beneficiaries from '$lib/server/beneficiaries';
import { requirePermission } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'beneficiaries.read');
	const q = event.url.searchParams.get('q')?.slice(0, 100) ?? '';
	const page = Math.max(1, Number(event.url.searchParams.get('page')) || 1);
	const res = beneficiaries.search(q, { limit: PAGE, offset: (page - 1) * PAGE });
	return {
		q,
		page,
		pages: Math.max(1, Math.ceil(res.total / PAGE)),
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
