import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { requirePermission } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import * as programs from '$lib/server/programs';
import * as responses from '$lib/server/responses';
import * as spreadsheet from '$lib/server/spreadsheet';
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
	return spreadsheet.download(responses.exportTable(p.id, seePeople, h), {
		format: event.url.searchParams.get('format'),
		name: `responses-program-${p.id}`,
		sheet: 'responses',
		rtl: l === 'ar'
	});
};
