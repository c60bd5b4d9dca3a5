// survey-core on the server: it evaluates visibleIf / enableIf / requiredIf, localises
// titles and computes expressions. It does NOT check answers (a 9 on a 1–5 scale is
// kept), so every posted value is parsed and checked here before it is stored.
// All functions are pure: answers in, view/answers out, no database.
import sanitize from 'sanitize-html';
import { Model, type Question, type SurveyModel } from './core';
import { supportedTypes, type SurveyDefinition } from './definition';
import { format, uiStrings } from './strings';
import { isIsoDate, readDate, toLatinDigits } from '../../dates';
import type {
	FormUi,
	OptionView,
	PageView,
	QuestionView,
	SurveyLocale,
	SurveyUi,
	TextInputType
} from '../../components/survey/types';

export { supportedTypes };
export type { FormUi, PageView, QuestionView, SurveyLocale, SurveyUi };

/** Answers as SurveyJS stores them: question name → value; "<name>-Comment" for "other" text. */
export type Answers = Record<string, unknown>;

/** What a form post offers: URLSearchParams and FormData both fit. */
export interface FormLike {
	get(name: string): FormDataEntryValue | string | null;
	getAll(name: string): (FormDataEntryValue | string)[];
	has(name: string): boolean;
}

export type SubmitResult =
	| {
			ok: false;
			/** question name → translated message */
			errors: Record<string, string>;
			/** The stored answers merged with what was typed (even invalid text), to re-render the page. */
			data: Answers;
			/** Visible page to show with the errors (an earlier one when validateAll failed at the end). */
			pageIndex: number;
	  }
	/** data: only the answers of visible questions (as cleanAnswers gives), ready to store. */
	| { ok: true; done: true; data: Answers }
	| {
			ok: true;
			done: false;
			data: Answers;
			nextPageIndex: number;
			/** Questions on this page that the answers just made visible: the same page is shown again. */
			revealed?: string[];
	  };

export interface Score {
	csat: number | null;
	nps: number | null;
	aspects: Record<string, number | null>;
	channel: string | null;
	withinTwoWeeks: boolean | null;
	comment: string | null;
	numeric: { question: string; value: number }[];
	/**
	 * Reporting dimensions (response_dimension rows): each mapped choice question's answer(s),
	 * and every ticked channel when the channel question is a checkbox ("channel" key).
	 */
	dimensions: { key: string; value: string }[];
}

export const defaultMaxLength = { text: 200, comment: 2000 } as const;
const otherSuffix = '-Comment';

export function ui(locale: SurveyLocale): SurveyUi {
	return uiStrings[locale] ?? uiStrings.ar;
}

const formKeys = [
	'next',
	'back',
	'submit',
	'pageOf',
	'progressLabel',
	'required',
	'optional',
	'errorSummary',
	'otherPlaceholder',
	'maxLengthHint'
] as const satisfies readonly (keyof FormUi)[];

/** The strings SurveyForm draws, and nothing more: they are sent to the browser with the page. */
export function formUi(locale: SurveyLocale): FormUi {
	const t = ui(locale);
	return Object.fromEntries(formKeys.map((k) => [k, t[k]])) as unknown as FormUi;
}

// ---------------------------------------------------------------------------------------
// survey-core access. Its typings cover the whole widget zoo; this is the part used here.

interface Item {
	value: unknown;
	text: string;
}
interface Q {
	name: string;
	getType(): string;
	isVisible: boolean;
	/** False inside a hidden panel. */
	isParentVisible: boolean;
	isPanel?: boolean;
	elements?: Q[];
	isReadOnly: boolean;
	isRequired: boolean;
	locTitle: { renderedHtml: string };
	locDescription: { renderedHtml: string };
	visibleRateValues: Item[];
	rateType: string;
	rateStep: number;
	minRateDescription: string;
	maxRateDescription: string;
	visibleChoices: Item[];
	showOtherItem: boolean;
	showNoneItem: boolean;
	otherItem: Item;
	noneItem: Item;
	placeholder: string;
	minSelectedChoices: number;
	maxSelectedChoices: number;
	labelTrue: string;
	labelFalse: string;
	valueTrue: unknown;
	valueFalse: unknown;
	inputType: string;
	getMaxLength(): number | null;
	min: unknown;
	max: unknown;
	rows: unknown;
	visibleRows: { item: Item }[];
	visibleColumns: (Item & Column)[];
	/** multipletext */
	items: MultiItem[];
	eachRowRequired: boolean;
	processedHtml: string;
	displayValue: unknown;
	validators: unknown[];
	validate(fireCallback: boolean): boolean;
	errors: { getText(): string }[];
}
/** A matrixdropdown column; its cells are questions (rating or dropdown) survey-core builds per row. */
interface Column {
	name: string;
	isRequired: boolean;
	locTitle: { renderedHtml: string };
}
interface MultiItem {
	name: string;
	title: string;
	inputType: string;
	isRequired: boolean;
	maxLength: number;
	placeholder: string;
}
interface Page {
	name: string;
	questions: Question[];
	elements: Q[];
	locTitle: { renderedHtml: string };
	locDescription: { renderedHtml: string };
}
const asQ = (q: Question) => q as unknown as Q;
const pagesOf = (m: SurveyModel) => m.pages as unknown as Page[];
const visiblePagesOf = (m: SurveyModel) =>
	fixedPages.get(m) ?? (m.visiblePages as unknown as Page[]);

/**
 * Keys that make a survey-core model depend on its answers: conditions (visibleIf, enableIf,
 * requiredIf, choicesVisibleIf, resetValueIf…), expressions (defaultValueExpression,
 * minValueExpression, totalExpression…) and the rest below.
 */
const answerDependentKey = /If$|Expression$/;
const answerDependentKeys = new Set([
	'expression',
	'triggers',
	'calculatedValues',
	'validators',
	'choicesFromQuestion',
	'rowsFromQuestion',
	'columnsFromQuestion',
	'choicesByUrl'
]);

/**
 * True when nothing in the survey reads its answers: no key above, no expression question
 * and no text piping ("{name}" anywhere in a text). Then its visible pages and questions,
 * their read-only and required states, choices and texts are the same whatever the answers,
 * and this file reads answers only from the `data` it is given (never from the model), so
 * the model need not hold them: setting answers on a survey-core model and clearing them
 * after was about half of a submission's CPU time (issue 16). Any doubt: not fixed.
 */
export function answerIndependent(json: unknown): boolean {
	if (typeof json === 'string') return !json.includes('{');
	if (Array.isArray(json)) return json.every(answerIndependent);
	if (json && typeof json === 'object') {
		for (const [k, v] of Object.entries(json)) {
			if (answerDependentKey.test(k) || answerDependentKeys.has(k)) return false;
			if (k === 'type' && v === 'expression') return false;
			if (!answerIndependent(v)) return false;
		}
	}
	return true;
}

/** Answer-independent models (see answerIndependent): visible pages computed once. */
const fixedPages = new WeakMap<SurveyModel, Page[]>();
/** Their pages' visible questions, computed once. */
const fixedQuestions = new WeakMap<Page, Q[]>();

/** For the spec that proves the fixed path gives the same results as the full one. */
export const engineOptions = { fixedModels: true };

/** Their pages' questions, visible or not, as memoised views (see constantQuestion). */
const fixedPageQuestions = new WeakMap<Page, Q[]>();
/** All their questions, as memoised views. */
const fixedAllQuestions = new WeakMap<SurveyModel, Q[]>();

/**
 * What this file reads of a question of an answer-independent model, none of which can change
 * (the model never receives answers, its mode and locale are set once): each read through
 * survey-core's property machinery cost microseconds, and a submission read them hundreds of
 * times (issue 16). Anything else (validate, errors, displayValue…) goes to the question.
 */
const constantKeys = new Set<PropertyKey>([
	'name',
	'getType',
	'isVisible',
	'isParentVisible',
	'isPanel',
	'isReadOnly',
	'isRequired',
	'locTitle',
	'locDescription',
	'visibleRateValues',
	'rateType',
	'rateStep',
	'minRateDescription',
	'maxRateDescription',
	'visibleChoices',
	'showOtherItem',
	'showNoneItem',
	'otherItem',
	'noneItem',
	'placeholder',
	'minSelectedChoices',
	'maxSelectedChoices',
	'labelTrue',
	'labelFalse',
	'valueTrue',
	'valueFalse',
	'inputType',
	'getMaxLength',
	'min',
	'max',
	'rows',
	'items',
	'eachRowRequired',
	'validators'
]);
/** Zero-argument methods among them: their result is kept. */
const constantMethods = new Set<PropertyKey>(['getType', 'getMaxLength']);

/** A question of an answer-independent model whose constant properties are read once. */
const constantViews = new WeakSet<Q>();

function constantQuestion(q: Q): Q {
	const known = new Map<PropertyKey, unknown>();
	const view = new Proxy(q, {
		get(target, key) {
			if (!constantKeys.has(key)) {
				const v: unknown = Reflect.get(target, key, target);
				return typeof v === 'function' ? v.bind(target) : v;
			}
			if (known.has(key)) return known.get(key);
			let v: unknown = Reflect.get(target, key, target);
			if (constantMethods.has(key)) {
				const result = (v as () => unknown).call(target);
				v = () => result;
			}
			known.set(key, v);
			return v;
		},
		set: () => false
	});
	constantViews.add(view);
	return view;
}

function newModel(def: SurveyDefinition, locale: SurveyLocale): SurveyModel {
	const m = new Model(def.modelJson);
	m.locale = locale;
	if (engineOptions.fixedModels && answerIndependent(def.modelJson)) {
		const views = new Map<Question, Q>();
		const view = (q: Question) => {
			let v = views.get(q);
			if (!v) views.set(q, (v = constantQuestion(asQ(q))));
			return v;
		};
		fixedAllQuestions.set(m, Object.freeze(m.getAllQuestions().map(view)) as Q[]);
		for (const page of pagesOf(m))
			fixedPageQuestions.set(page, Object.freeze(page.questions.map(view)) as Q[]);
		const pages = Object.freeze([...(m.visiblePages as unknown as Page[])]) as Page[];
		for (const page of pages) fixedQuestions.set(page, Object.freeze(questionsShown(page)) as Q[]);
		fixedPages.set(m, pages);
	}
	return m;
}

// Building a Model costs a few milliseconds, so one per (definition, locale) is kept. Every
// use sets the answers first and clears them after (an answer-independent model never gets
// any); all use is synchronous, so no two requests can see each other's answers.
const cache = new Map<string, SurveyModel>();
const cacheLimit = 32;

function withModel<T>(def: SurveyDefinition, locale: SurveyLocale, fn: (m: SurveyModel) => T): T {
	const key = `${def.hash}:${locale}:${engineOptions.fixedModels}`;
	let m = cache.get(key);
	if (m) cache.delete(key);
	else m = newModel(def, locale);
	cache.set(key, m);
	if (cache.size > cacheLimit) cache.delete(cache.keys().next().value as string);
	try {
		return fn(m);
	} finally {
		if (!fixedPages.has(m)) {
			m.data = {};
			cleared.add(m);
		}
	}
}

/** Models whose answers were just cleared and not set since (every change goes through setData). */
const cleared = new WeakSet<SurveyModel>();

function setData(m: SurveyModel, data: Answers) {
	// An answer-independent model never holds answers (nothing it computes depends on them).
	if (fixedPages.has(m)) return;
	// Setting no answers on a model that has none changes nothing (a first page with no draft).
	if (cleared.has(m) && Object.keys(data).length === 0) return;
	cleared.delete(m);
	m.data = structuredClone(data);
}

/** A ranking as the form shows it: choice value → place (1…n). */
type RankingPlaces = Record<string, number>;

/** The places of a stored order (choices first place first), or of places typed with an error. */
function rankingPlaces(value: unknown): RankingPlaces {
	if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(v), i + 1]));
	if (!value || typeof value !== 'object') return {};
	return Object.fromEntries(
		Object.entries(value).filter(
			(e): e is [string, number] => typeof e[1] === 'number' && Number.isInteger(e[1])
		)
	);
}

function isEmpty(v: unknown): boolean {
	if (v === undefined || v === null || v === '') return true;
	if (Array.isArray(v)) return v.length === 0;
	if (typeof v === 'object') return Object.keys(v as object).length === 0;
	return false;
}

const inputTypes = new Set([
	'rating',
	'radiogroup',
	'checkbox',
	'dropdown',
	'boolean',
	'text',
	'comment',
	'matrix',
	'multipletext',
	'ranking',
	'tagbox',
	'matrixdropdown'
]);
const otherTypes = new Set(['radiogroup', 'checkbox', 'dropdown', 'tagbox']);
const hasOtherText = (q: Q) => otherTypes.has(q.getType()) && !!q.showOtherItem;

/** Visible questions of a page, those inside visible panels included. */
function visibleQuestions(page: Page): Q[] {
	return fixedQuestions.get(page) ?? questionsShown(page);
}

function questionsShown(page: Page): Q[] {
	return pageQuestions(page).filter((q) => q.isVisible && q.isParentVisible);
}

/** A page's questions (inside panels too), visible or not. */
function pageQuestions(page: Page): Q[] {
	return fixedPageQuestions.get(page) ?? page.questions.map(asQ);
}

/**
 * Keeps only answers of known, visible questions. Dropping one answer can hide another
 * question (a chain of visibleIf), so it repeats until nothing changes. Leaves m.data = result.
 */
function prune(m: SurveyModel, data: Answers): Answers {
	let current: Answers = {};
	for (const q of fixedAllQuestions.get(m) ?? m.getAllQuestions().map(asQ)) {
		if (!inputTypes.has(q.getType())) continue;
		if (data[q.name] !== undefined) current[q.name] = data[q.name];
		const c = q.name + otherSuffix;
		if (hasOtherText(q) && typeof data[c] === 'string') current[c] = data[c];
	}
	for (let round = 0; round < 20; round++) {
		setData(m, current);
		const visible = new Set<string>();
		for (const page of visiblePagesOf(m))
			for (const q of visibleQuestions(page)) visible.add(q.name);
		const next: Answers = {};
		for (const [k, v] of Object.entries(current)) {
			const name = k.endsWith(otherSuffix) ? k.slice(0, -otherSuffix.length) : k;
			if (visible.has(name)) next[k] = v;
		}
		if (Object.keys(next).length === Object.keys(current).length) return current;
		current = next;
	}
	setData(m, current);
	return current;
}

/** Answers of visible questions only (unknown keys and hidden answers removed). */
export function cleanAnswers(def: SurveyDefinition, data: Answers): Answers {
	return withModel(def, 'ar', (m) => prune(m, data));
}

// ---------------------------------------------------------------------------------------
// Value rules, shared by submitPage (posted strings) and validateAll (stored values).

/** Arabic-Indic and Persian digits, Arabic decimal/thousands separators → ASCII. */
export function normaliseDigits(s: string): string {
	return toLatinDigits(s)
		.replace(/\u066b/g, '.')
		.replace(/\u066c/g, '')
		.replace(/\u2212/g, '-');
}

function maxLengthOf(q: Q): number {
	const own = q.getMaxLength();
	if (own && own > 0) return own;
	return q.getType() === 'comment' ? defaultMaxLength.comment : defaultMaxLength.text;
}

/** A constant question's rating values (an item's value is read through survey-core too). */
const constantRatings = new WeakMap<Q, number[]>();

function ratingItems(q: Q): number[] {
	const kept = constantRatings.get(q);
	if (kept) return [...kept];
	const items = q.visibleRateValues.map((v) => Number(v.value));
	if (constantViews.has(q)) constantRatings.set(q, [...items]);
	return items;
}

function numberOrNull(v: unknown): number | null {
	if (v === null || v === undefined || v === '') return null;
	const n = typeof v === 'number' ? v : Number(v);
	return Number.isFinite(n) ? n : null;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function matchItem(items: Item[], v: unknown): Item | undefined {
	return items.find((c) => String(c.value) === String(v));
}

/** Checks a typed value against the question; returns a translated message or undefined. */
function checkValue(q: Q, value: unknown, data: Answers, t: SurveyUi): string | undefined {
	const type = q.getType();
	if (type === 'html' || type === 'expression') return undefined;
	if (isEmpty(value)) return q.isRequired ? t.requiredError : undefined;
	switch (type) {
		case 'rating': {
			const items = ratingItems(q);
			const min = Math.min(...items);
			const max = Math.max(...items);
			const range = () => format(t.rangeError, { min, max });
			if (typeof value !== 'number' || !Number.isFinite(value)) return range();
			if (items.every(Number.isInteger) && !Number.isInteger(value)) return t.integerError;
			if (value < min || value > max || !items.includes(value)) return range();
			return undefined;
		}
		case 'radiogroup':
		case 'dropdown': {
			if (typeof value !== 'string' && typeof value !== 'number') return t.choiceError;
			const item = matchItem(q.visibleChoices, value);
			if (!item || item.value !== value) return t.choiceError;
			if (q.showOtherItem && value === q.otherItem.value) return checkOther(q, data, t);
			return undefined;
		}
		case 'checkbox':
		case 'tagbox': {
			if (!Array.isArray(value)) return t.choiceError;
			for (const v of value) {
				const item = matchItem(q.visibleChoices, v);
				if (!item || item.value !== v) return t.choiceError;
			}
			if (new Set(value.map(String)).size !== value.length) return t.choiceError;
			if (q.showNoneItem && value.length > 1 && value.some((v) => v === q.noneItem.value))
				return t.choiceError;
			if (q.minSelectedChoices > 0 && value.length < q.minSelectedChoices)
				return format(t.minSelectError, { min: q.minSelectedChoices });
			if (q.maxSelectedChoices > 0 && value.length > q.maxSelectedChoices)
				return format(t.maxSelectError, { max: q.maxSelectedChoices });
			if (q.showOtherItem && value.includes(q.otherItem.value)) return checkOther(q, data, t);
			return undefined;
		}
		case 'boolean':
			return value === booleanValue(q, true) || value === booleanValue(q, false)
				? undefined
				: t.choiceError;
		case 'text':
			return checkText(q.inputType, value, q.min, q.max, maxLengthOf(q), t);
		case 'multipletext': {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return t.choiceError;
			const v = value as Record<string, unknown>;
			if (Object.keys(v).some((k) => !q.items.some((i) => i.name === k))) return t.choiceError;
			for (const item of q.items) {
				if (isEmpty(v[item.name])) {
					if (item.isRequired) return t.requiredError;
					continue;
				}
				const e = checkText(item.inputType, v[item.name], undefined, undefined, itemMax(item), t);
				if (e) return e;
			}
			return undefined;
		}
		case 'ranking': {
			const choices = q.visibleChoices;
			const error = format(t.rankingError, { max: choices.length });
			if (!Array.isArray(value) || value.length !== choices.length) return error;
			for (const v of value) {
				const item = matchItem(choices, v);
				if (!item || item.value !== v) return t.choiceError;
			}
			return new Set(value.map(String)).size === value.length ? undefined : error;
		}
		case 'matrixdropdown': {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return t.choiceError;
			const rows = q.visibleRows.map((r) => r.item);
			const cols = cellOptions(q);
			for (const [row, cells] of Object.entries(value as Record<string, unknown>)) {
				if (!matchItem(rows, row)) return t.choiceError;
				if (typeof cells !== 'object' || cells === null || Array.isArray(cells))
					return t.choiceError;
				for (const [col, v] of Object.entries(cells as Record<string, unknown>)) {
					const options = cols.get(col);
					const item = options && matchItem(options, v);
					if (!item || item.value !== v) return t.choiceError;
				}
			}
			const answered = value as Record<string, Record<string, unknown> | undefined>;
			for (const c of q.visibleColumns)
				if (c.isRequired && rows.some((r) => isEmpty(answered[String(r.value)]?.[c.name])))
					return t.requiredError;
			return undefined;
		}
		case 'comment': {
			if (typeof value !== 'string') return t.choiceError;
			const max = maxLengthOf(q);
			return value.length > max ? format(t.maxLengthError, { max }) : undefined;
		}
		case 'matrix': {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return t.choiceError;
			const rows = q.visibleRows.map((r) => r.item);
			for (const [row, col] of Object.entries(value as Record<string, unknown>)) {
				if (!matchItem(rows, row)) return t.choiceError;
				const item = matchItem(q.visibleColumns, col);
				if (!item || item.value !== col) return t.choiceError;
			}
			if (
				q.eachRowRequired &&
				rows.some((r) => isEmpty((value as Record<string, unknown>)[String(r.value)]))
			)
				return t.requiredError;
			return undefined;
		}
	}
	return undefined;
}

const telPattern = /^\+?[0-9()\s-]{5,20}$/;

/** A text answer by input type (text questions and multipletext items). */
function checkText(
	inputType: string,
	value: unknown,
	rawMin: unknown,
	rawMax: unknown,
	maxLength: number,
	t: SurveyUi
): string | undefined {
	if (inputType === 'number') {
		if (typeof value !== 'number' || !Number.isFinite(value)) return t.numberError;
		const min = numberOrNull(rawMin);
		const max = numberOrNull(rawMax);
		if ((min !== null && value < min) || (max !== null && value > max))
			return format(t.rangeError, { min: min ?? '-∞', max: max ?? '∞' });
		return undefined;
	}
	if (typeof value !== 'string') return t.choiceError;
	if (value.length > maxLength) return format(t.maxLengthError, { max: maxLength });
	if (inputType === 'email' && !emailPattern.test(value)) return t.emailError;
	if (inputType === 'tel' && !telPattern.test(value)) return t.telError;
	if (inputType === 'date') {
		if (!isIsoDate(value)) return t.dateError;
		// ISO dates compare as strings; min/max written as dates in the definition.
		const min = isIsoDate(rawMin) ? rawMin : undefined;
		const max = isIsoDate(rawMax) ? rawMax : undefined;
		if ((min && value < min) || (max && value > max))
			return format(t.rangeError, { min: min ?? '…', max: max ?? '…' });
	}
	return undefined;
}

const itemMax = (item: MultiItem) => (item.maxLength > 0 ? item.maxLength : defaultMaxLength.text);

/** The options each matrixdropdown column's cells offer (rating values or choices), by column name. */
function cellOptions(q: Q): Map<string, Item[]> {
	const out = new Map<string, Item[]>();
	const cells = (q.visibleRows[0] as unknown as { cells?: { column: Column; question: Q }[] })
		?.cells;
	for (const cell of cells ?? []) {
		const cq = cell.question;
		out.set(
			cell.column.name,
			cq.getType() === 'rating'
				? cq.visibleRateValues.map((v) => ({ value: Number(v.value), text: v.text }))
				: cq.visibleChoices
		);
	}
	return out;
}

function checkOther(q: Q, data: Answers, t: SurveyUi): string | undefined {
	const text = data[q.name + otherSuffix];
	if (typeof text !== 'string' || text.trim() === '') return t.otherError;
	if (text.length > defaultMaxLength.comment)
		return format(t.maxLengthError, { max: defaultMaxLength.comment });
	return undefined;
}

function booleanValue(q: Q, which: boolean): unknown {
	const custom = which ? q.valueTrue : q.valueFalse;
	return custom === undefined || custom === null || custom === '' ? which : custom;
}

/** Validators written in the definition (regex, email, expression…): survey-core runs those. */
function coreValidatorError(q: Q): string | undefined {
	if (!Array.isArray(q.validators) || q.validators.length === 0) return undefined;
	if (q.validate(true)) return undefined;
	return q.errors[0]?.getText();
}

// ---------------------------------------------------------------------------------------
// Reading posted fields.

interface Parsed {
	/** Typed value to store (undefined = no answer). */
	value: unknown;
	/** Format error found while parsing (e.g. 2.5 on an integer scale). */
	error?: string;
	/** "Other" text, for questions with an other item. */
	other?: string;
}

const str = (v: FormDataEntryValue | string | null | undefined): string =>
	typeof v === 'string' ? v : '';

function cleanText(s: string, multiline: boolean): string {
	// eslint-disable-next-line no-control-regex
	const noControls = s.replace(/\u0000/g, '');
	return multiline
		? noControls.replace(/\r\n?/g, '\n').trim()
		: noControls.replace(/[\r\n]+/g, ' ').trim();
}

function parseNumber(raw: string): number | undefined {
	const s = normaliseDigits(raw).trim().replace(/\s+/g, '');
	if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
	return Number(s);
}

function parseText(inputType: string, posted: string, t: SurveyUi): Parsed {
	const raw = cleanText(posted, false);
	if (raw === '') return { value: undefined };
	if (inputType === 'number') {
		const n = parseNumber(raw);
		// Keep the typed text on error so the field shows what the user wrote.
		return n === undefined ? { value: raw, error: t.numberError } : { value: n };
	}
	if (inputType === 'tel') return { value: normaliseDigits(raw) };
	// A date typed by hand (no date picker, Arabic-Indic digits, "/") becomes YYYY-MM-DD.
	if (inputType === 'date') return { value: readDate(raw) ?? raw };
	return { value: raw };
}

function toChoice(items: Item[], raw: string): { ok: boolean; value?: unknown } {
	const item = matchItem(items, raw.trim());
	return item ? { ok: true, value: item.value } : { ok: false };
}

function parseField(q: Q, form: FormLike, t: SurveyUi): Parsed {
	const name = q.name;
	switch (q.getType()) {
		case 'rating': {
			const raw = normaliseDigits(str(form.get(name))).trim();
			if (raw === '') return { value: undefined };
			const n = parseNumber(raw);
			const items = ratingItems(q);
			if (n === undefined)
				return {
					value: undefined,
					error: format(t.rangeError, { min: Math.min(...items), max: Math.max(...items) })
				};
			return { value: n };
		}
		case 'radiogroup':
		case 'dropdown': {
			const raw = str(form.get(name));
			const other = hasOtherText(q)
				? cleanText(str(form.get(name + otherSuffix)), true)
				: undefined;
			if (raw.trim() === '') return { value: undefined, other };
			const c = toChoice(q.visibleChoices, raw);
			return c.ok ? { value: c.value, other } : { value: undefined, other, error: t.choiceError };
		}
		case 'checkbox':
		case 'tagbox': {
			const other = hasOtherText(q)
				? cleanText(str(form.get(name + otherSuffix)), true)
				: undefined;
			const values: unknown[] = [];
			for (const raw of form.getAll(name).map(str)) {
				if (raw.trim() === '') continue;
				const c = toChoice(q.visibleChoices, raw);
				if (!c.ok)
					return { value: values.length ? values : undefined, other, error: t.choiceError };
				if (!values.includes(c.value)) values.push(c.value);
			}
			return { value: values.length ? values : undefined, other };
		}
		case 'boolean': {
			const raw = str(form.get(name)).trim();
			if (raw === '') return { value: undefined };
			if (raw === 'true') return { value: booleanValue(q, true) };
			if (raw === 'false') return { value: booleanValue(q, false) };
			return { value: undefined, error: t.choiceError };
		}
		case 'text':
			return parseText(q.inputType, str(form.get(name)), t);
		case 'multipletext': {
			const out: Record<string, unknown> = {};
			let error: string | undefined;
			for (const item of q.items) {
				const p = parseText(item.inputType, str(form.get(`${name}.${item.name}`)), t);
				if (p.value !== undefined) out[item.name] = p.value;
				error ??= p.error;
			}
			return { value: Object.keys(out).length ? out : undefined, error };
		}
		case 'ranking': {
			const choices = q.visibleChoices;
			const places: (unknown | undefined)[] = new Array(choices.length);
			// What was chosen, choice → place, to show again with the error (nothing is lost).
			const typed: RankingPlaces = {};
			let given = 0;
			let bad = false;
			for (const c of choices) {
				const raw = normaliseDigits(str(form.get(`${name}.${String(c.value)}`))).trim();
				if (raw === '') continue;
				given++;
				const n = Number(raw);
				const inRange = Number.isInteger(n) && n >= 1 && n <= choices.length;
				if (inRange) typed[String(c.value)] = n;
				if (!inRange || places[n - 1] !== undefined) bad = true;
				else places[n - 1] = c.value;
			}
			if (given === 0) return { value: undefined };
			if (bad || given < choices.length)
				return {
					value: Object.keys(typed).length ? typed : undefined,
					error: format(t.rankingError, { max: choices.length })
				};
			return { value: places };
		}
		case 'matrixdropdown': {
			const out: Record<string, Record<string, unknown>> = {};
			let error: string | undefined;
			const cols = cellOptions(q);
			for (const row of q.visibleRows) {
				const rowValue = String(row.item.value);
				for (const col of q.visibleColumns) {
					const raw = normaliseDigits(str(form.get(`${name}.${rowValue}.${col.name}`))).trim();
					if (raw === '') continue;
					const c = toChoice(cols.get(col.name) ?? [], raw);
					if (c.ok) (out[rowValue] ??= {})[col.name] = c.value;
					else error = t.choiceError;
				}
			}
			return { value: Object.keys(out).length ? out : undefined, error };
		}
		case 'comment': {
			const raw = cleanText(str(form.get(name)), true);
			return { value: raw === '' ? undefined : raw };
		}
		case 'matrix': {
			const out: Record<string, unknown> = {};
			let error: string | undefined;
			for (const row of q.visibleRows) {
				const raw = normaliseDigits(str(form.get(`${name}.${String(row.item.value)}`))).trim();
				if (raw === '') continue;
				const c = toChoice(q.visibleColumns, raw);
				if (c.ok) out[String(row.item.value)] = c.value;
				else error = t.choiceError;
			}
			return { value: Object.keys(out).length ? out : undefined, error };
		}
	}
	return { value: undefined };
}

// ---------------------------------------------------------------------------------------
// Views.

function inputIdFor(def: SurveyDefinition, name: string): string {
	const i = def.questions.findIndex((q) => q.name === name);
	return `sq-${i}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * What an html question may keep. Survey files are written by staff, but processedHtml also
 * carries answers a respondent typed ({placeholder} text processing), and the result goes
 * through {@html}: so a maintained parser-based sanitiser (sanitize-html, on htmlparser2)
 * with a short allowlist — text formatting and links only. No images or media: anything
 * that loads from another host would hand beneficiaries' IP addresses to it.
 */
const HTML_POLICY: sanitize.IOptions = {
	allowedTags: [
		'p',
		'br',
		'hr',
		'h2',
		'h3',
		'h4',
		'h5',
		'strong',
		'b',
		'em',
		'i',
		'u',
		's',
		'small',
		'mark',
		'sub',
		'sup',
		'span',
		'div',
		'blockquote',
		'ul',
		'ol',
		'li',
		'dl',
		'dt',
		'dd',
		'a',
		'bdi',
		'bdo'
	],
	allowedAttributes: {
		a: ['href', 'title', 'lang', 'target', 'rel'],
		bdo: ['dir'],
		'*': ['lang', 'dir']
	},
	allowedSchemes: ['https', 'http', 'mailto', 'tel'],
	allowedSchemesAppliedToAttributes: ['href'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	transformTags: {
		// A link opens beside the survey (which keeps its place), with no handle back on it.
		a: sanitize.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' })
	},
	allowedStyles: {}
};

/** Survey HTML made inert: see HTML_POLICY. */
export function sanitiseHtml(html: string): string {
	return sanitize(html, HTML_POLICY);
}

const textInputTypes = new Set(['text', 'number', 'email', 'tel', 'url', 'date']);
const textInputType = (t: string): TextInputType =>
	textInputTypes.has(t) ? (t as TextInputType) : 'text';
const items = (list: Item[]): OptionView[] =>
	list.map((c) => ({ value: c.value as string | number, label: c.text }));

function questionView(
	def: SurveyDefinition,
	q: Q,
	data: Answers,
	errors: Record<string, string>
): QuestionView {
	const base = {
		name: q.name,
		inputId: inputIdFor(def, q.name),
		title: q.locTitle.renderedHtml,
		description: q.locDescription.renderedHtml || undefined,
		isRequired: q.isRequired,
		readOnly: q.isReadOnly,
		error: errors[q.name]
	};
	const value = data[q.name];
	switch (q.getType()) {
		case 'rating': {
			const list = q.visibleRateValues.map((v) => ({ value: Number(v.value), label: v.text }));
			const nums = list.map((v) => v.value);
			return {
				...base,
				type: 'rating',
				value: typeof value === 'number' ? value : undefined,
				min: Math.min(...nums),
				max: Math.max(...nums),
				step: q.rateStep || 1,
				display:
					q.rateType === 'stars' ? 'stars' : q.rateType === 'smileys' ? 'smileys' : 'numbers',
				minLabel: q.minRateDescription || undefined,
				maxLabel: q.maxRateDescription || undefined,
				items: list
			};
		}
		case 'radiogroup':
		case 'dropdown':
		case 'checkbox':
		case 'tagbox': {
			const other = data[q.name + otherSuffix];
			const common = {
				...base,
				choices: items(q.visibleChoices),
				hasOther: !!q.showOtherItem,
				hasNone: !!q.showNoneItem,
				otherLabel: q.showOtherItem ? q.otherItem.text : undefined,
				otherText: typeof other === 'string' ? other : undefined
			};
			// A tagbox is a checkbox list without JavaScript (and with it: the page stays light).
			if (q.getType() === 'checkbox' || q.getType() === 'tagbox')
				return {
					...common,
					type: 'checkbox',
					value: Array.isArray(value) ? (value as (string | number)[]) : []
				};
			return {
				...common,
				type: q.getType() as 'radiogroup' | 'dropdown',
				value: typeof value === 'string' || typeof value === 'number' ? value : undefined,
				placeholder: q.getType() === 'dropdown' ? q.placeholder : undefined
			};
		}
		case 'boolean':
			return {
				...base,
				type: 'boolean',
				value:
					value === undefined
						? undefined
						: value === booleanValue(q, true)
							? true
							: value === booleanValue(q, false)
								? false
								: undefined,
				labelTrue: q.labelTrue,
				labelFalse: q.labelFalse
			};
		case 'text':
			return {
				...base,
				type: 'text',
				value: value === undefined || value === null ? undefined : String(value),
				inputType: textInputType(q.inputType),
				maxLength: maxLengthOf(q),
				placeholder: q.placeholder || undefined
			};
		case 'comment':
			return {
				...base,
				type: 'comment',
				value: typeof value === 'string' ? value : undefined,
				maxLength: maxLengthOf(q),
				rows: typeof q.rows === 'number' && q.rows > 0 ? q.rows : 4,
				placeholder: q.placeholder || undefined
			};
		case 'matrix':
			return {
				...base,
				type: 'matrix',
				value:
					value && typeof value === 'object' && !Array.isArray(value)
						? (value as Record<string, string | number>)
						: {},
				rows: q.visibleRows.map((r) => ({
					value: r.item.value as string | number,
					label: r.item.text
				})),
				columns: items(q.visibleColumns)
			};
		case 'multipletext': {
			const v = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
			return {
				...base,
				type: 'multipletext',
				value: Object.fromEntries(
					Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)])
				),
				items: q.items.map((i) => ({
					name: i.name,
					label: i.title,
					inputType: textInputType(i.inputType),
					maxLength: itemMax(i),
					isRequired: !!i.isRequired,
					placeholder: i.placeholder || undefined
				}))
			};
		}
		case 'ranking':
			return {
				...base,
				type: 'ranking',
				places: rankingPlaces(value),
				choices: items(q.visibleChoices)
			};
		case 'matrixdropdown': {
			const cols = cellOptions(q);
			return {
				...base,
				type: 'matrixdropdown',
				value:
					value && typeof value === 'object' && !Array.isArray(value)
						? (value as Record<string, Record<string, string | number>>)
						: {},
				rows: q.visibleRows.map((r) => ({
					value: r.item.value as string | number,
					label: r.item.text
				})),
				columns: q.visibleColumns.map((c) => ({
					name: c.name,
					label: c.locTitle.renderedHtml,
					isRequired: !!c.isRequired,
					options: items(cols.get(c.name) ?? [])
				}))
			};
		}
		case 'panel': {
			const inner = (q.elements ?? []).filter((e) => e.isVisible);
			return {
				...base,
				type: 'panel',
				questions: inner.map((e) => questionView(def, e, data, errors))
			};
		}
		case 'html':
			return { ...base, type: 'html', html: sanitiseHtml(q.processedHtml ?? '') };
		case 'expression': {
			const shown = q.displayValue;
			return {
				...base,
				type: 'expression',
				text: shown === undefined || shown === null ? '' : String(shown)
			};
		}
	}
	throw new Error(
		`Survey "${def.fileName}": question "${q.name}" has type "${q.getType()}", which Rida cannot render`
	);
}

function clampIndex(i: number | undefined, count: number): number {
	const n = Number.isInteger(i) ? (i as number) : 0;
	return Math.min(Math.max(n, 0), Math.max(count - 1, 0));
}

function buildView(
	def: SurveyDefinition,
	m: SurveyModel,
	locale: SurveyLocale,
	data: Answers,
	pageIndex: number | undefined,
	errors: Record<string, string>
): PageView {
	const pages = visiblePagesOf(m);
	const pageCount = pages.length;
	const index = clampIndex(pageIndex, pageCount);
	const page = pages[index];
	// Page elements in order, a panel carrying its own questions.
	const questions = page
		? page.elements.filter((e) => e.isVisible).map((q) => questionView(def, q, data, errors))
		: [];
	return {
		pageIndex: index,
		pageName: page?.name ?? '',
		pageCount,
		progress: pageCount === 0 ? 100 : Math.round(((index + 1) / pageCount) * 100),
		isFirst: index === 0,
		isLast: index >= pageCount - 1,
		surveyTitle:
			(m as unknown as { locTitle: { renderedHtml: string } }).locTitle.renderedHtml ||
			def.name[locale],
		title: page?.locTitle.renderedHtml ?? '',
		description: page?.locDescription.renderedHtml || undefined,
		locale,
		dir: locale === 'ar' ? 'rtl' : 'ltr',
		questions
	};
}

export interface RenderOptions {
	locale: SurveyLocale;
	data: Answers;
	pageIndex?: number;
	errors?: Record<string, string>;
}

/** The view model of one visible page (pageIndex counts visible pages; out of range is clamped). */
export function renderPage(def: SurveyDefinition, opts: RenderOptions): PageView {
	return withModel(def, opts.locale, (m) => {
		const data = prune(m, opts.data);
		// Errors come back with the typed answers (possibly invalid text): show those values.
		const shown = opts.errors && Object.keys(opts.errors).length ? { ...opts.data } : data;
		return buildView(def, m, opts.locale, shown, opts.pageIndex, opts.errors ?? {});
	});
}

export interface SubmitOptions {
	locale: SurveyLocale;
	data: Answers;
	pageIndex: number;
	form: FormLike;
	/**
	 * Keep the page's answers that pass their checks and stay on it, never blocking (a switch
	 * of language in the middle of a page: nothing chosen is lost, nothing unchecked stored).
	 */
	stay?: boolean;
}

/** Reads the page's fields into a copy of data; returns the merged answers and parse errors. */
function readPage(m: SurveyModel, page: Page, data: Answers, form: FormLike, t: SurveyUi) {
	const merged: Answers = { ...data };
	const errors: Record<string, string> = {};
	for (const q of pageQuestions(page)) {
		if (!inputTypes.has(q.getType())) continue;
		// enableIf false: the input was disabled and posts nothing; keep the stored answer.
		if (q.isReadOnly) continue;
		const p = parseField(q, form, t);
		if (p.value === undefined) delete merged[q.name];
		else merged[q.name] = p.value;
		if (hasOtherText(q)) {
			if (p.other) merged[q.name + otherSuffix] = p.other;
			else delete merged[q.name + otherSuffix];
		}
		if (p.error) errors[q.name] = p.error;
	}
	return { merged, errors };
}

function pageIndexOf(m: SurveyModel, name: string): number {
	return visiblePagesOf(m).findIndex((p) => p.name === name);
}

/** Errors of all visible questions on the given pages, checked against m.data = data. */
function checkPages(pages: Page[], data: Answers, t: SurveyUi, skip: Record<string, string> = {}) {
	const errors: Record<string, string> = {};
	for (const page of pages)
		for (const q of visibleQuestions(page)) {
			if (skip[q.name]) continue;
			const e = checkValue(q, data[q.name], data, t) ?? coreValidatorError(q);
			if (e) errors[q.name] = e;
		}
	return errors;
}

/**
 * Handles a page post. Field names: question name; checkbox and tagbox: repeated name; matrix:
 * "<name>.<rowValue>"; matrixdropdown: "<name>.<row>.<column>"; multipletext "<name>.<item>";
 * ranking: "<name>.<choice>" = place 1…n; other text: "<name>-Comment"; plus "nav"
 * (next|back) and "_shown" (space-separated names of the questions the form showed).
 */
export function submitPage(def: SurveyDefinition, opts: SubmitOptions): SubmitResult {
	const t = ui(opts.locale);
	return withModel(def, opts.locale, (m): SubmitResult => {
		const before = prune(m, opts.data);
		const pagesBefore = visiblePagesOf(m);
		const index = clampIndex(opts.pageIndex, pagesBefore.length);
		const page = pagesBefore[index];
		if (!page) return { ok: true, done: true, data: before };
		const allPages = pagesOf(m);
		const pagePosition = allPages.findIndex((p) => p.name === page.name);
		const shownField = opts.form.get('_shown');
		const shown = new Set(
			typeof shownField === 'string'
				? shownField.split(/\s+/).filter(Boolean)
				: visibleQuestions(page).map((q) => q.name)
		);
		const back = str(opts.form.get('nav')) === 'back';

		const { merged, errors: parseErrors } = readPage(m, page, before, opts.form, t);
		const typed = { ...merged };
		const data = prune(m, merged); // m.data = data from here on
		const visibleNow = visibleQuestions(page);
		const visibleNames = new Set(visibleNow.map((q) => q.name));
		const errors: Record<string, string> = {};
		for (const [k, v] of Object.entries(parseErrors)) if (visibleNames.has(k)) errors[k] = v;
		Object.assign(errors, checkPages([page], data, t, errors));

		const nowIndex = pageIndexOf(m, page.name);
		if (back || opts.stay) {
			// Going back (or staying) never blocks; answers that failed a check are not kept.
			const kept = { ...data };
			for (const k of Object.keys(errors)) {
				if (isEmpty(data[k])) continue;
				delete kept[k];
				delete kept[k + otherSuffix];
			}
			const here = nowIndex >= 0 ? nowIndex : index;
			const target = opts.stay
				? here
				: nowIndex >= 0
					? nowIndex - 1
					: lastVisibleBefore(m, allPages, pagePosition);
			return { ok: true, done: false, data: prune(m, kept), nextPageIndex: Math.max(target, 0) };
		}

		// A question this post made visible (e.g. "what went wrong?" after a low rating) was
		// never seen: show the page again with it, not with a "required" error against it.
		const revealed = visibleNow
			.filter((q) => inputTypes.has(q.getType()) && !shown.has(q.name) && isEmpty(data[q.name]))
			.map((q) => q.name);
		for (const name of revealed) delete errors[name];

		if (Object.keys(errors).length) {
			const keep: Answers = { ...data };
			// Typed text comes back so nothing written is lost; values no input can show
			// (a 9 on a 1–5 scale, an unknown choice) do not.
			for (const k of Object.keys(errors)) {
				// A group of inputs (multipletext fields, ranking places) comes back as typed.
				const group = ['multipletext', 'ranking'].includes(m.getQuestionByName(k)?.getType());
				if (typeof typed[k] === 'string' || (group && typed[k])) keep[k] = typed[k];
				else if (!isEmpty(keep[k])) delete keep[k];
			}
			return { ok: false, errors, data: keep, pageIndex: nowIndex >= 0 ? nowIndex : index };
		}

		if (revealed.length && nowIndex >= 0)
			return { ok: true, done: false, data, nextPageIndex: nowIndex, revealed };

		const pagesAfter = visiblePagesOf(m);
		const nextIndex = pagesAfter.findIndex(
			(p) => allPages.findIndex((a) => a.name === p.name) > pagePosition
		);
		if (nextIndex >= 0) return { ok: true, done: false, data, nextPageIndex: nextIndex };

		// Last page: the whole survey must pass, whatever pages a crafted post skipped.
		const all = checkPages(pagesAfter, data, t);
		if (Object.keys(all).length) {
			const first = pagesAfter.findIndex((p) => visibleQuestions(p).some((q) => all[q.name]));
			return { ok: false, errors: all, data, pageIndex: Math.max(first, 0) };
		}
		return { ok: true, done: true, data };
	});
}

function lastVisibleBefore(m: SurveyModel, allPages: Page[], position: number): number {
	const visible = visiblePagesOf(m);
	let out = 0;
	visible.forEach((p, i) => {
		if (allPages.findIndex((a) => a.name === p.name) < position) out = i;
	});
	return out;
}

/**
 * For live updates while the user fills a page (the form's onchange): merges what is
 * posted without checking it and returns the page as it should now look. Nothing here is
 * meant to be stored.
 */
export function previewPage(def: SurveyDefinition, opts: SubmitOptions): PageView {
	const t = ui(opts.locale);
	return withModel(def, opts.locale, (m) => {
		const before = prune(m, opts.data);
		const pages = visiblePagesOf(m);
		const page = pages[clampIndex(opts.pageIndex, pages.length)];
		if (!page) return buildView(def, m, opts.locale, before, 0, {});
		const { merged } = readPage(m, page, before, opts.form, t);
		const data = prune(m, merged);
		const index = pageIndexOf(m, page.name);
		return buildView(
			def,
			m,
			opts.locale,
			{ ...merged, ...data },
			index >= 0 ? index : opts.pageIndex,
			{}
		);
	});
}

/** Errors over every visible page (question name → message); {} when the answers can be saved. */
export function validateAll(
	def: SurveyDefinition,
	data: Answers,
	locale: SurveyLocale
): Record<string, string> {
	const t = ui(locale);
	return withModel(def, locale, (m) => {
		const clean = prune(m, data);
		return checkPages(visiblePagesOf(m), clean, t);
	});
}

/** Index of the first visible page holding one of these errors (0 when none does). */
export function firstErrorPage(
	def: SurveyDefinition,
	data: Answers,
	errors: Record<string, string>
): number {
	return withModel(def, 'ar', (m) => {
		prune(m, data);
		const i = visiblePagesOf(m).findIndex((p) => visibleQuestions(p).some((q) => errors[q.name]));
		return Math.max(i, 0);
	});
}

// ---------------------------------------------------------------------------------------
// Scoring: the normalised numbers the indicators aggregate. Reads answers only.

function readPath(data: Answers, path: string): unknown {
	if (path in data) return data[path];
	const dot = path.indexOf('.');
	if (dot < 0) return undefined;
	const parent = data[path.slice(0, dot)];
	return parent && typeof parent === 'object' && !Array.isArray(parent)
		? (parent as Record<string, unknown>)[path.slice(dot + 1)]
		: undefined;
}

function inScale(v: unknown, min: number, max: number): number | null {
	const n = numberOrNull(v);
	return n !== null && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

const yes = new Set(['yes', 'true', '1', 'y', 'نعم']);
const no = new Set(['no', 'false', '0', 'n', 'لا']);

export function score(def: SurveyDefinition, data: Answers): Score {
	const ind = def.indicators;
	const info = (name: string) => def.questions.find((q) => q.name === name);
	const aspects: Record<string, number | null> = {};
	for (const [key, path] of Object.entries(ind.aspects ?? {}))
		aspects[key] = numberOrNull(readPath(data, path));

	let withinTwoWeeks: boolean | null = null;
	if (ind.withinTwoWeeks) {
		const v = data[ind.withinTwoWeeks];
		const q = info(ind.withinTwoWeeks);
		const vt = q?.raw.valueTrue;
		const vf = q?.raw.valueFalse;
		if (v === true || (vt !== undefined && v === vt)) withinTwoWeeks = true;
		else if (v === false || (vf !== undefined && v === vf)) withinTwoWeeks = false;
		else if (typeof v === 'string' || typeof v === 'number') {
			const s = String(v).trim().toLowerCase();
			withinTwoWeeks = yes.has(s) ? true : no.has(s) ? false : null;
		}
	}

	const rawChannel = ind.channel ? data[ind.channel] : undefined;
	const dimensions: { key: string; value: string }[] = [];
	const push = (key: string, v: unknown) => {
		for (const x of Array.isArray(v) ? v : [v])
			if ((typeof x === 'string' || typeof x === 'number') && String(x) !== '')
				if (!dimensions.some((d) => d.key === key && d.value === String(x)))
					dimensions.push({ key, value: String(x) });
	};
	for (const q of ind.dimensions ?? []) push(q, data[q]);
	// A checkbox channel question: each ticked channel counts; the column keeps the first.
	if (Array.isArray(rawChannel)) push('channel', rawChannel);
	const channelValue = Array.isArray(rawChannel) ? rawChannel[0] : rawChannel;
	const commentValue = ind.comment ? data[ind.comment] : undefined;

	const numeric: { question: string; value: number }[] = [];
	for (const q of def.questions) {
		const v = data[q.name];
		if (q.type === 'rating' || (q.type === 'text' && q.raw.inputType === 'number')) {
			const n = numberOrNull(v);
			if (n !== null) numeric.push({ question: q.name, value: n });
		} else if (q.type === 'matrix' && v && typeof v === 'object' && !Array.isArray(v)) {
			for (const [row, col] of Object.entries(v as Record<string, unknown>)) {
				const n = numberOrNull(col);
				if (n !== null) numeric.push({ question: `${q.name}.${row}`, value: n });
			}
		} else if (q.type === 'matrixdropdown' && v && typeof v === 'object' && !Array.isArray(v)) {
			for (const [row, cells] of Object.entries(v as Record<string, unknown>))
				for (const [col, x] of Object.entries((cells ?? {}) as Record<string, unknown>)) {
					const n = typeof x === 'number' ? x : null;
					if (n !== null) numeric.push({ question: `${q.name}.${row}.${col}`, value: n });
				}
		}
	}

	return {
		csat: ind.csat ? inScale(data[ind.csat], 1, 5) : null,
		nps: ind.nps ? inScale(data[ind.nps], 0, 10) : null,
		aspects,
		channel:
			typeof channelValue === 'string' || typeof channelValue === 'number'
				? String(channelValue)
				: null,
		withinTwoWeeks,
		comment:
			typeof commentValue === 'string' && commentValue.trim() !== '' ? commentValue.trim() : null,
		numeric,
		dimensions
	};
}
