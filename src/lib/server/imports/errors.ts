/**
 * The one error of the import pipeline: the file as a whole cannot be used. `reason` is an
 * i18n key (optionally `key?param=value`, see `translate`). Row-level problems are not thrown;
 * each import reports them as its own rows.
 */

/** What can be wrong with a file before any row is looked at. */
export type FileProblem =
	/** More bytes than the import accepts. */
	| 'tooLarge'
	/** An extension the import does not accept. */
	| 'fileType'
	/** A legacy .xls (OLE) workbook. */
	| 'legacyXls'
	/** Not a CSV/XLSX that can be read (broken zip, sizes that lie, bad XML…). */
	| 'unreadable'
	/** The XLSX would unpack to more than MAX_UNPACKED_BYTES. */
	| 'unpackedTooLarge'
	/** More rows (counting empty ones) than the reader will look at. */
	| 'tooManyRows';

/** Each import says how its users read these problems (its own i18n keys). */
export type FileMessages<Key extends string = string> = Record<FileProblem, Key>;

export class ImportFileError extends Error {
	constructor(public reason: string) {
		super(reason);
		this.name = 'ImportFileError';
	}
}
