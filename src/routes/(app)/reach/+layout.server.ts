import { requirePermission } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const me = requirePermission(event, 'reach.read');
	return { canManage: can(me.role, 'reach.manage') };
};
