import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitions, parseDefinition } from './definition';
import {
	cleanAnswers,
	previewPage,
	renderPage,
	score,
	submitPage,
	supportedTypes,
	ui,
	validateAll,
	type Answers
} from './engine';
import type { RatingView, MatrixView, ChoiceView, TextView } from '../../components/survey/types';

const defs = loadDefinitions(resolve(__dirname, '../../../../surveys'));
const pp = defs.find((d) => d.id === 'post-program')!;
const sr = defs.find((d) => d.id === 'service-request')!;

const form = (fields: Record<string, string | string[]>) => {
	const f = new URLSearchParams();
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
	return f;
};
const page1 = (extra: Record<string, string> = {}) =>
	form({ overall: '4', recommend: '9', nav: 'next', _shown: 'overall recommend', ...extra });
const good: Answers = {
	overall: 4,
	recommend: 9,
	aspects: { courtesy: 5, clarity: 4, speed: 3, competence: 4, channel_convenience: 2 },
	channel_used: 'phone',
	answered_in_time: 'yes',
	suggestion: 'شكرًا'
};

// A definition with every supported type, for the rules the shipped files do not use.
const kitchen = parseDefinition(
	{
		id: 'kitchen',
		name: 'kitchen',
		indicators: { csat: 'overall', channel: 'where', withinTwoWeeks: 'ok' },
		survey: {
			pages: [
				{
					name: 'a',
					elements: [
						{
							type: 'html',
							name: 'intro',
							html: {
								default: '<p onclick="x()">مرحبًا</p><script>alert(1)</script>',
								en: '<p>Hi</p>'
							}
						},
						{ type: 'rating', name: 'overall', rateMin: 1, rateMax: 5, isRequired: true },
						{ type: 'expression', name: 'double', title: 'double', expression: '{overall} * 2' },
						{ type: 'dropdown', name: 'where', choices: ['home', 'office'], showOtherItem: true },
						{
							type: 'checkbox',
							name: 'tags',
							choices: ['a', 'b', 'c'],
							showNoneItem: true,
							maxSelectedChoices: 2
						},
						{ type: 'boolean', name: 'ok' },
						{
							type: 'text',
							name: 'age',
							inputType: 'number',
							min: 0,
							max: 120,
							requiredIf: '{ok} = true'
						},
						{ type: 'text', name: 'email', inputType: 'email' },
						{ type: 'text', name: 'locked', enableIf: '{ok} = false' }
					]
				},
				{
					name: 'b',
					visibleIf: '{overall} >= 4',
					elements: [{ type: 'comment', name: 'praise', isRequired: true }]
				}
			]
		}
	},
	'kitchen.json'
);

describe('renderPage', () => {
	it('returns localised titles in Arabic and English', () => {
		const ar = renderPage(pp, { locale: 'ar', data: {} });
		const en = renderPage(pp, { locale: 'en', data: {} });
		expect(ar.title).toBe('تقييمك العام');
		expect(en.title).toBe('Your overall rating');
		expect(ar.dir).toBe('rtl');
		expect(en.dir).toBe('ltr');
		expect(ar.questions[0].title).toContain('ما مدى رضاك');
		expect(en.questions[0].title).toContain('how satisfied');
		expect(ar).toMatchObject({
			pageIndex: 0,
			pageCount: 3,
			isFirst: true,
			isLast: false,
			progress: 33
		});
		const overall = ar.questions[0] as RatingView;
		expect(overall).toMatchObject({
			type: 'rating',
			min: 1,
			max: 5,
			display: 'smileys',
			isRequired: true
		});
		expect(overall.items.map((i) => i.value)).toEqual([1, 2, 3, 4, 5]);
		expect(overall.items[4].label).toBe('راضٍ تمامًا');
		const nps = en.questions[1] as RatingView;
		expect(nps.items).toHaveLength(11);
		expect(nps).toMatchObject({
			min: 0,
			max: 10,
			minLabel: 'Not at all likely',
			maxLabel: 'Extremely likely'
		});
	});

	it('renders the matrix, choices and the two locales of built-in texts', () => {
		const p2 = renderPage(pp, { locale: 'ar', data: {}, pageIndex: 1 });
		const m = p2.questions[0] as MatrixView;
		expect(m.type).toBe('matrix');
		expect(m.rows.map((r) => r.value)).toEqual([
			'courtesy',
			'clarity',
			'speed',
			'competence',
			'channel_convenience'
		]);
		expect(m.columns.map((c) => c.value)).toEqual([1, 2, 3, 4, 5]);
		const ch = p2.questions[1] as ChoiceView;
		expect(ch.choices.map((c) => c.value)).toEqual([
			'interview',
			'phone',
			'social',
			'letter',
			'help_request',
			'volunteering',
			'website',
			'branch'
		]);
		expect(ch.choices[0].label).toBe('المقابلة');
		const b = renderPage(sr, { locale: 'ar', data: {} }).questions[1];
		expect(b).toMatchObject({ type: 'boolean', labelTrue: 'نعم', labelFalse: 'لا' });
		const bEn = renderPage(sr, { locale: 'en', data: {} }).questions[1];
		expect(bEn).toMatchObject({ labelTrue: 'Yes', labelFalse: 'No' });
		const k = renderPage(kitchen, { locale: 'ar', data: {} });
		const where = k.questions.find((q) => q.name === 'where') as ChoiceView;
		expect(where.placeholder).toBe('اختر…');
		expect(where.choices.at(-1)).toEqual({ value: 'other', label: 'أخرى (يُرجى التحديد)' });
	});

	it('shows "what went wrong" only when overall <= 3', () => {
		const names = (data: Answers) =>
			renderPage(pp, { locale: 'ar', data }).questions.map((q) => q.name);
		expect(names({})).toEqual(['overall', 'recommend']);
		expect(names({ overall: 3 })).toEqual(['overall', 'what_went_wrong', 'recommend']);
		expect(names({ overall: 1 })).toContain('what_went_wrong');
		expect(names({ overall: 4 })).not.toContain('what_went_wrong');
		expect(names({ overall: 5 })).not.toContain('what_went_wrong');
	});

	it('sanitises html, computes expressions, applies enableIf and requiredIf', () => {
		const v = renderPage(kitchen, { locale: 'ar', data: { overall: 3, ok: true } });
		const html = v.questions.find((q) => q.type === 'html');
		expect(html).toMatchObject({ html: '<p>مرحبًا</p>' });
		expect(v.questions.find((q) => q.name === 'double')).toMatchObject({ text: '6' });
		expect(v.questions.find((q) => q.name === 'locked')?.readOnly).toBe(true);
		expect(v.questions.find((q) => q.name === 'age')?.isRequired).toBe(true);
		expect(v.pageCount).toBe(1); // page b needs overall >= 4
		expect(renderPage(kitchen, { locale: 'ar', data: { overall: 5 } }).pageCount).toBe(2);
	});

	it('does not leak answers between calls (cached models)', () => {
		renderPage(pp, { locale: 'ar', data: { overall: 2 } });
		const v = renderPage(pp, { locale: 'ar', data: {} });
		expect(v.questions.map((q) => q.name)).toEqual(['overall', 'recommend']);
		expect((v.questions[0] as RatingView).value).toBeUndefined();
	});
});

describe('submitPage', () => {
	it('accepts a valid page and moves on', () => {
		const r = submitPage(pp, { locale: 'ar', data: {}, pageIndex: 0, form: page1() });
		expect(r).toEqual({
			ok: true,
			done: false,
			data: { overall: 4, recommend: 9 },
			nextPageIndex: 1
		});
	});

	it('rejects 9 on a 1–5 rating and keeps the other answers', () => {
		const r = submitPage(pp, {
			locale: 'en',
			data: {},
			pageIndex: 0,
			form: page1({ overall: '9' })
		});
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({ overall: 'Choose a value between 1 and 5.' });
		expect(r.data.recommend).toBe(9);
		expect(r.data.overall).toBeUndefined();
		expect(r.pageIndex).toBe(0);
	});

	it('rejects 11 on NPS, 2.5, and a missing required answer', () => {
		const a = submitPage(pp, {
			locale: 'ar',
			data: {},
			pageIndex: 0,
			form: page1({ recommend: '11' })
		});
		expect(a).toMatchObject({
			ok: false,
			errors: { recommend: 'يُرجى اختيار قيمة بين 0 و10.' },
			data: { overall: 4 }
		});
		const b = submitPage(pp, {
			locale: 'en',
			data: {},
			pageIndex: 0,
			form: page1({ overall: '2.5' })
		});
		expect(b).toMatchObject({
			ok: false,
			errors: { overall: 'Please enter a whole number.' },
			data: { recommend: 9 }
		});
		const c = submitPage(pp, {
			locale: 'en',
			data: {},
			pageIndex: 0,
			form: form({ recommend: '7', nav: 'next' })
		});
		expect(c).toMatchObject({
			ok: false,
			errors: { overall: 'Please answer this question.' },
			data: { recommend: 7 }
		});
		const d = submitPage(pp, {
			locale: 'en',
			data: {},
			pageIndex: 0,
			form: page1({ overall: 'five' })
		});
		expect(d.ok).toBe(false);
	});

	it('rejects a channel not in the choices and a bad matrix value, keeping the rest', () => {
		const base = { overall: 4, recommend: 9 };
		const r = submitPage(pp, {
			locale: 'en',
			data: base,
			pageIndex: 1,
			form: form({
				channel_used: 'fax',
				'aspects.courtesy': '5',
				'aspects.speed': '3',
				answered_in_time: 'yes',
				nav: 'next'
			})
		});
		expect(r).toMatchObject({
			ok: false,
			errors: { channel_used: 'Please choose one of the options shown.' }
		});
		expect(r.data).toMatchObject({
			...base,
			aspects: { courtesy: 5, speed: 3 },
			answered_in_time: 'yes'
		});
		const m = submitPage(pp, {
			locale: 'en',
			data: base,
			pageIndex: 1,
			form: form({ channel_used: 'phone', 'aspects.courtesy': '6', nav: 'next' })
		});
		expect(m).toMatchObject({
			ok: false,
			errors: { aspects: 'Please choose one of the options shown.' }
		});
	});

	it('rejects oversize text but returns it so nothing typed is lost', () => {
		const long = 'أ'.repeat(2001);
		const r = submitPage(pp, {
			locale: 'ar',
			data: good,
			pageIndex: 2,
			form: form({ suggestion: long, nav: 'next' })
		});
		expect(r).toMatchObject({
			ok: false,
			errors: { suggestion: 'يُرجى ألا يزيد النص على 2000 حرف.' }
		});
		expect(r.data.suggestion).toBe(long);
		expect(r.data.overall).toBe(4);
		const view = renderPage(pp, {
			locale: 'ar',
			data: r.data,
			pageIndex: 2,
			errors: (r as { errors: Record<string, string> }).errors
		});
		expect(view.questions[0]).toMatchObject({
			value: long,
			error: 'يُرجى ألا يزيد النص على 2000 حرف.'
		});
		const shortText = submitPage(kitchen, {
			locale: 'en',
			data: {},
			pageIndex: 0,
			form: form({ overall: '3', email: 'x'.repeat(201), nav: 'next' })
		});
		expect(shortText).toMatchObject({
			ok: false,
			errors: { email: 'Please keep the text to 200 characters or fewer.' }
		});
	});

	it('accepts Arabic-Indic digits', () => {
		const r = submitPage(pp, {
			locale: 'ar',
			data: {},
			pageIndex: 0,
			form: page1({ overall: '٥', recommend: '١٠' })
		});
		expect(r).toMatchObject({ ok: true, data: { overall: 5, recommend: 10 } });
		const m = submitPage(pp, {
			locale: 'ar',
			data: { overall: 5, recommend: 10 },
			pageIndex: 1,
			form: form({ 'aspects.speed': '٤', channel_used: 'website', nav: 'next' })
		});
		expect(m).toMatchObject({ ok: true, data: { aspects: { speed: 4 } }, nextPageIndex: 2 });
		const n = submitPage(kitchen, {
			locale: 'ar',
			data: {},
			pageIndex: 0,
			form: form({ overall: '3', age: '٤٢', nav: 'next' })
		});
		expect(n).toMatchObject({ ok: true, data: { age: 42 } });
	});

	it('drops answers of questions that became invisible', () => {
		const data = { overall: 2, what_went_wrong: 'تأخر الرد', recommend: 5 };
		const r = submitPage(pp, {
			locale: 'ar',
			data,
			pageIndex: 0,
			form: form({
				overall: '5',
				what_went_wrong: 'تأخر الرد',
				recommend: '8',
				nav: 'next',
				_shown: 'overall what_went_wrong recommend'
			})
		});
		expect(r).toEqual({
			ok: true,
			done: false,
			data: { overall: 5, recommend: 8 },
			nextPageIndex: 1
		});
		expect(cleanAnswers(pp, { ...data, overall: 5, junk: 1 })).toEqual({
			overall: 5,
			recommend: 5
		});
	});

	it('shows the same page again when an answer reveals a question the user has not seen', () => {
		const r = submitPage(pp, {
			locale: 'ar',
			data: {},
			pageIndex: 0,
			form: page1({ overall: '2' })
		});
		expect(r).toEqual({
			ok: true,
			done: false,
			data: { overall: 2, recommend: 9 },
			nextPageIndex: 0,
			revealed: ['what_went_wrong']
		});
		// With JavaScript the form was refreshed and posted the new question: go on.
		const s = submitPage(pp, {
			locale: 'ar',
			data: {},
			pageIndex: 0,
			form: page1({
				overall: '2',
				what_went_wrong: 'الانتظار',
				_shown: 'overall what_went_wrong recommend'
			})
		});
		expect(s).toMatchObject({ ok: true, nextPageIndex: 1, data: { what_went_wrong: 'الانتظار' } });
	});

	it('ignores unknown fields and reads checkbox, boolean, other text, requiredIf, enableIf', () => {
		const r = submitPage(kitchen, {
			locale: 'en',
			data: { locked: 'kept' },
			pageIndex: 0,
			form: form({
				overall: '3',
				tags: ['a', 'b'],
				ok: 'true',
				age: '40',
				where: 'other',
				'where-Comment': 'mosque',
				locked: 'hack',
				evil: 'x',
				nav: 'next'
			})
		});
		expect(r).toEqual({
			ok: true,
			done: true,
			data: {
				overall: 3,
				tags: ['a', 'b'],
				ok: true,
				age: 40,
				where: 'other',
				'where-Comment': 'mosque',
				locked: 'kept'
			}
		});
		expect(cleanAnswers(kitchen, r.data)).toEqual(r.data);
		const bad = submitPage(kitchen, {
			locale: 'en',
			data: {},
			pageIndex: 0,
			form: form({
				overall: '3',
				tags: ['a', 'b', 'c'],
				ok: 'true',
				where: 'other',
				email: 'nope',
				nav: 'next'
			})
		});
		expect(bad).toMatchObject({
			ok: false,
			errors: {
				tags: 'Please choose no more than 2 options.',
				age: 'Please answer this question.',
				where: 'Please write your other answer.',
				email: 'Please enter a valid e-mail address.'
			}
		});
		const none = submitPage(kitchen, {
			locale: 'en',
			data: {},
			pageIndex: 0,
			form: form({ overall: '3', tags: ['none', 'a'], nav: 'next' })
		});
		expect(none).toMatchObject({
			ok: false,
			errors: { tags: 'Please choose one of the options shown.' }
		});
	});

	it('goes back without blocking, keeping valid answers only', () => {
		const r = submitPage(pp, {
			locale: 'ar',
			data: { overall: 4, recommend: 9 },
			pageIndex: 1,
			form: form({ channel_used: 'fax', 'aspects.clarity': '2', nav: 'back' })
		});
		expect(r).toEqual({
			ok: true,
			done: false,
			data: { overall: 4, recommend: 9, aspects: { clarity: 2 } },
			nextPageIndex: 0
		});
	});

	it('stays on the page for a language switch, keeping valid answers only, even with required ones missing', () => {
		const r = submitPage(pp, {
			locale: 'ar',
			data: { overall: 4, recommend: 9 },
			pageIndex: 1,
			form: form({ channel_used: 'fax', 'aspects.clarity': '2', lang: 'en' }),
			stay: true
		});
		expect(r).toEqual({
			ok: true,
			done: false,
			data: { overall: 4, recommend: 9, aspects: { clarity: 2 } },
			nextPageIndex: 1
		});
		const first = submitPage(pp, {
			locale: 'ar',
			data: {},
			pageIndex: 0,
			form: form({ recommend: '8' }),
			stay: true
		});
		expect(first).toEqual({ ok: true, done: false, data: { recommend: 8 }, nextPageIndex: 0 });
	});

	it('on the last page checks the whole survey, so skipped pages cannot pass', () => {
		const r = submitPage(pp, {
			locale: 'en',
			data: {},
			pageIndex: 2,
			form: form({ suggestion: 'hi', nav: 'next' })
		});
		expect(r).toMatchObject({
			ok: false,
			pageIndex: 0,
			errors: {
				overall: 'Please answer this question.',
				recommend: 'Please answer this question.',
				channel_used: 'Please answer this question.'
			}
		});
		const done = submitPage(pp, {
			locale: 'en',
			data: good,
			pageIndex: 2,
			form: form({ suggestion: 'Thanks', nav: 'next' })
		});
		expect(done).toEqual({ ok: true, done: true, data: { ...good, suggestion: 'Thanks' } });
		// The page action stores a done result's data as is: already what cleanAnswers keeps.
		expect(cleanAnswers(pp, done.data)).toEqual(done.data);
	});

	it('follows page visibility when choosing the next page', () => {
		const low = submitPage(kitchen, {
			locale: 'en',
			data: {},
			pageIndex: 0,
			form: form({ overall: '2', nav: 'next' })
		});
		expect(low).toMatchObject({ ok: true, done: true });
		const high = submitPage(kitchen, {
			locale: 'en',
			data: {},
			pageIndex: 0,
			form: form({ overall: '5', nav: 'next' })
		});
		expect(high).toMatchObject({ ok: true, done: false, nextPageIndex: 1 });
	});
});

describe('previewPage', () => {
	it('merges what is being typed to update visibility, without storing or checking', () => {
		const v = previewPage(pp, {
			locale: 'ar',
			data: {},
			pageIndex: 0,
			form: form({ overall: '1' })
		});
		expect(v.questions.map((q) => q.name)).toEqual(['overall', 'what_went_wrong', 'recommend']);
		expect(v.questions.every((q) => !q.error)).toBe(true);
		const k = previewPage(kitchen, {
			locale: 'ar',
			data: {},
			pageIndex: 0,
			form: form({ overall: '3', age: 'abc' })
		});
		expect((k.questions.find((q) => q.name === 'age') as TextView).value).toBe('abc');
	});
});

describe('validateAll', () => {
	it('catches skipped pages and out-of-range stored values', () => {
		expect(validateAll(pp, good, 'en')).toEqual({});
		expect(validateAll(pp, { overall: 4, recommend: 9 }, 'en')).toEqual({
			channel_used: 'Please answer this question.'
		});
		expect(validateAll(pp, { ...good, overall: 9 }, 'en')).toEqual({
			overall: 'Choose a value between 1 and 5.'
		});
		expect(validateAll(pp, { ...good, channel_used: 'fax' }, 'ar')).toEqual({
			channel_used: 'يُرجى الاختيار من الخيارات المعروضة.'
		});
		expect(validateAll(pp, { ...good, overall: '4' }, 'en')).toHaveProperty('overall');
	});
});

describe('score', () => {
	it('maps csat, nps, matrix aspects, channel, two weeks and comment', () => {
		expect(score(pp, good)).toEqual({
			csat: 4,
			nps: 9,
			aspects: { courtesy: 5, clarity: 4, speed: 3, competence: 4, channelConvenience: 2 },
			channel: 'phone',
			withinTwoWeeks: true,
			comment: 'شكرًا',
			dimensions: [], // the shipped post-program survey maps no reporting dimension
			numeric: [
				{ question: 'overall', value: 4 },
				{ question: 'recommend', value: 9 },
				{ question: 'aspects.courtesy', value: 5 },
				{ question: 'aspects.clarity', value: 4 },
				{ question: 'aspects.speed', value: 3 },
				{ question: 'aspects.competence', value: 4 },
				{ question: 'aspects.channel_convenience', value: 2 }
			]
		});
		expect(score(pp, { answered_in_time: 'not_applicable' })).toMatchObject({
			csat: null,
			nps: null,
			channel: null,
			withinTwoWeeks: null,
			comment: null,
			numeric: []
		});
		expect(score(pp, { answered_in_time: 'no', overall: 9 })).toMatchObject({
			withinTwoWeeks: false,
			csat: null
		});
	});

	it('maps individual rating aspects and boolean answers', () => {
		expect(
			score(sr, { overall: 5, courtesy: 3, answered_in_time: false, comment: '  ' })
		).toMatchObject({
			csat: 5,
			nps: null,
			aspects: { courtesy: 3 },
			withinTwoWeeks: false,
			comment: null
		});
	});
});

describe('ui and constants', () => {
	it('has the same keys in both languages', () => {
		expect(Object.keys(ui('ar')).sort()).toEqual(Object.keys(ui('en')).sort());
		expect(ui('ar').next).toBe('التالي');
		expect(supportedTypes).toContain('matrix');
	});
});
