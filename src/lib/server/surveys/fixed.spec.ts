// Answer-independent surveys (no condition, expression, validator or text piping) skip
// survey-core's answer handling: their model never receives answers and their visible pages
// are computed once (engine.ts, issue 16). These specs prove that path gives exactly what the
// full path gives, for every engine function, on pages, answers and posts of every kind.
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDefinitions, parseDefinition, type SurveyDefinition } from './definition';
import {
	answerIndependent,
	cleanAnswers,
	engineOptions,
	firstErrorPage,
	previewPage,
	renderPage,
	submitPage,
	validateAll,
	type Answers
} from './engine';

const defs = loadDefinitions(resolve(__dirname, '../../../../surveys'));
const sr = defs.find((d) => d.id === 'service-request')!;
const pp = defs.find((d) => d.id === 'post-program')!;

// Every type but expression, on three pages; a hidden question and a hidden page.
const everyType = parseDefinition(
	{
		id: 'fixed',
		name: { ar: 'ثابت', en: 'Fixed' },
		indicators: { csat: 'overall', channel: 'where', withinTwoWeeks: 'ok', comment: 'note' },
		survey: {
			title: { default: 'استبانة', en: 'Survey' },
			pages: [
				{
					name: 'p1',
					title: { default: 'الأولى', en: 'First' },
					elements: [
						{ type: 'html', name: 'intro', html: { default: '<p>مرحبًا</p>', en: '<p>Hi</p>' } },
						{ type: 'rating', name: 'overall', rateMin: 1, rateMax: 5, isRequired: true },
						{ type: 'dropdown', name: 'where', choices: ['home', 'office'], showOtherItem: true },
						{
							type: 'checkbox',
							name: 'tags',
							choices: ['a', 'b', 'c'],
							showNoneItem: true,
							showOtherItem: true,
							maxSelectedChoices: 2
						},
						{ type: 'boolean', name: 'ok', valueTrue: 'yes', valueFalse: 'no' },
						{ type: 'text', name: 'hidden', visible: false },
						{
							type: 'panel',
							name: 'about',
							elements: [
								{ type: 'text', name: 'born', inputType: 'date', min: '1900-01-01' },
								{ type: 'text', name: 'age', inputType: 'number', min: 0, max: 120 },
								{ type: 'text', name: 'mail', inputType: 'email', isRequired: true }
							]
						}
					]
				},
				{ name: 'gone', visible: false, elements: [{ type: 'comment', name: 'never' }] },
				{
					name: 'p2',
					elements: [
						{
							type: 'matrix',
							name: 'aspects',
							isRequired: true,
							rows: ['courtesy', 'speed'],
							columns: [1, 2, 3, 4, 5]
						},
						{
							type: 'multipletext',
							name: 'contact',
							items: [
								{ name: 'city', isRequired: true },
								{ name: 'people', inputType: 'number' }
							]
						},
						{ type: 'ranking', name: 'order', choices: ['food', 'rent', 'school'] },
						{ type: 'tagbox', name: 'needs', choices: ['food', 'rent'] },
						{ type: 'radiogroup', name: 'pick', choices: [1, 2], isRequired: true }
					]
				},
				{
					name: 'p3',
					elements: [
						{
							type: 'matrixdropdown',
							name: 'grid',
							cellType: 'rating',
							rows: ['staff', 'place'],
							columns: [
								{ name: 'score', isRequired: true },
								{ name: 'again', cellType: 'dropdown', choices: ['yes', 'no'] }
							]
						},
						{ type: 'comment', name: 'note', maxLength: 20 }
					]
				}
			]
		}
	},
	'fixed.json'
);

// Posts of every kind for each page: none, valid, invalid, other text, none-and-more…
type Post = Record<string, string | string[]>;
const p1: Post[] = [
	{ overall: '4', where: 'home', ok: 'true', mail: 'a@b.sa', hidden: 'x', never: 'y' },
	{ overall: '9', where: 'nowhere', tags: ['a', 'none'], age: 'abc', mail: 'nope', born: 'x' },
	{ overall: '٣', where: 'other', 'where-Comment': 'مكتب', tags: ['other'], ok: 'false' },
	{ overall: '2', tags: ['a', 'b', 'c'], age: '٤٥', born: '١٩٨٠/٣/٥', mail: 'x@y.sa' },
	// the service-request survey's page
	{ overall: '5', answered_in_time: 'true', courtesy: '4', comment: 'شكرًا لكم' },
	{ answered_in_time: 'maybe', courtesy: '6' }
];
const p2: Post[] = [
	{ 'aspects.courtesy': '5', 'aspects.speed': '3', 'contact.city': 'Riyadh', pick: '2' },
	{ 'aspects.courtesy': '7', 'contact.people': 'many', 'order.rent': '1', 'order.food': '1' },
	{ 'order.rent': '1', 'order.food': '2', 'order.school': '3', needs: ['rent', 'x'], pick: '1' }
];
const p3: Post[] = [
	{ 'grid.staff.score': '5', 'grid.staff.again': 'yes', 'grid.place.score': '3', note: 'ok' },
	{ 'grid.staff.score': '0', note: 'a note much longer than twenty characters' }
];
const fields: Post[][] = [
	[{}, ...p1],
	[{}, ...p2, p1[0]],
	[{}, ...p3, p2[0]]
];

const drafts: Answers[] = [
	{},
	{ overall: 4, where: 'office', ok: 'yes', mail: 'a@b.sa', hidden: 'kept?', never: 'no' },
	{
		overall: 5,
		mail: 'a@b.sa',
		aspects: { courtesy: 5, speed: 4 },
		contact: { city: 'Jeddah' },
		pick: 1,
		unknown: 3
	},
	{ overall: 3, answered_in_time: true, courtesy: 2, comment: 'ملاحظة' }
];

function post(page: number, nav: string, f: Record<string, string | string[]>, shown?: string) {
	const out = new URLSearchParams({ pageIndex: String(page), nav });
	if (shown !== undefined) out.set('_shown', shown);
	for (const [k, v] of Object.entries(f))
		for (const x of Array.isArray(v) ? v : [v]) out.append(k, x);
	return out;
}

/** Everything the engine answers for one survey, run with the fixed path on or off. */
function outcomes(def: SurveyDefinition, fixed: boolean) {
	engineOptions.fixedModels = fixed;
	const out: unknown[] = [];
	// a page index out of range is clamped to the last page
	out.push(
		submitPage(def, {
			locale: 'ar',
			data: drafts[2],
			pageIndex: 7,
			form: post(7, 'next', p3[0])
		})
	);
	drafts.forEach((data, d) => {
		const locale = d % 2 ? 'en' : 'ar';
		out.push(cleanAnswers(def, data), validateAll(def, data, locale));
		out.push(firstErrorPage(def, data, { mail: 'x', pick: 'x', overall: 'x' }));
		for (const pageIndex of [0, 1, 2]) {
			out.push(renderPage(def, { locale, data, pageIndex }));
			out.push(renderPage(def, { locale, data, pageIndex, errors: { overall: 'e' } }));
			fields[pageIndex].forEach((f, i) => {
				// the form's list of shown questions: absent, or one that leaves others unseen
				const shown = i % 3 ? undefined : 'overall';
				for (const nav of ['next', 'back'])
					out.push(
						submitPage(def, { locale, data, pageIndex, form: post(pageIndex, nav, f, shown) })
					);
				if (i % 2)
					out.push(previewPage(def, { locale, data, pageIndex, form: post(pageIndex, 'next', f) }));
			});
		}
	});
	return out;
}

afterEach(() => {
	engineOptions.fixedModels = true;
});

describe('answer-independent surveys', () => {
	it('are recognised, and anything that reads answers is not', () => {
		expect(answerIndependent(sr.modelJson)).toBe(true);
		expect(answerIndependent(everyType.modelJson)).toBe(true);
		expect(answerIndependent(pp.modelJson)).toBe(false);
		const q = (extra: Record<string, unknown>) => ({
			pages: [
				{
					elements: [
						{ type: 'text', name: 'a' },
						{ type: 'text', name: 'b', ...extra }
					]
				}
			]
		});
		expect(answerIndependent(q({}))).toBe(true);
		for (const extra of [
			{ visibleIf: '{a} = 1' },
			{ enableIf: '{a} = 1' },
			{ requiredIf: '{a} = 1' },
			{ defaultValueExpression: '{a}' },
			{ title: { default: 'مرحبًا {a}' } },
			{ type: 'expression', expression: '1' },
			{ validators: [{ type: 'regex', regex: 'x' }] },
			{ choicesFromQuestion: 'a' },
			{ choices: [{ value: 1, visibleIf: '{a} = 2' }] }
		])
			expect(answerIndependent(q(extra)), JSON.stringify(extra)).toBe(false);
		expect(answerIndependent({ triggers: [], pages: [] })).toBe(false);
		expect(answerIndependent({ calculatedValues: [], pages: [] })).toBe(false);
	});

	for (const def of [everyType, sr])
		it(`give exactly what the full survey-core path gives (${def.id})`, () => {
			const full = outcomes(def, false);
			const fixed = outcomes(def, true);
			expect(fixed.length).toBeGreaterThan(150);
			// the posts reach every outcome: refused, next page, done
			const kinds = new Set(
				fixed.map((o) => {
					const r = o as { ok?: boolean; done?: boolean };
					return r.ok === false ? 'refused' : r.done === false ? 'next' : r.done ? 'done' : '';
				})
			);
			expect([...kinds].filter(Boolean).sort()).toEqual(['done', 'next', 'refused']);
			expect(fixed).toEqual(full);
		});

	it('drop answers of hidden questions and pages, and keep nothing between calls', () => {
		const r = submitPage(everyType, {
			locale: 'en',
			data: { hidden: 'h', never: 'n' },
			pageIndex: 0,
			form: post(0, 'next', { overall: '4', mail: 'a@b.sa' })
		});
		expect(r).toEqual({
			ok: true,
			done: false,
			data: { overall: 4, mail: 'a@b.sa' },
			nextPageIndex: 1
		});
		const next = renderPage(everyType, { locale: 'en', data: {}, pageIndex: 0 });
		expect(next.questions.find((q) => q.name === 'overall')).toMatchObject({ value: undefined });
		expect(next.pageCount).toBe(3);
	});
	it("never carry one respondent's answers or errors into another's (one cached model, calls interleaved)", () => {
		for (const def of [everyType, sr]) {
			const a = {
				overall: '2',
				mail: 'a@b.sa',
				where: 'other',
				'where-Comment': 'A only',
				answered_in_time: 'false',
				courtesy: '5',
				comment: 'A'
			};
			const aDraft = { overall: 1, ok: 'yes', answered_in_time: true, courtesy: 5 };
			// respondent A: a refused post, a good post, a page with A's draft
			submitPage(def, {
				locale: 'en',
				data: aDraft,
				pageIndex: 0,
				form: post(0, 'next', { overall: '9' })
			});
			const ra = submitPage(def, {
				locale: 'en',
				data: aDraft,
				pageIndex: 0,
				form: post(0, 'next', a)
			});
			expect(ra, def.id).toMatchObject({ ok: true });
			renderPage(def, { locale: 'en', data: aDraft, pageIndex: 0 });
			// respondent B, on the same model: only what B posted, no error of A's
			const b = submitPage(def, {
				locale: 'en',
				data: {},
				pageIndex: 0,
				form: post(0, 'next', {})
			});
			const values = JSON.stringify(b);
			for (const leak of ['A only', 'a@b.sa', '"overall":2', '"overall":1', '"comment":"A"', 'yes'])
				expect(values, `${def.id}: ${leak}`).not.toContain(leak);
			const view = renderPage(def, { locale: 'en', data: {}, pageIndex: 0 });
			for (const q of view.questions) {
				expect((q as { value?: unknown }).value ?? undefined, `${def.id}: ${q.name}`).toSatisfy(
					(v: unknown) =>
						v === undefined ||
						(Array.isArray(v) && v.length === 0) ||
						(typeof v === 'object' && v !== null && Object.keys(v).length === 0)
				);
				expect(q.error).toBeUndefined();
			}
		}
	});
});
