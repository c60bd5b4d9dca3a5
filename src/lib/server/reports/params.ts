import { toLatinDigits, type Calendar, type Quarter } from '../../dates';

/** "/reports/2026/3" or "/reports/1448/q2" → a quarter in the association's calendar, or null. */
export function parseQuarter(year: string, quarter: string, calendar: Calendar): Quarter | null {
	const y = toLatinDigits(year);
	const q = toLatinDigits(quarter).toLowerCase().replace(/^q/, '');
	if (!/^\d{4}$/.test(y) || !/^[1-4]$/.test(q)) return null;
	const yr = Number(y);
	const ok = calendar === 'gregorian' ? yr >= 2000 && yr <= 2100 : yr >= 1420 && yr <= 1530;
	return ok ? { calendar, year: yr, q: Number(q) as Quarter['q'] } : null;
}

export const quarterPath = (q: Quarter) => `/reports/${q.year}/${q.q}`;
