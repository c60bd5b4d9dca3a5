import { asLocale } from '$lib/i18n/locales';
import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/guard';
import { cellMode } from '$lib/server/indicators/smallCells';
import { chartSvg, CHARTS, type ChartName } from '$lib/server/reports/charts';
import { parseQuarter } from '$lib/server/reports/params';
import * as settings from '$lib/server/settings';
import type { RequestHandler } from './$types';

/** A report chart as a server-rendered SVG (no script in it; cached privately for a few minutes). */
export const GET: RequestHandler = (event) => {
	const user = requirePermission(event, 'reports.read');
	const q = parseQuarter(event.params.year, event.params.quarter, settings.get().calendar);
	const name = event.params.name as ChartName;
	if (!q || !(CHARTS as readonly string[]).includes(name)) error(404, 'errors.notFound');
	const lang = asLocale(event.url.searchParams.get('lang'));
	return new Response(chartSvg(name, q, lang, cellMode(user.role)), {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'cache-control': 'private, max-age=300',
			'x-content-type-options': 'nosniff'
		}
	});
};
