/** What every reader returns: the first sheet as rows of cells, empty rows left out. */

/** A cell as the file holds it: text, a number or a date (XLSX), or nothing. */
export type Cell = string | number | Date | null;

export type Table = {
	/** Rows that have at least one non-empty cell, in file order. */
	rows: Cell[][];
	/** For each row, its 1-based number as a spreadsheet shows it (a CSV's `sep=` line is hidden). */
	rowNumbers: number[];
	/** Reading stopped at `maxRows`: the file has more rows. */
	truncated: boolean;
};

export type ReadLimits = {
	/** Bytes of the file itself. */
	maxBytes: number;
	/** Non-empty rows to return; reading stops after them (`truncated`). */
	maxRows: number;
};

/**
 * Rows looked at in all (empty ones included) before the reader gives up with `tooManyRows`:
 * a sheet of millions of empty rows is refused instead of walked through.
 */
export const scanLimit = (maxRows: number) => maxRows * 4 + 10_000;

export const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');
