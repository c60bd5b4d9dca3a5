/**
 * The one CSV/XLSX writer for every export: UTF-8 with BOM (Excel reads Arabic), cells a
 * spreadsheet would run as a formula (= + - @, tab, CR) neutralised with a leading apostrophe;
 * every CSV field quoted. exceljs is loaded on the first XLSX export, not at start-up (its
 * import was a sixth of the server's start-up CPU).
 */
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | null | undefined;

export function safeCell(v: unknown): string | number {
	if (v == null) return '';
	if (typeof v === 'number') return v;
	const s = String(v);
	return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
}

/** Rows (the first one is the header) as CSV. */
export function csv(rows: Cell[][]): string {
	return (
		'\uFEFF' +
		stringify(
			rows.map((r) => r.map(safeCell)),
			// Every field quoted, empty ones too: a reader that splits on commas or trims
			// unquoted fields cannot shift columns or read a bare cell as something else.
			{ record_delimiter: '\r\n', quoted: true, quoted_empty: true }
		)
	);
}

/** Rows (the first one is the header, bold and frozen) as an XLSX workbook of one sheet. */
export async function xlsx(
	rows: Cell[][],
	opts: { sheet: string; rtl: boolean }
): Promise<Uint8Array> {
	const { default: ExcelJS } = await import('exceljs');
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet(opts.sheet.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'data', {
		views: [{ rightToLeft: opts.rtl, state: 'frozen', ySplit: 1 }]
	});
	for (const r of rows) ws.addRow(r.map(safeCell));
	ws.getRow(1).font = { bold: true };
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A download response in the asked format (`xlsx`, anything else is CSV). */
export async function download(
	rows: Cell[][],
	opts: { format: string | null; name: string; sheet: string; rtl: boolean }
): Promise<Response> {
	const common = { 'cache-control': 'no-store' };
	if (opts.format === 'xlsx') {
		return new Response((await xlsx(rows, opts)) as unknown as BodyInit, {
			headers: {
				...common,
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': `attachment; filename="${opts.name}.xlsx"`
			}
		});
	}
	return new Response(csv(rows), {
		headers: {
			...common,
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${opts.name}.csv"`
		}
	});
}
