/**
 * CSV and other delimited text as spreadsheets save it: the encoding found from the BOM or
 * the bytes (UTF-8, UTF-16LE/BE with or without BOM, else windows-1256 — Excel's "CSV" on
 * Arabic Windows), an Excel `sep=` first line, else the delimiter that the first line uses most.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { ImportFileError, type FileMessages } from './errors';
import { isBlank, scanLimit, type Cell, type ReadLimits, type Table } from './table';

export function decodeText(buf: Uint8Array): string {
	if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
		return new TextDecoder('utf-16le').decode(buf.subarray(2));
	if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
		return new TextDecoder('utf-16be').decode(buf.subarray(2));
	if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
		return new TextDecoder('utf-8').decode(buf.subarray(3));
	// UTF-16 without BOM: every other byte of ASCII text is zero.
	if (buf.length >= 4) {
		const sample = buf.subarray(0, Math.min(buf.length, 200));
		let evenZero = 0;
		let oddZero = 0;
		for (let i = 0; i < sample.length; i++) {
			if (sample[i] !== 0) continue;
			if (i % 2) oddZero++;
			else evenZero++;
		}
		if (oddZero > sample.length / 4 && evenZero === 0)
			return new TextDecoder('utf-16le').decode(buf);
		if (evenZero > sample.length / 4 && oddZero === 0)
			return new TextDecoder('utf-16be').decode(buf);
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(buf);
	} catch {
		// Excel "CSV (Comma delimited)" on Arabic Windows saves in the ANSI code page.
		return new TextDecoder('windows-1256').decode(buf);
	}
}

/** The delimiter among , ; TAB that occurs most often outside quotes in the first line. */
export function sniffDelimiter(text: string): string {
	const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
	let inQuotes = false;
	for (const ch of text) {
		if (ch === '"') inQuotes = !inQuotes;
		else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
		else if (!inQuotes && ch in counts) counts[ch]++;
	}
	let best = ',';
	for (const d of ['\t', ';']) if (counts[d] > counts[best]) best = d;
	return best;
}

export function readCsv(buf: Uint8Array, limits: ReadLimits, messages: FileMessages): Table {
	let text = decodeText(buf).replace(/^\uFEFF/, '');
	let delimiter: string | null = null;
	const sep = /^"?sep=(.)"?[^\S\r\n]*(\r\n|\n|\r)/i.exec(text);
	if (sep) {
		delimiter = sep[1];
		text = text.slice(sep[0].length);
	}
	delimiter ??= sniffDelimiter(text);
	const scan = scanLimit(limits.maxRows);
	let records: string[][];
	try {
		records = parseCsv(text, {
			delimiter,
			bom: true,
			relax_column_count: true,
			relax_quotes: true,
			skip_empty_lines: false,
			trim: true,
			to: scan + 1
		}) as string[][];
	} catch {
		throw new ImportFileError(messages.unreadable);
	}
	if (records.length > scan) throw new ImportFileError(messages.tooManyRows);
	const table: Table = { rows: [], rowNumbers: [], truncated: false };
	for (let i = 0; i < records.length; i++) {
		const row: Cell[] = records[i];
		if (row.every(isBlank)) continue;
		if (table.rows.length === limits.maxRows) {
			table.truncated = true;
			break;
		}
		table.rows.push(row);
		table.rowNumbers.push(i + 1);
	}
	return table;
}
