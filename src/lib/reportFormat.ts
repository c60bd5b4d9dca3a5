/** Formatting of report figures by unit (shared by the report, targets and actions pages). */
import { number, percent } from './i18n/format';
import type { Locale } from './i18n/locales';

export type Unit = 'share' | 'nps' | 'days' | 'count';
export const UNITS: Record<string, Unit> = {
	csat: 'share',
	nps: 'nps',
	responseRate: 'share',
	withinSla: 'share',
	medianDays: 'days',
	openOverdue: 'count',
	reach: 'count'
};

export function fmtValue(v: number | null | undefined, unit: Unit, locale: Locale): string {
	if (v == null) return '—';
	if (unit === 'share') return percent(v, locale);
	if (unit === 'days') return number(v, locale, 1);
	return number(v, locale);
}

/** A change in the indicator's unit: points for shares and NPS, days, or a count with its relative change. */
export function fmtChange(
	d: number | null | undefined,
	unit: Unit,
	locale: Locale,
	base?: number | null
): string {
	if (d == null) return '—';
	const abs = Math.abs(d);
	// what rounds to zero reads as "no change", never "−0"
	const shown =
		unit === 'share'
			? Math.round(abs * 100)
			: unit === 'days'
				? Math.round(abs * 10) / 10
				: Math.round(abs);
	const sign = shown === 0 ? '±' : d > 0 ? '+' : '−';
	const pts = locale === 'ar' ? 'نقطة' : 'pts';
	if (unit === 'share') return `${sign}${number(abs * 100, locale)} ${pts}`;
	if (unit === 'nps') return `${sign}${number(abs, locale)} ${pts}`;
	if (unit === 'days') return `${sign}${number(abs, locale, 1)}`;
	const rel = base ? ` (${sign}${percent(abs / Math.abs(base), locale)})` : '';
	return `${sign}${number(abs, locale)}${rel}`;
}

/** Target values are stored in the indicator's unit; shares are typed as percentages. */
export const toInput = (v: number, unit: Unit) =>
	unit === 'share' ? Math.round(v * 10000) / 100 : v;
export const fromInput = (v: number, unit: Unit) => (unit === 'share' ? v / 100 : v);
