// Survey definitions: surveys/*.json = { id, name, indicators, survey (SurveyJS JSON) }.
// Everything a definition can get wrong is caught here, at start-up, with the file and
// question named, so a bad file never reaches a beneficiary.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Model, type Question, type SurveyModel } from './core';

export const supportedTypes = [
	'rating',
	'radiogroup',
	'checkbox',
	'dropdown',
	'boolean',
	'text',
	'comment',
	'matrix',
	'matrixdropdown',
	'multipletext',
	'ranking',
	'tagbox',
	'panel',
	'html',
	'expression'
] as const;
export type SupportedType = (typeof supportedTypes)[number];

/** Form field names the survey form itself uses; no question may take them. */
export const reservedFieldNames = ['nav', 'pageIndex', '_shown'] as const;

export interface Indicators {
	csat?: string;
	nps?: string;
	/** aspect key → question name, or "matrixName.rowValue" */
	aspects?: Record<string, string>;
	channel?: string;
	withinTwoWeeks?: string;
	comment?: string;
	/** Choice questions whose answers become reporting dimensions (response_dimension). */
	dimensions?: string[];
}

const aspectKey = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

export interface QuestionInfo {
	name: string;
	type: SupportedType;
	pageName: string;
	/** The element's JSON as written in the file. */
	raw: Record<string, unknown>;
}

export interface SurveyDefinition {
	id: string;
	fileName: string;
	name: { ar: string; en: string };
	/** The language of the "default" strings (declared in the file; Arabic when not). */
	locale: 'ar' | 'en';
	indicators: Indicators;
	/** The SurveyJS JSON exactly as in the file. */
	survey: Record<string, unknown>;
	/** The same JSON with localised strings rewritten for survey-core ({ar, en}); see localiseJson. */
	modelJson: Record<string, unknown>;
	/** sha256 of the canonical definition: responses record it so a changed file is a new version. */
	hash: string;
	/** Every question in page order. */
	questions: QuestionInfo[];
}

const ref = z.string().trim().min(1);
const indicatorsSchema = z
	.object({
		csat: ref.optional(),
		nps: ref.optional(),
		aspects: z.union([z.record(z.string().min(1), ref), z.array(ref)]).optional(),
		channel: ref.optional(),
		withinTwoWeeks: ref.optional(),
		comment: ref.optional(),
		dimensions: z.array(ref).optional()
	})
	.strict();

const fileSchema = z
	.object({
		$schema: z.string().optional(),
		id: z
			.string()
			.regex(/^[a-z0-9][a-z0-9_-]*$/, 'id must be lower-case letters, digits, "-" or "_"'),
		name: z.union([
			z.string().min(1),
			z.object({ ar: z.string().min(1), en: z.string().min(1).optional() }).strict()
		]),
		description: z.unknown().optional(),
		/** The language of the survey's "default" strings (Arabic unless said otherwise). */
		locale: z.enum(['ar', 'en']).optional(),
		indicators: indicatorsSchema,
		survey: z.record(z.string(), z.unknown())
	})
	.strict();

/**
 * Why a definition was refused: `code` and `params` let the studio say it in the user's
 * language (messages `studio.err.<code>`), `question` names the question at fault.
 */
export class DefinitionError extends Error {
	constructor(
		message: string,
		readonly code: string,
		readonly params: Record<string, string> = {}
	) {
		super(message);
	}
	get question(): string | undefined {
		return this.params.question;
	}
}

function fail(
	fileName: string,
	message: string,
	code = 'invalid',
	params: Record<string, string> = {}
): never {
	throw new DefinitionError(`Survey "${fileName}": ${message}`, code, {
		detail: message,
		...params
	});
}

const localeKey = /^(default|[a-z]{2}(-[a-zA-Z]{2,4})?)$/;

/**
 * Files write localised text the SurveyJS way, {"default": Arabic, "en": English}. survey-core's
 * own default locale is English, so with locale "en" it would read "default" (Arabic). Rewrite
 * every such object to {ar, en}, English falling back to the Arabic text rather than the
 * question name when a translation is missing.
 */
export function localiseJson(value: unknown, source: 'ar' | 'en' = 'ar'): unknown {
	if (Array.isArray(value)) return value.map((v) => localiseJson(v, source));
	if (value === null || typeof value !== 'object') return value;
	const obj = value as Record<string, unknown>;
	const keys = Object.keys(obj);
	const isLocalised =
		keys.length > 0 &&
		(typeof obj.default === 'string' || typeof obj.ar === 'string') &&
		keys.every((k) => localeKey.test(k) && typeof obj[k] === 'string');
	if (isLocalised) {
		const { default: def, ...rest } = obj as Record<string, string>;
		if (source === 'en') {
			// English in "default": each language falls back on the other, nothing is dropped.
			const enText = rest.en ?? def ?? rest.ar;
			return { ...rest, en: enText, ar: rest.ar ?? enText };
		}
		const arText = rest.ar ?? def;
		return { ...rest, ar: arText, en: rest.en ?? arText };
	}
	const out: Record<string, unknown> = {};
	for (const k of keys) out[k] = localiseJson(obj[k], source);
	return out;
}

interface RawElement {
	type: string;
	name: string;
}

/** Walks pages → elements of the raw JSON, checking types and names before survey-core sees them. */
function walkElements(fileName: string, survey: Record<string, unknown>): QuestionInfo[] {
	const pages: unknown[] = Array.isArray(survey.pages)
		? survey.pages
		: Array.isArray(survey.elements)
			? [{ name: 'page1', elements: survey.elements }]
			: [];
	if (pages.length === 0) fail(fileName, 'the survey has no pages', 'noPages');
	const seen = new Set<string>();
	const out: QuestionInfo[] = [];
	pages.forEach((page, p) => {
		if (!page || typeof page !== 'object')
			fail(fileName, `page ${p + 1} is not an object`, 'badPage', { page: String(p + 1) });
		const pg = page as Record<string, unknown>;
		const pageName = typeof pg.name === 'string' ? pg.name : `page${p + 1}`;
		const elements = pg.elements ?? pg.questions ?? [];
		if (!Array.isArray(elements))
			fail(fileName, `page "${pageName}" has no elements array`, 'badPage', { page: pageName });
		const visit = (list: unknown[], where: string) =>
			list.forEach((el, i) => {
				const e = (el ?? {}) as Partial<RawElement> & { elements?: unknown };
				const name = typeof e.name === 'string' ? e.name : '';
				const label = name || `#${i + 1} on page "${where}"`;
				if (typeof e.type !== 'string')
					fail(fileName, `question "${label}" has no type`, 'noType', { question: label });
				if (!(supportedTypes as readonly string[]).includes(e.type))
					fail(
						fileName,
						`question "${label}" has type "${e.type}", which Rida cannot render`,
						'unsupportedType',
						{ question: label, type: e.type }
					);
				if (!name) fail(fileName, `question ${label} has no name`, 'noName', { question: label });
				if (seen.has(name))
					fail(fileName, `question "${name}" is defined twice`, 'duplicate', { question: name });
				if ((reservedFieldNames as readonly string[]).includes(name) || name.startsWith('_'))
					fail(fileName, `question "${name}" uses a name reserved for the form`, 'reservedName', {
						question: name
					});
				if (name.includes('.') || name.endsWith('-Comment'))
					fail(
						fileName,
						`question "${name}": names may not contain "." nor end in "-Comment"`,
						'badName',
						{ question: name }
					);
				seen.add(name);
				// A panel groups questions on its page; the questions inside are the ones answered.
				if (e.type === 'panel') {
					visit(Array.isArray(e.elements) ? e.elements : [], name);
					return;
				}
				out.push({
					name,
					type: e.type as SupportedType,
					pageName,
					raw: e as Record<string, unknown>
				});
			});
		visit(elements, pageName);
	});
	return out;
}

function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (value === null || typeof value !== 'object') return value;
	const obj = value as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const k of Object.keys(obj).sort()) if (obj[k] !== undefined) out[k] = canonical(obj[k]);
	return out;
}

/** sha256 (hex) of the definition's content with keys sorted, so formatting changes do not count. */
export function contentHash(
	def: Pick<SurveyDefinition, 'id' | 'name' | 'indicators' | 'survey'> & { locale?: 'ar' | 'en' }
): string {
	// `locale` counts only when written, so files that never declared it keep their hashes.
	const body = {
		id: def.id,
		name: def.name,
		indicators: def.indicators,
		survey: def.survey,
		...(def.locale ? { locale: def.locale } : {})
	};
	return createHash('sha256')
		.update(JSON.stringify(canonical(body)))
		.digest('hex');
}

/** Numeric values of a rating scale as survey-core computes them (rateValues, or min/max/step). */
export function ratingValues(q: Question): number[] {
	return (q as unknown as { visibleRateValues: { value: unknown }[] }).visibleRateValues.map((v) =>
		Number(v.value)
	);
}

const cellTypes = ['dropdown', 'rating', 'radiogroup'];

/** matrixdropdown cells are drawn as selects: rating (numeric) or choice cells only. */
function checkCells(fileName: string, name: string, q: Question): void {
	const row = (q as unknown as { visibleRows: { cells: CellInfo[] }[] }).visibleRows[0];
	for (const cell of row?.cells ?? []) {
		const type = cell.question.getType();
		if (!cellTypes.includes(type))
			fail(
				fileName,
				`question "${name}": column "${cell.column.name}" has cells of type "${type}"; use rating or dropdown`,
				'cellType',
				{ question: name, type }
			);
		if (type === 'rating' && ratingValues(cell.question).some((v) => !Number.isFinite(v)))
			fail(fileName, `question "${name}": rating values must be numbers`, 'ratingValues', {
				question: name
			});
	}
}
interface CellInfo {
	column: { name: string };
	question: Question;
}

function sameList(a: number[], b: number[]): boolean {
	return a.length === b.length && a.every((v, i) => v === b[i]);
}

function checkIndicators(fileName: string, model: SurveyModel, ind: Indicators): void {
	const describe = (key: string, path: string) => `indicator "${key}" points to question "${path}"`;
	const find = (key: string, path: string): Question => {
		const q = model.getQuestionByName(path);
		if (!q)
			fail(fileName, `${describe(key, path)}, which does not exist`, 'mapMissing', {
				question: path,
				indicator: key
			});
		return q;
	};
	const need = (key: string, path: string, types: string[], what: string): Question => {
		const q = find(key, path);
		const type = q.getType();
		if (!types.includes(type))
			fail(
				fileName,
				`${describe(key, path)}, which is a ${type} question; ${key} needs ${what}`,
				'mapType',
				{ question: path, indicator: key, type, need: types.join(', ') }
			);
		return q;
	};
	const scale = (key: string, path: string, values: number[]) => {
		const q = need(
			key,
			path,
			['rating'],
			`a rating from ${values[0]} to ${values[values.length - 1]}`
		);
		const actual = ratingValues(q);
		if (!sameList(actual, values))
			fail(
				fileName,
				`${describe(key, path)}, whose scale is ${actual.join(',')}; ${key} needs ${values.join(',')}`,
				'mapScale',
				{ question: path, indicator: key, scale: actual.join(','), need: values.join(',') }
			);
	};
	if (ind.csat) scale('csat', ind.csat, [1, 2, 3, 4, 5]);
	if (ind.nps) scale('nps', ind.nps, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	for (const [aspect, path] of Object.entries(ind.aspects ?? {})) {
		const key = `aspects.${aspect}`;
		if (!aspectKey.test(aspect))
			fail(fileName, `aspect "${aspect}": use letters, digits and "_" only`, 'aspectKey', {
				question: path,
				aspect
			});
		const direct = model.getQuestionByName(path);
		if (direct) {
			if (direct.getType() !== 'rating')
				fail(
					fileName,
					`${describe(key, path)}, which is a ${direct.getType()} question; aspects need a rating or a matrix row`,
					'mapType',
					{ question: path, indicator: key, type: direct.getType(), need: 'rating, matrix' }
				);
			continue;
		}
		const dot = path.indexOf('.');
		if (dot < 0)
			fail(fileName, `${describe(key, path)}, which does not exist`, 'mapMissing', {
				question: path,
				indicator: key
			});
		const matrixName = path.slice(0, dot);
		const row = path.slice(dot + 1);
		const m = model.getQuestionByName(matrixName);
		if (!m)
			fail(
				fileName,
				`${describe(key, path)}, which does not exist (no question "${matrixName}")`,
				'mapMissing',
				{ question: matrixName, indicator: key }
			);
		if (m.getType() !== 'matrix')
			fail(
				fileName,
				`${describe(key, path)}, but "${matrixName}" is a ${m.getType()} question, not a matrix`,
				'mapType',
				{ question: matrixName, indicator: key, type: m.getType(), need: 'matrix' }
			);
		const rows = (m as unknown as { rows: { value: unknown }[] }).rows.map((r) => String(r.value));
		if (!rows.includes(row))
			fail(
				fileName,
				`${describe(key, path)}, but matrix "${matrixName}" has no row "${row}"`,
				'mapNoRow',
				{ question: matrixName, indicator: key, row }
			);
		const cols = (m as unknown as { columns: { value: unknown }[] }).columns;
		if (cols.some((c) => !Number.isFinite(Number(c.value))))
			fail(
				fileName,
				`${describe(key, path)}, but matrix "${matrixName}" has non-numeric columns`,
				'mapColumns',
				{ question: matrixName, indicator: key }
			);
	}
	if (ind.channel)
		need(
			'channel',
			ind.channel,
			['radiogroup', 'dropdown', 'checkbox'],
			'a radiogroup, dropdown or checkbox'
		);
	if (ind.withinTwoWeeks)
		need(
			'withinTwoWeeks',
			ind.withinTwoWeeks,
			['boolean', 'radiogroup', 'dropdown'],
			'a boolean or yes/no choice'
		);
	if (ind.comment) need('comment', ind.comment, ['comment', 'text'], 'a text or comment question');
	for (const d of ind.dimensions ?? [])
		need('dimensions', d, ['radiogroup', 'dropdown', 'checkbox', 'tagbox'], 'a choice question');
}

export interface ParseOptions {
	/** A studio draft: no indicator needs to be mapped yet. */
	draft?: boolean;
}

export function parseDefinition(
	json: unknown,
	fileName: string,
	opts: ParseOptions = {}
): SurveyDefinition {
	const parsed = fileSchema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
		fail(fileName, `${where}${issue?.message ?? 'invalid definition'}`);
	}
	const file = parsed.data;
	const rawAspects = file.indicators.aspects;
	const indicators: Indicators = {
		...file.indicators,
		aspects: Array.isArray(rawAspects)
			? Object.fromEntries(rawAspects.map((p) => [p, p]))
			: rawAspects
	};
	if (!indicators.aspects) delete indicators.aspects;
	const hasIndicator = Object.entries(indicators).some(([k, v]) =>
		k === 'aspects' ? Object.keys(v as object).length > 0 : !!v
	);

	const questions = walkElements(fileName, file.survey);
	const locale = file.locale ?? 'ar';
	const modelJson = localiseJson(file.survey, locale) as Record<string, unknown>;
	let model: SurveyModel;
	try {
		model = new Model(modelJson);
	} catch (e) {
		fail(fileName, `SurveyJS could not read the survey: ${(e as Error).message}`, 'surveyjs');
	}
	const jsonError = model.jsonErrors?.[0] as
		{ message?: string; element?: { name?: string } } | undefined;
	if (jsonError) {
		const who = jsonError.element?.name ? `question "${jsonError.element.name}": ` : '';
		fail(fileName, `${who}${jsonError.message ?? 'invalid SurveyJS JSON'}`, 'surveyjs', {
			...(jsonError.element?.name ? { question: jsonError.element.name } : {})
		});
	}
	for (const q of questions) {
		const mq = model.getQuestionByName(q.name);
		if (!mq)
			fail(fileName, `question "${q.name}" was not understood by SurveyJS`, 'surveyjs', {
				question: q.name
			});
		if (q.type === 'rating' && ratingValues(mq).some((v) => !Number.isFinite(v)))
			fail(fileName, `question "${q.name}": rating values must be numbers`, 'ratingValues', {
				question: q.name
			});
		if (q.type === 'matrixdropdown') checkCells(fileName, q.name, mq);
	}
	// Questions first: what is wrong in the survey itself matters before what is not mapped.
	if (!hasIndicator && !opts.draft)
		fail(fileName, 'indicators must name at least one question', 'noIndicator');
	checkIndicators(fileName, model, indicators);

	const name =
		typeof file.name === 'string'
			? { ar: file.name, en: file.name }
			: { ar: file.name.ar, en: file.name.en ?? file.name.ar };
	const base = {
		id: file.id,
		name,
		indicators,
		survey: file.survey,
		...(file.locale ? { locale: file.locale } : {})
	};
	return { ...base, locale, fileName, modelJson, questions, hash: contentHash(base) };
}

/** Reads and checks every *.json in dir (sorted by name); throws on the first bad file. */
export function loadDefinitions(dir: string): SurveyDefinition[] {
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort();
	const out: SurveyDefinition[] = [];
	const ids = new Map<string, string>();
	for (const f of files) {
		let json: unknown;
		try {
			json = JSON.parse(readFileSync(join(dir, f), 'utf8'));
		} catch (e) {
			fail(f, `not valid JSON: ${(e as Error).message}`);
		}
		const def = parseDefinition(json, f);
		const other = ids.get(def.id);
		if (other) fail(f, `id "${def.id}" is already used by "${other}"`);
		ids.set(def.id, f);
		out.push(def);
	}
	return out;
}
