/**
 * Count cells of the analytics exports: "12,345", "12 345" (any space kind), "12.345" (dot +
 * 3-digit groups = thousands: the metrics are counts), Arabic-Indic digits and "٬", "1.2K" /
 * "3M", empty / "-" / "—" = no value. Anything else is an 'import.badNumber' error. Negative
 * values are errors except for followers (net change).
 */

import { toLatinDigits } from '../../../dates';

type NumResult =
	| { ok: true; value: number | null }
	| { ok: false; reason: 'import.badNumber' | 'import.negativeNumber' };

const EMPTY_MARKERS = new Set(['', '-', '--', '—', '–', 'n/a', 'na', 'null', 'none']);

/** Parse one count cell. Exported for the mapping preview and tests. */
export function parseCount(cell: unknown, allowNegative = false): NumResult {
	if (cell === null || cell === undefined) return { ok: true, value: null };
	let value: number;
	if (typeof cell === 'number') {
		if (!Number.isFinite(cell)) return { ok: false, reason: 'import.badNumber' };
		value = cell;
	} else if (typeof cell === 'string') {
		let s = toLatinDigits(cell)
			.replace(/[\u200E\u200F\u061C\uFEFF]/g, '')
			.trim()
			.replace(/^["']+|["']+$/g, '')
			.replace(/[\s\u00A0\u202F\u2009]+/g, '')
			.replace(/\u066C/g, ',') // Arabic thousands separator
			.replace(/\u066B/g, '.') // Arabic decimal separator
			.replace(/\u2212/g, '-');
		if (EMPTY_MARKERS.has(s.toLowerCase())) return { ok: true, value: null };
		let sign = 1;
		if (s.startsWith('-')) {
			sign = -1;
			s = s.slice(1);
		} else if (s.startsWith('+')) s = s.slice(1);
		let m: RegExpExecArray | null;
		if ((m = /^(\d+(?:[.,]\d+)?)([kmb])$/i.exec(s))) {
			const mult = { k: 1e3, m: 1e6, b: 1e9 }[m[2].toLowerCase() as 'k' | 'm' | 'b'];
			value = Number(m[1].replace(',', '.')) * mult;
		} else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) value = Number(s.replace(/,/g, ''));
		else if (/^\d{1,3}(\.\d{3})+$/.test(s)) value = Number(s.replace(/\./g, ''));
		else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(s))
			value = Number(s.replace(/\./g, '').replace(',', '.'));
		else if (/^\d+(\.\d+)?$/.test(s)) value = Number(s);
		else if (/^\d+,\d{1,2}$/.test(s)) value = Number(s.replace(',', '.'));
		else return { ok: false, reason: 'import.badNumber' };
		value *= sign;
	} else return { ok: false, reason: 'import.badNumber' };
	if (!Number.isFinite(value)) return { ok: false, reason: 'import.badNumber' };
	value = Math.round(value);
	if (Object.is(value, -0)) value = 0;
	if (value < 0 && !allowNegative) return { ok: false, reason: 'import.negativeNumber' };
	return { ok: true, value };
}
