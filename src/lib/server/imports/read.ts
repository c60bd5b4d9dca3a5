/**
 * The one spreadsheet reader of the import pipeline: bytes in, the first sheet's rows out.
 * What the file is comes from its bytes, not its name: a zip is XLSX, an OLE file is a legacy
 * XLS (refused), anything else is delimited text (see text.ts). Limits and the wording of the
 * refusals are the caller's (`ReadLimits`, `FileMessages`).
 */
import { ImportFileError, type FileMessages } from './errors';
import type { ReadLimits, Table } from './table';
import { readCsv } from './text';
import { readXlsx } from './xlsx';

export type ReadOptions = ReadLimits & {
	messages: FileMessages;
	/** Accepted file-name endings (lower case, with the dot); any name when absent. */
	extensions?: readonly string[];
};

const startsWith = (buf: Uint8Array, sig: number[]) =>
	buf.length >= sig.length && sig.every((b, i) => buf[i] === b);

export async function readSpreadsheet(
	buf: Uint8Array,
	fileName: string,
	opts: ReadOptions
): Promise<Table> {
	const { messages } = opts;
	if (buf.byteLength > opts.maxBytes) throw new ImportFileError(messages.tooLarge);
	const lower = fileName.toLowerCase();
	if (opts.extensions && !opts.extensions.some((e) => lower.endsWith(e)))
		throw new ImportFileError(messages.fileType);
	if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(buf, opts, messages);
	if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0])) throw new ImportFileError(messages.legacyXls);
	if (/\.(xlsx|xlsm)$/.test(lower)) throw new ImportFileError(messages.unreadable);
	return readCsv(buf, opts, messages);
}
