// Small helpers shared by the question components (browser-safe, no dependencies).
import type { QuestionView, TextInputType } from './types';

export function fill(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export const descId = (q: QuestionView) => `${q.inputId}-desc`;
export const errId = (q: QuestionView) => `${q.inputId}-err`;

/** ids for aria-describedby: description first, then the error. */
export function describedBy(
	q: QuestionView,
	...extra: (string | false | undefined)[]
): string | undefined {
	const ids = [q.description ? descId(q) : '', q.error ? errId(q) : '', ...extra].filter(Boolean);
	return ids.length ? ids.join(' ') : undefined;
}

export const invalid = (q: QuestionView) => (q.error ? ('true' as const) : undefined);

/** id of the first focusable input of a question, for the error summary's links. */
export function firstInputId(q: QuestionView): string {
	switch (q.type) {
		case 'rating':
		case 'radiogroup':
		case 'checkbox':
		case 'boolean':
			return `${q.inputId}-0`;
		case 'ranking':
		case 'multipletext':
			return `${q.inputId}-0`;
		case 'matrix':
		case 'matrixdropdown':
			return `${q.inputId}-0-0`;
		default:
			return q.inputId;
	}
}

export const same = (a: unknown, b: unknown) =>
	a !== undefined && a !== null && String(a) === String(b);

/** Questions of a page with those inside panels, in order. */
export const flat = (list: QuestionView[]): QuestionView[] =>
	list.flatMap((q) => (q.type === 'panel' ? flat(q.questions) : [q]));

/**
 * The input for a text answer. type="number" refuses Arabic-Indic digits in some browsers, so
 * numbers are text with a decimal keypad; the server normalises digits and checks every type.
 */
export function inputKind(t: TextInputType): {
	type: string;
	inputmode?: 'decimal' | 'tel' | 'email';
} {
	if (t === 'number') return { type: 'text', inputmode: 'decimal' };
	if (t === 'tel') return { type: 'tel', inputmode: 'tel' };
	return { type: t };
}
