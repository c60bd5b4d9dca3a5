import { error } from '@sveltejs/kit';
import * as audit from '$lib/server/audit';
import { requirePermission, clientIp } from '$lib/server/guard';
import * as privacy from '$lib/server/privacy';
import type { RequestHandler } from './$types';

/** PDPL right of access: everything Rida holds about one beneficiary, as JSON. */
export const GET: RequestHandler = (event) => {
	const me = requirePermission(event, 'beneficiaries.read');
	const id = Number(event.params.id);
	const data = Number.isInteger(id) ? privacy.exportData(id) : null;
	if (!data || data.beneficiary.erasedAt) error(404, 'errors.notFound');
	audit.record({
		actorId: me.id,
		action: 'beneficiary.export',
		targetType: 'beneficiary',
		targetId: id,
		ip: clientIp(event)
	});
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="beneficiary-${id}.json"`,
			'cache-control': 'no-store'
		}
	});
};
