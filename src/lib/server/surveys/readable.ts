import { type Locale } from '$lib/i18n/locales';
/**
 * A stored answer set as a person reads it: each question's title and the chosen option's
 * text in the reader's language ("How satisfied…: Satisfied"), never the definition's keys
 * (`overall: 4`, `channel_used: interview`). Used where a beneficiary's own answers are shown
 * back (the PDPL "everything we hold" page). Answers to questions no longer in the definition
 * keep their stored name and value, so nothing held is hidden.
 */
import { Model } from './core';
import type { SurveyDefinition } from './definition';

/** `group` is a matrix question's title; `question` then is the row. */
export type AnswerLine = { question: string; answer: string; group?: string };

type Plain = {
	name: string | number;
	title: string;
	value: unknown;
	displayValue: unknown;
	isNode: boolean;
	data?: Plain[];
};

const text = (v: unknown): string =>
	v == null
		? ''
		: Array.isArray(v)
			? v.map(text).join('، ')
			: typeof v === 'object'
				? Object.entries(v as Record<string, unknown>)
						.map(([k, x]) => `${k}: ${text(x)}`)
						.join('، ')
				: String(v);

function raw(prefix: string, v: unknown): AnswerLine[] {
	if (v != null && typeof v === 'object' && !Array.isArray(v))
		return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) =>
			raw(prefix ? `${prefix}.${k}` : k, x)
		);
	return [{ question: prefix, answer: text(v) }];
}

export function answerLines(
	def: SurveyDefinition | undefined,
	answers: unknown,
	locale: Locale
): AnswerLine[] {
	if (answers == null || typeof answers !== 'object' || Array.isArray(answers))
		return answers == null ? [] : [{ question: '', answer: text(answers) }];
	const data = answers as Record<string, unknown>;
	if (!def) return raw('', data);
	const model = new Model(def.modelJson);
	model.locale = locale;
	model.data = data;
	const known = new Set(model.getAllQuestions().map((q) => q.name));
	const lines: AnswerLine[] = [];
	for (const p of model.getPlainData({ includeEmpty: false }) as Plain[]) {
		const rows = (p.data ?? []).filter((r) => typeof r.name === 'string' && r.title);
		// A matrix: one line per answered row, under the matrix's title.
		if (p.isNode && rows.length && typeof p.displayValue === 'object')
			for (const r of rows)
				lines.push({ group: p.title, question: r.title, answer: text(r.displayValue) });
		else lines.push({ question: p.title, answer: text(p.displayValue) });
	}
	for (const [k, v] of Object.entries(data)) if (!known.has(k)) lines.push(...raw(k, v));
	return lines;
}
