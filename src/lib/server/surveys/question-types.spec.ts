// The question types added for studio surveys: panel, multipletext, ranking, tagbox,
// matrixdropdown and text input types. Each is answered by a plain form post (no JavaScript)
// and checked here on the server.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import SurveyForm from '../../components/survey/SurveyForm.svelte';
import { parseDefinition } from './definition';
import { renderPage, score, submitPage, ui, validateAll, type Answers } from './engine';
import type { PanelView, QuestionView, TextView } from '../../components/survey/types';

const def = parseDefinition(
	{
		id: 'types',
		name: { ar: 'أنواع', en: 'Types' },
		locale: 'en',
		indicators: { csat: 'overall' },
		survey: {
			pages: [
				{
					name: 'p1',
					elements: [
						{ type: 'rating', name: 'overall', rateMin: 1, rateMax: 5 },
						{
							type: 'panel',
							name: 'about',
							title: { default: 'About you', ar: 'عنك' },
							visibleIf: '{overall} notempty',
							elements: [
								{
									type: 'text',
									name: 'born',
									inputType: 'date',
									min: '1900-01-01',
									max: '2026-12-31'
								},
								{ type: 'text', name: 'age', inputType: 'number', min: 0, max: 120 },
								{ type: 'text', name: 'mail', inputType: 'email' },
								{ type: 'text', name: 'phone', inputType: 'tel' }
							]
						},
						{
							type: 'multipletext',
							name: 'contact',
							items: [
								{ name: 'city', title: { default: 'City', ar: 'المدينة' }, isRequired: true },
								{ name: 'people', title: 'People', inputType: 'number' },
								{ name: 'mail', title: 'E-mail', inputType: 'email' }
							]
						},
						{ type: 'ranking', name: 'order', choices: ['food', 'rent', 'school'] },
						{ type: 'tagbox', name: 'needs', choices: ['food', 'rent', 'school'] },
						{
							type: 'matrixdropdown',
							name: 'grid',
							cellType: 'rating',
							rows: [
								{ value: 'staff', text: { default: 'Staff', ar: 'الموظفون' } },
								{ value: 'place', text: 'Place' }
							],
							columns: [
								{ name: 'score', title: 'Score', isRequired: true },
								{ name: 'again', title: 'Again?', cellType: 'dropdown', choices: ['yes', 'no'] }
							]
						}
					]
				}
			]
		}
	},
	'types.json'
);

const post = (fields: Record<string, string | string[]>) => {
	const f = new URLSearchParams({ nav: 'next', pageIndex: '0' });
	for (const [k, v] of Object.entries(fields))
		for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
	return f;
};
const names = 'overall born age mail phone contact order needs grid';
const submit = (fields: Record<string, string | string[]>, data: Answers = {}) =>
	submitPage(def, { locale: 'en', data, pageIndex: 0, form: post({ _shown: names, ...fields }) });

const complete = {
	overall: '4',
	born: '١٩٨٠/٣/٥',
	age: '٤٥',
	mail: 'a@b.sa',
	phone: '٠٥٠ ١٢٣ ٤٥٦٧',
	'contact.city': 'Riyadh',
	'contact.people': '3',
	'order.rent': '1',
	'order.food': '2',
	'order.school': '3',
	needs: ['school', 'food'],
	'grid.staff.score': '5',
	'grid.staff.again': 'yes',
	'grid.place.score': '3'
};

describe('new question types, answered without JavaScript', () => {
	it('reads every type into SurveyJS values', () => {
		const r = submit(complete);
		expect(r).toMatchObject({ ok: true, done: true });
		expect(r.data).toEqual({
			overall: 4,
			born: '1980-03-05',
			age: 45,
			mail: 'a@b.sa',
			phone: '050 123 4567',
			contact: { city: 'Riyadh', people: 3 },
			order: ['rent', 'food', 'school'],
			needs: ['school', 'food'],
			grid: { staff: { score: 5, again: 'yes' }, place: { score: 3 } }
		});
		expect(validateAll(def, r.data, 'en')).toEqual({});
		expect(score(def, r.data).numeric).toEqual(
			expect.arrayContaining([
				{ question: 'grid.staff.score', value: 5 },
				{ question: 'grid.place.score', value: 3 }
			])
		);
	});

	it('refuses a ranking that is not an order (a place twice, or one missing)', () => {
		const unranked = { ...complete, 'order.rent': '', 'order.food': '', 'order.school': '' };
		for (const places of [
			{ 'order.rent': '1', 'order.food': '1', 'order.school': '3' },
			{ 'order.rent': '1', 'order.food': '2' },
			{ 'order.rent': '1', 'order.food': '2', 'order.school': '9' }
		]) {
			const r = submit({ ...unranked, ...places });
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.errors.order).toBe(ui('en').rankingError.replace('{max}', '3'));
		}
		// A crafted stored value is checked too.
		expect(
			validateAll(def, { overall: 4, order: ['rent', 'rent', 'food'] }, 'en').order
		).toBeTruthy();
	});

	it('checks text input types on the server: date, number range, e-mail, phone', () => {
		const r = submit({
			...complete,
			born: '2025-02-31',
			age: '130',
			mail: 'nope',
			phone: 'call me'
		});
		expect(r.ok).toBe(false);
		if (r.ok) return;
		const t = ui('en');
		expect(r.errors).toMatchObject({
			born: t.dateError,
			age: 'Choose a value between 0 and 120.',
			mail: t.emailError,
			phone: t.telError
		});
		// What was typed comes back.
		expect(r.data).toMatchObject({ mail: 'nope', phone: 'call me' });
		const early = submit({ ...complete, born: '1850-01-01' });
		expect(!early.ok && early.errors.born).toBe(
			'Choose a value between 1900-01-01 and 2026-12-31.'
		);
	});

	it('checks multipletext items (required item, e-mail) and keeps what was typed', () => {
		const r = submit({ ...complete, 'contact.city': '', 'contact.mail': 'x@y' });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.contact).toBe(ui('en').requiredError);
		const bad = submit({ ...complete, 'contact.mail': 'x@y' });
		expect(!bad.ok && bad.errors.contact).toBe(ui('en').emailError);
		expect(bad.data.contact).toEqual({ city: 'Riyadh', people: 3, mail: 'x@y' });
	});

	it('checks tagbox choices and matrixdropdown cells (options, required column)', () => {
		const r = submit({ ...complete, needs: ['food', 'car'] });
		expect(!r.ok && r.errors.needs).toBe(ui('en').choiceError);
		const cell = submit({ ...complete, 'grid.staff.score': '7' });
		expect(!cell.ok && cell.errors.grid).toBe(ui('en').choiceError);
		const missing = submit({ ...complete, 'grid.place.score': '' });
		expect(!missing.ok && missing.errors.grid).toBe(ui('en').requiredError);
	});

	it('drops answers inside a hidden panel', () => {
		const r = submit({ ...complete, overall: '' });
		expect(r.data.born).toBeUndefined();
		const view = renderPage(def, { locale: 'en', data: {} });
		expect(view.questions.map((q) => q.name)).not.toContain('about');
	});
});

describe('new question types, rendered', () => {
	const html = (data: Answers, locale: 'ar' | 'en' = 'en', errors?: Record<string, string>) => {
		const view = renderPage(def, { locale, data, errors });
		return {
			view,
			body: render(SurveyForm, {
				props: { view, ui: ui(locale), locale, dir: view.dir }
			}).body
		};
	};
	const answered = submit(complete).data;

	it('draws a panel with its questions and proper input types', () => {
		const { view, body } = html(answered);
		const panel = view.questions.find((q) => q.name === 'about') as PanelView;
		expect(panel.questions.map((q: QuestionView) => q.name)).toEqual([
			'born',
			'age',
			'mail',
			'phone'
		]);
		expect((panel.questions[0] as TextView).inputType).toBe('date');
		expect(body).toContain('<section class="sq-panel" aria-label="About you">');
		expect(body).toMatch(/name="born" type="date" value="1980-03-05"/);
		expect(body).toMatch(/name="age" type="text" inputmode="decimal" value="45"/);
		expect(body).toMatch(/name="mail" type="email"/);
		expect(body).toMatch(/name="phone" type="tel" inputmode="tel"/);
		// The form lists the questions inside the panel as shown, not the panel.
		expect(body).toContain(`name="_shown" value="${names}"`);
		expect(body).not.toContain('<script');
	});

	it('draws multipletext inputs, ranking places, tagbox checkboxes and matrixdropdown selects', () => {
		const { body } = html(answered, 'ar');
		expect(body).toMatch(/<label for="[^"]+">المدينة/);
		expect(body).toMatch(/name="contact\.city" type="text" value="Riyadh"/);
		// rent is first: its select has place 1 chosen.
		expect(body).toMatch(/name="order\.rent"[^>]*>[\s\S]*?<option value="1" selected/);
		expect(body).toMatch(/name="order\.school"[^>]*>[\s\S]*?<option value="3" selected/);
		expect(body).toMatch(/type="checkbox"[^>]*name="needs" value="food"[^>]*checked/);
		expect(body).toContain('<legend class="sq-row-title">الموظفون</legend>');
		expect(body).toMatch(/name="grid\.staff\.score"[\s\S]*?<option value="5" selected/);
		expect(body).toMatch(/name="grid\.staff\.again"[\s\S]*?<option value="yes" selected/);
	});

	it('shows the places chosen again when a ranking is refused (nothing chosen is lost)', () => {
		// Two options in the same place, and a crafted 9 no select can show.
		const r = submit({ ...complete, 'order.rent': '1', 'order.food': '1', 'order.school': '9' });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.data.order).toEqual({ rent: 1, food: 1 });
		const { view, body } = html(r.data, 'en', r.errors);
		const order = view.questions.find((q) => q.name === 'order');
		expect(order).toMatchObject({ error: r.errors.order, places: { rent: 1, food: 1 } });
		expect(body).toMatch(/name="order\.rent"[^>]*>[\s\S]*?<option value="1" selected/);
		expect(body).toMatch(/name="order\.food"[^>]*>[\s\S]*?<option value="1" selected/);
		expect(body).not.toMatch(/name="order\.school"[^>]*>(?:(?!<\/select>)[\s\S])*selected/);
		// The other answers of the page come back too.
		expect(r.data.contact).toEqual({ city: 'Riyadh', people: 3 });
	});

	it('links the error summary to the first input of each new type', () => {
		const errors = { order: 'x', contact: 'y', grid: 'z', born: 'w' };
		const { body } = html(answered, 'en', errors);
		for (const name of ['order', 'contact'])
			expect(body).toMatch(new RegExp(`href="#sq-\\d+-${name}-0"`));
		expect(body).toMatch(/href="#sq-\d+-grid-0-0"/);
		expect(body).toMatch(/href="#sq-\d+-born"/);
	});
});
