/**
 * Numbers and percentages per locale. Dates (Gregorian and Hijri, in the association's time
 * zone) are in `$lib/dates`.
 */
import { LOCALES, type Locale } from './locales';

export function number(n: number | null | undefined, locale: Locale, digits = 0): string {
	if (n == null || Number.isNaN(n)) return '—';
	return new Intl.NumberFormat(LOCALES[locale].intl, {
		maximumFractionDigits: digits,
		minimumFractionDigits: digits
	}).format(n);
}

/** A share 0–1 as a percentage. */
export function percent(share: number | null | undefined, locale: Locale, digits = 0): string {
	if (share == null || Number.isNaN(share)) return '—';
	return new Intl.NumberFormat(LOCALES[locale].intl, {
		style: 'percent',
		maximumFractionDigits: digits,
		minimumFractionDigits: digits
	}).format(share);
}
