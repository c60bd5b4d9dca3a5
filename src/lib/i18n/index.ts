import { page } from '$app/state';
import { catalogs, type MessageKey } from './catalog';
import { isLocale, type Locale } from './locales';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../dates';

export { LOCALES, dirOf, type Locale } from './locales';
export type { MessageKey };

/**
 * Translates a key, or an error string of the form `errors.key?param=value` as produced
 * by the server's validators. Unknown keys show themselves (visible in review, never blank).
 */
export function translate(
	locale: Locale,
	key: string,
	params?: Record<string, string | number>
): string {
	let k = key;
	let p = params;
	const q = key.indexOf('?');
	if (q > 0) {
		k = key.slice(0, q);
		p = { ...Object.fromEntries(new URLSearchParams(key.slice(q + 1))), ...params };
	}
	const table = catalogs[locale] as Record<string, string>;
	let s = table[k] ?? (catalogs.ar as Record<string, string>)[k] ?? k;
	if (p) for (const [name, v] of Object.entries(p)) s = s.replaceAll(`{${name}}`, String(v));
	return s;
}

/** The current page's locale (set by the root layout's data). */
export function currentLocale(): Locale {
	const l = page.data?.locale;
	return isLocale(l) ? l : 'ar';
}

/** The association's time zone (its setting, sent by the root layout): every date on a page is shown in it. */
export function currentTimeZone(): string {
	const tz = page.data?.timeZone;
	return typeof tz === 'string' && isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE;
}

/** Translate in the current page's locale; usable in any component's markup. */
export function t(
	key: MessageKey | (string & {}),
	params?: Record<string, string | number>
): string {
	// An aspect named in the studio has no catalog entry: its label comes with the page.
	const labels = page.data?.aspectLabels as AspectLabels | undefined;
	return translateAspects(currentLocale(), key, params, labels);
}

/** Aspects' names by key (aspects.labels() on the server). */
export type AspectLabels = Record<string, { ar: string; en: string }>;

/** translate(), naming the aspects created in the studio (`dash|reports|responses.aspect.<key>`). */
export function translateAspects(
	locale: Locale,
	key: string,
	params: Record<string, string | number> | undefined,
	labels: AspectLabels | undefined
): string {
	const s = translate(locale, key, params);
	if (s !== key || !labels) return s;
	const m = /^(?:dash|reports|responses)\.aspect\.(.+)$/.exec(key);
	return m && labels[m[1]] ? labels[m[1]][locale] : s;
}
