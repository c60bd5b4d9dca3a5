import { requirePermission } from '$lib/server/guard';
import { indirectReach, reachSeries, topPages, websiteSources } from '$lib/server/reach';
import * as sites from '$lib/server/reach/sites';
import { addMonths, localDate } from '$lib/dates';
import * as settings from '$lib/server/settings';
import type { PageServerLoad } from './$types';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' `n` months after `ym`. */
const shiftMonth = (ym: string, n: number) => addMonths(`${ym}-01`, n).slice(0, 7);

/** Filters in the URL: ?from=YYYY-MM&to=YYYY-MM (inclusive months)&by=month|quarter&site=ID (website part only). */
export const load: PageServerLoad = (event) => {
	requirePermission(event, 'reach.read');
	const q = event.url.searchParams;
	const thisMonth = localDate(new Date(), settings.get().timeZone).slice(0, 7);
	let fromM = MONTH.test(q.get('from') ?? '') ? q.get('from')! : shiftMonth(thisMonth, -11);
	let toM = MONTH.test(q.get('to') ?? '') ? q.get('to')! : thisMonth;
	if (fromM > toM) [fromM, toM] = [toM, fromM];
	const bucket = q.get('by') === 'quarter' ? 'quarter' : 'month';
	const siteList = sites.list();
	const siteId = siteList.find((x) => String(x.id) === q.get('site'))?.id;
	const range = { from: `${fromM}-01`, to: `${shiftMonth(toM, 1)}-01`, siteId };
	return {
		filters: { from: fromM, to: toM, by: bucket, site: siteId ? String(siteId) : '' },
		sites: siteList.map((x) => ({ id: x.id, name: x.name })),
		summary: indirectReach(range),
		series: reachSeries({ ...range, bucket }),
		sources: websiteSources(range),
		pages: topPages(range, 10),
		hasSites: siteList.length > 0
	};
};
