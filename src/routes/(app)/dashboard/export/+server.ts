import { error } from '@sveltejs/kit';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { requirePermission } from '$lib/server/guard';
import * as settings from '$lib/server/settings';
import { cachedOverview, parseFilters } from '$lib/server/indicators';
import { PANELS, panelTable, safeCell, type PanelId } from '$lib/dashboard/panels';
import { translate } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** One panel's data as CSV (UTF-8 with BOM, for Excel) or XLSX. Cells starting = + - @ are neutralised. */
export const GET: RequestHandler = async (event) => {
	requirePermission(event, 'dashboard.read');
	const panel = event.url.searchParams.get('panel') as PanelId;
	const format = event.url.searchParams.get('format');
	if (!(PANELS as readonly string[]).includes(panel) || (format !== 'csv' && format !== 'xlsx')) error(400, 'errors.badRequest');
	const s = settings.get();
	const f = parseFilters(event.url, s);
	const locale = event.locals.locale;
	const tr = (k: string, p?: Record<string, string | number>) => translate(locale, k, p);
	const table = panelTable(panel, cachedOverview(f, s.slaDays).panels, tr, locale);
	if (!table) error(404, 'errors.notFound');
	const rows = [table.columns, ...table.rows].map((r) => r.map(safeCell));
	const name = `rida-${panel}-${f.from}_${f.to}`;
	if (format === 'csv') {
		const body = '\uFEFF' + stringify(rows, { record_delimiter: '\r\n' });
		return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"`, 'cache-control': 'no-store' } });
	}
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet(panel, { views: [{ rightToLeft: locale === 'ar' }] });
	for (const r of rows) ws.addRow(r);
	ws.getRow(1).font = { bold: true };
	const buf = await wb.xlsx.writeBuffer();
	return new Response(buf as ArrayBuffer, {
		headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename="${name}.xlsx"`, 'cache-control': 'no-store' }
	});
};
