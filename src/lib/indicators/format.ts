/**
 * The one formatter of an indicator's value and change per locale, driven by the registry's
 * unit and decimals (dashboard tiles, report, targets, improvement actions).
 */
import { number, percent } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import { INDICATORS, type AnyIndicatorKey, type Unit } from './registry';

type Spec = { unit: Unit; decimals: number };
const spec = (k: AnyIndicatorKey | Spec): Spec => (typeof k === 'string' ? INDICATORS[k] : k);

/** A value in its unit: 87%, 4.21, 32, 3.5, 1,204; '—' when there is none. */
export function formatValue(
	key: AnyIndicatorKey | Spec,
	v: number | null | undefined,
	locale: Locale
): string {
	if (v == null) return '—';
	const s = spec(key);
	return s.unit === 'share' ? percent(v, locale, s.decimals) : number(v, locale, s.decimals);
}

/**
 * A change (value − previous) in the indicator's unit, signed: points for shares and NPS, days,
 * or a count with its relative change when `base` is given. What rounds to zero reads "±0".
 */
export function formatChange(
	key: AnyIndicatorKey | Spec,
	d: number | null | undefined,
	locale: Locale,
	base?: number | null
): string {
	if (d == null) return '—';
	const { unit, decimals } = spec(key);
	const abs = Math.abs(d);
	const scaled = unit === 'share' ? abs * 100 : abs;
	const f = 10 ** decimals;
	const sign = Math.round(scaled * f) === 0 ? '±' : d > 0 ? '+' : '−';
	const pts = locale === 'ar' ? 'نقطة' : 'pts';
	const shown = number(scaled, locale, decimals);
	if (unit === 'share' || unit === 'nps') return `${sign}${shown} ${pts}`;
	if (unit === 'count' && base)
		return `${sign}${shown} (${sign}${percent(abs / Math.abs(base), locale)})`;
	return `${sign}${shown}`;
}

/** Target values are stored in the indicator's unit; shares are typed as percentages. */
export const toInput = (v: number, unit: Unit) =>
	unit === 'share' ? Math.round(v * 10000) / 100 : v;
export const fromInput = (v: number, unit: Unit) => (unit === 'share' ? v / 100 : v);

/** What a target may be, as typed (shares in %). */
export const INPUT_RANGE: Record<Unit, [number, number]> = {
	share: [0, 100],
	score: [1, 5],
	nps: [-100, 100],
	days: [0, 365],
	count: [0, 100_000_000]
};
