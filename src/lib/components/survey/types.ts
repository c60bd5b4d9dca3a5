import { type Locale } from '$lib/i18n/locales';
// View model of one survey page, built on the server (src/lib/server/surveys/engine.ts)
// and rendered by the components in this folder. Plain data only: it crosses the
// server/browser boundary as JSON, so no functions, Maps or class instances.
// The server imports these types with `import type`, never the other way round.

export type SurveyLocale = Locale;

export interface OptionView {
	/** Stored value (number for rating scales and numeric columns). Compare with String(). */
	value: string | number;
	label: string;
}

interface QuestionBase {
	name: string;
	/** Unique, HTML-safe id prefix for this question's inputs. */
	inputId: string;
	title: string;
	description?: string;
	isRequired: boolean;
	/** enableIf evaluated to false: shown but not editable (and not read on submit). */
	readOnly: boolean;
	/** Translated error message, or undefined. */
	error?: string;
}

export interface RatingView extends QuestionBase {
	type: 'rating';
	value: number | undefined;
	min: number;
	max: number;
	step: number;
	display: 'numbers' | 'stars' | 'smileys';
	minLabel?: string;
	maxLabel?: string;
	/** value = the number stored; label = its text (the number itself when the scale has no item texts). */
	items: { value: number; label: string }[];
}

export interface ChoiceView extends QuestionBase {
	type: 'radiogroup' | 'dropdown';
	value: string | number | undefined;
	choices: OptionView[];
	/** When true the last choice (value "other") is followed by a text field named `<name>-Comment`. */
	hasOther: boolean;
	hasNone: boolean;
	otherLabel?: string;
	otherText?: string;
	/** Dropdown only: text of the empty first option. */
	placeholder?: string;
}

export interface CheckboxView extends QuestionBase {
	type: 'checkbox';
	value: (string | number)[];
	choices: OptionView[];
	hasOther: boolean;
	hasNone: boolean;
	otherLabel?: string;
	otherText?: string;
}

export interface BooleanView extends QuestionBase {
	type: 'boolean';
	value: boolean | undefined;
	labelTrue: string;
	labelFalse: string;
}

export type TextInputType = 'text' | 'number' | 'email' | 'tel' | 'url' | 'date';

export interface TextView extends QuestionBase {
	type: 'text';
	value: string | undefined;
	inputType: TextInputType;
	maxLength: number;
	placeholder?: string;
}

export interface CommentView extends QuestionBase {
	type: 'comment';
	value: string | undefined;
	maxLength: number;
	rows: number;
	placeholder?: string;
}

export interface MatrixView extends QuestionBase {
	type: 'matrix';
	/** row value → column value */
	value: Record<string, string | number>;
	rows: OptionView[];
	columns: OptionView[];
}

/** Fields "<name>.<item>", one input each; the answer is {item: value}. */
export interface MultipleTextView extends QuestionBase {
	type: 'multipletext';
	value: Record<string, string | number>;
	items: {
		name: string;
		label: string;
		inputType: TextInputType;
		maxLength: number;
		isRequired: boolean;
		placeholder?: string;
	}[];
}

/** Without JavaScript a place (1…n) per choice, fields "<name>.<choice>"; the answer is the ordered list. */
export interface RankingView extends QuestionBase {
	type: 'ranking';
	/** Choice value → its place (1…n): the stored order, or the places chosen before an error. */
	places: Record<string, number>;
	choices: OptionView[];
}

/** Rows of select cells (rating or dropdown), fields "<name>.<row>.<column>"; answer {row: {column: value}}. */
export interface MatrixDropdownView extends QuestionBase {
	type: 'matrixdropdown';
	value: Record<string, Record<string, string | number>>;
	rows: OptionView[];
	columns: { name: string; label: string; isRequired: boolean; options: OptionView[] }[];
}

/** A group of questions under a title; its questions are answered as if on the page. */
export interface PanelView extends QuestionBase {
	type: 'panel';
	questions: QuestionView[];
}

export interface HtmlView extends QuestionBase {
	type: 'html';
	/** From the definition file (trusted), with scripts and event handlers stripped. */
	html: string;
}

export interface ExpressionView extends QuestionBase {
	type: 'expression';
	text: string;
}

export type QuestionView =
	| RatingView
	| ChoiceView
	| CheckboxView
	| BooleanView
	| TextView
	| CommentView
	| MatrixView
	| MultipleTextView
	| RankingView
	| MatrixDropdownView
	| PanelView
	| HtmlView
	| ExpressionView;

export interface PageView {
	/** Index among the VISIBLE pages (what the form posts back as `pageIndex`). */
	pageIndex: number;
	pageName: string;
	pageCount: number;
	/** 0–100: share of pages reached, this one included. */
	progress: number;
	isFirst: boolean;
	isLast: boolean;
	surveyTitle: string;
	title: string;
	description?: string;
	locale: SurveyLocale;
	dir: 'rtl' | 'ltr';
	questions: QuestionView[];
}

/**
 * UI strings the form draws; filled by formUi(locale) on the server. Templates use {name}
 * placeholders. Only these go to the browser (the error messages come in each QuestionView).
 */
export interface FormUi {
	next: string;
	back: string;
	submit: string;
	/** "Page {current} of {total}" */
	pageOf: string;
	progressLabel: string;
	/** Screen-reader text of the required marker. */
	required: string;
	optional: string;
	errorSummary: string;
	otherPlaceholder: string;
	/** "{max}" characters at most (hint under text areas). */
	maxLengthHint: string;
}

/** The form's strings and the server's messages; filled by ui(locale). */
export interface SurveyUi extends FormUi {
	requiredError: string;
	/** "Choose a value between {min} and {max}" */
	rangeError: string;
	integerError: string;
	numberError: string;
	choiceError: string;
	/** "{max}" */
	maxLengthError: string;
	otherError: string;
	/** "{min}" */
	minSelectError: string;
	/** "{max}" */
	maxSelectError: string;
	emailError: string;
	/** "{max}": each place 1…max once. */
	rankingError: string;
	dateError: string;
	telError: string;
}
