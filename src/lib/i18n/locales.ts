/** The locale table: the one place that knows each language's direction and Intl tags. */
export const LOCALES = {
	ar: {
		dir: 'rtl',
		label: 'العربية',
		intl: 'ar-SA-u-nu-latn',
		hijri: 'ar-SA-u-ca-islamic-umalqura-nu-latn'
	},
	en: { dir: 'ltr', label: 'English', intl: 'en-GB', hijri: 'en-GB-u-ca-islamic-umalqura-nu-latn' }
} as const;

export type Locale = keyof typeof LOCALES;
export const DEFAULT_LOCALE: Locale = 'ar';

export function isLocale(v: unknown): v is Locale {
	return v === 'ar' || v === 'en';
}

export function dirOf(locale: Locale) {
	return LOCALES[locale].dir;
}

/** First guess from Accept-Language: the first of ar/en it names, Arabic otherwise. */
export function fromAcceptLanguage(header: string | null | undefined): Locale {
	if (!header) return DEFAULT_LOCALE;
	const ranked = header
		.split(',')
		.map((part) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.find((p) => p.trim().startsWith('q='));
			return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
		})
		.sort((a, b) => b.q - a.q);
	for (const { tag } of ranked) {
		const base = tag.split('-')[0];
		if (isLocale(base)) return base;
	}
	return DEFAULT_LOCALE;
}

export const LOCALE_COOKIE = 'rida_locale';

/** The name of a thing that has one in each language (programs, channels, platforms…). */
export function localName<T extends string | null>(x: { nameAr: T; nameEn: T }, locale: Locale): T {
	return locale === 'ar' ? x.nameAr : x.nameEn;
}

/** A locale read from outside (a form field, a query, a stored row): Arabic unless it names one. */
export function asLocale(v: unknown): Locale {
	return isLocale(v) ? v : DEFAULT_LOCALE;
}
