import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { requirePermission } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import * as programs from '$lib/server/programs';
import * as responses from '$lib/server/responses';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const me = requirePermission(event, 'responses.read');
	const p = programs.get(Number(event.params.id));
	if (!p) error(404, 'errors.notFound');
	const l = event.locals.locale;
	const h = {
		date: translate(l, 'responses.date'),
		respondent: translate(l, 'responses.respondent'),
		csat: translate(l, 'responses.csat'),
		nps: translate(l, 'responses.nps'),
		channel: translate(l, 'responses.channel'),
		withinTwoWeeks: translate(l, 'responses.withinTwoWeeks'),
		comment: translate(l, 'responses.comment'),
		anonymous: translate(l, 'responses.anonymous'),
		yes: translate(l, 'common.yes'),
		no: translate(l, 'common.no')
	};
	const seePeople = can(me.role, 'beneficiaries.read');
	const base = `responses-program-${p.id}`;
	if (event.url.searchParams.get('format') === 'xlsx') {
		const body = await responses.toXlsx(p.id, seePeople, h, l === 'ar');
		return new Response(body as unknown as BodyInit, {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': `attachment; filename="${base}.xlsx"`,
				'cache-control': 'no-store'
			}
		});
	}
	return new Response(responses.toCsv(p.id, seePeople, h), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${base}.csv"`, 'cache-control': 'no-store' }
	});
};
