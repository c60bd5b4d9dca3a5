import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/guard';
import * as settings from '$lib/server/settings';
import { cachedOverview, parseFilters } from '$lib/server/indicators';
import { cellMode, protectOverview } from '$lib/server/indicators/smallCells';
import { PANELS, panelTable, type PanelId } from '$lib/dashboard/panels';
import * as spreadsheet from '$lib/server/spreadsheet';
import { translateAspects } from '$lib/i18n';
import * as aspects from '$lib/server/surveys/aspects';
import type { RequestHandler } from './$types';

/** One panel's data as CSV (UTF-8 with BOM, for Excel) or XLSX. Cells starting = + - @ are neutralised. */
export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event, 'dashboard.read');
	const panel = event.url.searchParams.get('panel') as PanelId;
	const format = event.url.searchParams.get('format');
	if (!(PANELS as readonly string[]).includes(panel) || (format !== 'csv' && format !== 'xlsx'))
		error(400, 'errors.badRequest');
	const s = settings.get();
	const f = parseFilters(event.url, s);
	const locale = event.locals.locale;
	const labels = aspects.labels();
	const tr = (k: string, p?: Record<string, string | number>) =>
		translateAspects(locale, k, p, labels);
	const overview = protectOverview(cachedOverview(f, s.slaDays), cellMode(user.role));
	const table = panelTable(panel, overview.panels, tr, locale);
	if (!table) error(404, 'errors.notFound');
	return spreadsheet.download([table.columns, ...table.rows], {
		format,
		name: `rida-${panel}-${f.from}_${f.to}`,
		sheet: panel,
		rtl: locale === 'ar'
	});
};
