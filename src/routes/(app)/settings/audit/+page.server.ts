import { requirePermission } from '$lib/server/guard';
import * as audit from '$lib/server/audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'audit.read');
	const before = Number(event.url.searchParams.get('before')) || undefined;
	const rows = audit.list({ before, limit: 50 });
	return {
		events: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
		older: rows.length === 50 ? rows[rows.length - 1].id : null
	};
};
