import { localDate } from '$lib/dates';
import { requirePermission, clientIp } from '$lib/server/guard';
import { translate } from '$lib/i18n';
import * as audit from '$lib/server/audit';
import * as requests from '$lib/server/requests';
import * as settings from '$lib/server/settings';
import { can } from '$lib/server/permissions';
import * as spreadsheet from '$lib/server/spreadsheet';
import { filtersFromUrl } from '$lib/server/requests/forms';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const me = requirePermission(event, 'requests.read');
	const f = filtersFromUrl(event.url, me.id);
	const loc = event.locals.locale;
	const tr = (k: string) => translate(loc, k);
	const headers = [
		'requests.code',
		'requests.channel',
		'requests.kind',
		'requests.subject',
		'requests.referenceNo',
		'requests.receivedAt',
		'requests.status',
		'requests.decision',
		'requests.decidedAt',
		'requests.due',
		'requests.responseDays',
		'requests.slaState',
		'requests.assignee'
	].map(tr);
	const rows = requests.exportRows(f, loc, {
		kind: (k) => tr(`requests.kind.${k}`),
		status: (s) => tr(`requests.status.${s}`),
		decision: (d) => tr(`requests.decision.${d}`),
		headers,
		personal: can(me.role, 'requests.personal')
	});
	audit.record({
		actorId: me.id,
		action: 'requests.export',
		targetType: 'request',
		details: { rows: rows.length - 1 },
		ip: clientIp(event)
	});
	const stamp = localDate(new Date(), settings.get().timeZone);
	return spreadsheet.download(rows, {
		format: event.url.searchParams.get('format'),
		name: `requests-${stamp}`,
		sheet: tr('requests.title'),
		rtl: loc === 'ar'
	});
};
