/**
 * XLSX reading that a hostile file cannot turn into minutes of CPU and gigabytes of memory.
 *
 * 1. The zip's central directory is read first (yauzl): more than MAX_ENTRIES parts, or parts
 *    that would unpack to more than MAX_UNPACKED_BYTES in all, are refused before anything is
 *    inflated — a 429 KB file of 3 M empty rows unpacks to hundreds of MB.
 * 2. Parts are then inflated as streams from the same directory, never trusting a local header,
 *    and a part that inflates to more than its directory entry said stops with an error
 *    (yauzl's validateEntrySizes) — so sizes that lie gain nothing.
 * 3. The first sheet is read row by row with exceljs's streaming reader and reading stops at the
 *    row cap (`maxRows` rows with values; `scanLimit` rows in all, empty ones included).
 *
 * Why yauzl next to exceljs: exceljs reads zips with JSZip (whole file in memory, no size
 * check) or, when streaming, with unzipper, which walks local headers from the start — it
 * cannot say how big the parts are before inflating them, and it would write a sheet stored
 * before the shared strings to a temp file of any size. yauzl (one small dependency, pend)
 * reads the central directory, inflates with Node's zlib and checks the sizes.
 *
 * exceljs's WorkbookReader is driven part by part here through its own parsing steps
 * (`_parseRels`, `_parseWorkbook`, `_parseStyles`, `_parseSharedStrings`, `_parseWorksheet`),
 * which its typings do not list: exceljs is pinned (4.4.0) and the specs read real workbooks
 * through this path. Parts are fed as UTF-8 text streams: exceljs decodes each raw chunk on
 * its own, which breaks Arabic letters that straddle two chunks.
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { ImportFileError, type FileMessages } from './errors';
import { isBlank, scanLimit, type Cell, type ReadLimits, type Table } from './table';

/** Unpacked size of all parts together (issue 12 §5: ~20 MB). */
export const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
/** A workbook has tens of parts; thousands are only there to make the directory slow. */
const MAX_ENTRIES = 2_000;

type Rel = { Id: string; Type: string; Target: string };
type SheetRef = { id: number; name: string; rId: string };
/** The steps of exceljs 4.4.0's stream WorkbookReader used here (see the module comment). */
type ReaderSteps = {
	model?: { sheets?: SheetRef[] };
	workbookRels?: Rel[];
	_parseRels(part: Readable): Promise<void>;
	_parseWorkbook(part: Readable): Promise<void>;
	_parseStyles(part: Readable): Promise<void>;
	_parseSharedStrings(part: Readable): AsyncGenerator<unknown>;
	_parseWorksheet(
		part: Readable,
		sheetNo: string
	): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
};

export async function readXlsx(
	buf: Uint8Array,
	limits: ReadLimits,
	messages: FileMessages
): Promise<Table> {
	const fail = (reason: string): never => {
		throw new ImportFileError(reason);
	};
	let zip: yauzl.ZipFile;
	try {
		zip = await yauzl.fromBufferPromise(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), {
			lazyEntries: true,
			validateEntrySizes: true
		});
	} catch {
		return fail(messages.unreadable);
	}
	const open: Readable[] = [];
	try {
		if (zip.entryCount > MAX_ENTRIES) fail(messages.unpackedTooLarge);
		const parts = new Map<string, yauzl.Entry>();
		let unpacked = 0;
		for await (const entry of zip.eachEntry()) {
			unpacked += entry.uncompressedSize;
			if (unpacked > MAX_UNPACKED_BYTES) fail(messages.unpackedTooLarge);
			parts.set(entry.fileName, entry);
		}
		const part = async (name: string): Promise<Readable | null> => {
			const entry = parts.get(name);
			if (!entry) return null;
			const stream = await zip.openReadStreamPromise(entry);
			stream.setEncoding('utf8');
			open.push(stream);
			return stream;
		};

		// loaded on the first workbook read, not at start-up
		const { default: excel } = await import('exceljs');
		const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([]), {
			worksheets: 'emit',
			sharedStrings: 'cache',
			styles: 'cache', // date cells are told by their number format
			hyperlinks: 'ignore',
			entries: 'ignore'
		}) as unknown as ReaderSteps;
		const book = await part('xl/workbook.xml');
		const bookRels = await part('xl/_rels/workbook.xml.rels');
		if (!book || !bookRels) return fail(messages.unreadable);
		await reader._parseWorkbook(book);
		await reader._parseRels(bookRels);
		const rels = reader.workbookRels ?? [];
		const target = (type: string, fallback: string) =>
			partName(rels.find((r) => r.Type?.endsWith(`/${type}`))?.Target) ?? fallback;
		const styles = await part(target('styles', 'xl/styles.xml'));
		if (styles) await reader._parseStyles(styles);
		const strings = await part(target('sharedStrings', 'xl/sharedStrings.xml'));
		if (strings) await drain(reader._parseSharedStrings(strings));

		const table: Table = { rows: [], rowNumbers: [], truncated: false };
		const first = reader.model?.sheets?.[0];
		const sheetName = first && partName(rels.find((r) => r.Id === first.rId)?.Target);
		const sheet = sheetName ? await part(sheetName) : null;
		if (!sheet) return table;
		const [emitted] = [
			...reader._parseWorksheet(sheet, /(\d+)\.xml$/.exec(sheetName!)?.[1] ?? '1')
		];
		if (!emitted) return table;
		const scan = scanLimit(limits.maxRows);
		let seen = 0;
		let lastNumber = 0;
		for await (const row of emitted.value) {
			if (++seen > scan) fail(messages.tooManyRows);
			const rowNumber = Number.isInteger(row.number) ? row.number : lastNumber + 1;
			lastNumber = rowNumber;
			if (!row.hasValues) continue;
			const values = row.values as ExcelJS.CellValue[]; // 1-based, sparse, ≤ 16384 columns
			const cells: Cell[] = [];
			for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
			if (cells.every(isBlank)) continue;
			if (table.rows.length === limits.maxRows) {
				table.truncated = true;
				break;
			}
			table.rows.push(cells);
			table.rowNumbers.push(rowNumber);
		}
		return table;
	} catch (e) {
		if (e instanceof ImportFileError) throw e;
		return fail(messages.unreadable);
	} finally {
		for (const s of open) s.destroy();
		zip.close();
	}
}

async function drain(it: AsyncIterable<unknown>) {
	for await (const event of it) void event;
}

/** A relationship target (relative to xl/ or absolute) as a part name. */
function partName(target: string | undefined): string | null {
	if (!target) return null;
	return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/** An exceljs cell value as a plain cell: formulas give their result, rich text its text. */
export function cellOf(v: ExcelJS.CellValue): Cell {
	if (v === null || v === undefined) return null;
	if (typeof v === 'number' || typeof v === 'string') return v;
	if (typeof v === 'boolean') return String(v);
	if (v instanceof Date) return v;
	if (typeof v === 'object') {
		if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
		if ('formula' in v || 'sharedFormula' in v)
			return cellOf((v as { result?: ExcelJS.CellValue }).result ?? null);
		if ('error' in v || 'sharedString' in v) return null; // an error, or a string the file lacks
		if ('text' in v) return cellOf((v as { text: ExcelJS.CellValue }).text); // hyperlink
	}
	return String(v);
}
