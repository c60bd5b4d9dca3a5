/**
 * Localised SurveyJS strings in the editor: {"default": source text, "<other>": translation}.
 * `source` is the survey's declared language; a plain string is source text.
 */
export type LocText = string | Record<string, string> | undefined | null;
export type Lang = 'ar' | 'en';

export function getText(v: unknown, lang: Lang, source: Lang): string {
	if (typeof v === 'string') return lang === source ? v : '';
	if (!v || typeof v !== 'object') return '';
	const o = v as Record<string, unknown>;
	const s = lang === source ? (o.default ?? o[lang]) : o[lang];
	return typeof s === 'string' ? s : '';
}

export function setText(
	v: unknown,
	lang: Lang,
	source: Lang,
	text: string
): Record<string, string> {
	const o: Record<string, string> =
		typeof v === 'string'
			? { default: v }
			: v && typeof v === 'object'
				? { ...(v as Record<string, string>) }
				: {};
	if (lang === source) {
		o.default = text;
		delete o[lang];
	} else if (text) o[lang] = text;
	else delete o[lang];
	return o;
}

/** Choices, rows and columns as objects, so the editor can bind to them. */
export function asItem(c: unknown, valueKey = 'value', textKey = 'text'): Record<string, unknown> {
	if (c && typeof c === 'object') return c as Record<string, unknown>;
	return { [valueKey]: c, [textKey]: String(c ?? '') };
}

const condition =
	/^\s*\{([A-Za-z0-9_-]+)\}\s*(=|<>|<=|>=|contains|notcontains)\s*(?:'([^']*)'|(-?\d+(?:\.\d+)?)|(true|false))\s*$/;

export type Condition = { question: string; op: string; value: string } | null;

/** The common visibleIf shapes the builder offers: {q} op value. Anything else is custom. */
export function parseCondition(expr: unknown): Condition | 'custom' {
	if (typeof expr !== 'string' || expr === '') return null;
	const m = condition.exec(expr);
	if (!m) return 'custom';
	return { question: m[1], op: m[2], value: m[3] ?? m[4] ?? m[5] ?? '' };
}

export function writeCondition(c: { question: string; op: string; value: string }): string {
	const v =
		/^-?\d+(\.\d+)?$/.test(c.value) || /^(true|false)$/.test(c.value)
			? c.value
			: `'${c.value.replace(/'/g, '')}'`;
	return `{${c.question}} ${c.op} ${v}`;
}
