/** Header and cell helpers: how a cell reads, which rows are empty, where the header row is. */
import type { Cell, Table } from '../table';

/** Header as displayed: BOM, bidi marks, outer quotes and spaces removed, inner spaces collapsed. */
export function cleanHeader(h: unknown): string {
	return String(h ?? '')
		.replace(/[\uFEFF\u200E\u200F\u061C]/g, '')
		.replace(/[\u00A0\u202F\u2009]/g, ' ')
		.trim()
		.replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
		.trim()
		.replace(/\s+/g, ' ');
}
/** Header key for matching: cleanHeader + lower case. */
export function headerKey(h: unknown): string {
	return cleanHeader(h).toLowerCase();
}

export const isEmptyCell = (c: Cell) =>
	c === null || (typeof c === 'string' && cleanHeader(c) === '');
export const isEmptyRow = (r: Cell[]) => r.every(isEmptyCell);

export function display(c: Cell): string {
	if (c === null) return '';
	if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
	return String(c);
}

/** The header row: the first of the first 15 non-empty rows that `accept`s, else the first wide one. */
export function locateHeader(table: Table, accept: (keys: Set<string>) => boolean): number {
	let firstNonEmpty = -1;
	let firstWide = -1;
	let seen = 0;
	for (let r = 0; r < table.rows.length && seen < 15; r++) {
		const row = table.rows[r];
		if (isEmptyRow(row)) continue;
		seen++;
		if (firstNonEmpty < 0) firstNonEmpty = r;
		if (firstWide < 0 && row.filter((c) => !isEmptyCell(c)).length >= 2) firstWide = r;
		if (accept(new Set(row.map(headerKey)))) return r;
	}
	return firstWide >= 0 ? firstWide : firstNonEmpty;
}

/** Up to 5 data rows after the header, as display strings. */
export function previewOf(table: Table, headerAt: number): string[][] {
	const out: string[][] = [];
	for (let r = headerAt + 1; r < table.rows.length && out.length < 5; r++) {
		if (!isEmptyRow(table.rows[r])) out.push(table.rows[r].map(display));
	}
	return out;
}
