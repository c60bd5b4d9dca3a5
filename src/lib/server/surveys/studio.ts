import { asLocale } from '$lib/i18n/locales';
/**
 * The survey studio: surveys the association writes, imports and publishes. A survey's draft
 * is a definition in the surveys/*.json format ({id, name, locale, indicators, survey});
 * publishing checks it strictly, fills the choices and wording that follow the settings
 * (channels, the SLA promise), and stores an immutable survey_version that new invitations
 * use from then on — no restart. Nothing here throws on a bad survey: it says why.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { catalogs } from '../../i18n/catalog';
import type { Locale } from '../../i18n/locales';
import * as audit from '../audit';
import { getDb } from '../db';
import { survey } from '../db/schema';
import { listChannels } from '../requests';
import * as settings from '../settings';
import * as aspects from './aspects';
import { DefinitionError, parseDefinition, type SurveyDefinition } from './definition';
import { storeVersion } from './versions';

export type Actor = { id: number | null; ip?: string | null };
export type Status = 'draft' | 'published' | 'archived';

export type SurveyListRow = {
	id: string;
	nameAr: string;
	nameEn: string;
	status: Status;
	origin: 'file' | 'studio';
	updatedAt: Date;
	publishedVersionId: number | null;
	/** The draft differs from what respondents get. */
	unpublished: boolean;
	programs: number;
};

/** A problem that keeps a draft from being published, to be said in the user's language. */
export type Problem = { code: string; params: Record<string, string>; message: string };

export type Draft = {
	id: string;
	name: { ar: string; en: string };
	locale?: 'ar' | 'en';
	indicators: Record<string, unknown>;
	survey: Record<string, unknown>;
};

export function list(opts: { archived?: boolean } = {}): SurveyListRow[] {
	const rows = getDb()
		.select({
			id: survey.id,
			nameAr: survey.nameAr,
			nameEn: survey.nameEn,
			status: survey.status,
			origin: survey.origin,
			updatedAt: survey.updatedAt,
			publishedVersionId: survey.publishedVersionId,
			draft: survey.draft,
			published: sql<
				string | null
			>`(select v.hash from survey_version v where v.id = ${survey.publishedVersionId})`,
			programs: sql<number>`(select count(*) from program p where p.survey_id = ${survey.id})`
		})
		.from(survey)
		.orderBy(asc(survey.status), desc(survey.updatedAt), asc(survey.id))
		.all();
	return rows
		.filter((r) => (opts.archived ? r.status === 'archived' : r.status !== 'archived'))
		.map(({ draft, published, ...r }) => ({
			...r,
			unpublished:
				r.status !== 'archived' && hashOf(draft) !== published && rawHashOf(draft) !== published
		}));
}

function hashOf(draftText: string): string | null {
	const c = check(draftText, { draft: true });
	return c.ok ? c.def.hash : null;
}

/** Hash of the draft as written (a seed file's version is stored without the settings applied). */
function rawHashOf(draftText: string): string | null {
	try {
		return parseDefinition(JSON.parse(draftText), 'draft', { draft: true }).hash;
	} catch {
		return null;
	}
}

export function get(id: string) {
	return getDb().select().from(survey).where(eq(survey.id, id)).get();
}

export function draftOf(id: string): Draft | undefined {
	const row = get(id);
	return row ? (JSON.parse(row.draft) as Draft) : undefined;
}

function problemOf(e: unknown): Problem {
	if (e instanceof DefinitionError) return { code: e.code, params: e.params, message: e.message };
	return { code: 'invalid', params: { detail: String(e) }, message: String(e) };
}

/** Parses a draft as it would be published (strict) or as a draft (mapping may be empty). */
export function check(
	draft: string | Draft,
	opts: { draft?: boolean } = {}
): { ok: true; def: SurveyDefinition } | { ok: false; problem: Problem } {
	try {
		const json = typeof draft === 'string' ? JSON.parse(draft) : draft;
		const label = (json as { id?: string })?.id ?? 'draft';
		return { ok: true, def: parseDefinition(withSettings(json), label, opts) };
	} catch (e) {
		if (e instanceof SyntaxError)
			return {
				ok: false,
				problem: { code: 'json', params: { detail: e.message }, message: e.message }
			};
		return { ok: false, problem: problemOf(e) };
	}
}

function uniqueId(base: string): string {
	const clean =
		base
			.toLowerCase()
			.replace(/[^a-z0-9_-]+/g, '-')
			.replace(/^[-_]+|[-_]+$/g, '')
			.slice(0, 50) || 'survey';
	let id = clean;
	for (let i = 2; get(id); i++) id = `${clean}-${i}`;
	return id;
}

function insertDraft(actor: Actor, d: Draft, action: string): string {
	getDb()
		.insert(survey)
		.values({
			id: d.id,
			nameAr: d.name.ar,
			nameEn: d.name.en,
			status: 'draft',
			origin: 'studio',
			edited: true,
			draft: JSON.stringify(d, null, 2)
		})
		.run();
	audit.record({ actorId: actor.id, action, targetType: 'survey', targetId: d.id, ip: actor.ip });
	return d.id;
}

export function create(
	actor: Actor,
	input: { nameAr: string; nameEn: string; locale: 'ar' | 'en' }
): string {
	const id = uniqueId(input.nameEn || 'survey');
	return insertDraft(
		actor,
		{
			id,
			name: { ar: input.nameAr, en: input.nameEn || input.nameAr },
			locale: input.locale,
			indicators: {},
			survey: { pages: [{ name: 'page1', elements: [] }] }
		},
		'survey.create'
	);
}

export function duplicate(actor: Actor, id: string): string | undefined {
	const d = draftOf(id);
	if (!d) return undefined;
	const copy = { ...d, id: uniqueId(`${id}-copy`) };
	return insertDraft(actor, copy, 'survey.duplicate');
}

export function setArchived(actor: Actor, id: string, archived: boolean): boolean {
	const row = get(id);
	if (!row) return false;
	const status: Status = archived ? 'archived' : row.publishedVersionId ? 'published' : 'draft';
	getDb().update(survey).set({ status, updatedAt: new Date() }).where(eq(survey.id, id)).run();
	audit.record({
		actorId: actor.id,
		action: archived ? 'survey.archive' : 'survey.restore',
		targetType: 'survey',
		targetId: id,
		ip: actor.ip
	});
	return true;
}

const hasArabic = (s: string) => /[\u0600-\u06ff]/.test(s);

/** Which language the "default" strings are written in, when a file does not say. */
export function guessLocale(surveyJson: unknown): 'ar' | 'en' {
	let arabic = 0;
	let other = 0;
	const walk = (v: unknown) => {
		if (Array.isArray(v)) return v.forEach(walk);
		if (!v || typeof v !== 'object') return;
		const o = v as Record<string, unknown>;
		if (typeof o.default === 'string') {
			if (hasArabic(o.default)) arabic++;
			else other++;
		}
		for (const k of Object.keys(o)) if (k !== 'default') walk(o[k]);
	};
	walk(surveyJson);
	return other > arabic ? 'en' : 'ar';
}

function textOf(v: unknown, lang: 'ar' | 'en', source: 'ar' | 'en'): string {
	if (typeof v === 'string') return v;
	if (v && typeof v === 'object') {
		const o = v as Record<string, unknown>;
		const s = o[lang] ?? (lang === source ? o.default : undefined) ?? o.default;
		return typeof s === 'string' ? s : '';
	}
	return '';
}

/**
 * Turns an uploaded file into a draft: a Rida definition as is, or a bare SurveyJS JSON
 * (exported by SurveyJS, a LimeSurvey converter or written by hand) wrapped with an id,
 * names from its title and an empty mapping. Refused only when it is not a JSON object.
 */
export function importFile(
	actor: Actor,
	text: string,
	fileName: string
): { ok: true; id: string; problem?: Problem } | { ok: false; problem: Problem } {
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		return {
			ok: false,
			problem: { code: 'json', params: { detail: (e as Error).message }, message: 'not JSON' }
		};
	}
	if (!json || typeof json !== 'object' || Array.isArray(json))
		return { ok: false, problem: { code: 'notSurvey', params: {}, message: 'not a survey' } };
	const o = json as Record<string, unknown>;
	let d: Draft;
	const base = fileName.replace(/\.json$/i, '');
	if (o.survey && typeof o.survey === 'object' && o.indicators) {
		const locale = o.locale === 'en' ? 'en' : o.locale === 'ar' ? 'ar' : guessLocale(o.survey);
		const name =
			typeof o.name === 'string'
				? { ar: o.name, en: o.name }
				: {
						ar: textOf(o.name, 'ar', locale) || base,
						en: textOf(o.name, 'en', locale) || base
					};
		d = {
			id: uniqueId(typeof o.id === 'string' ? o.id : base),
			name,
			locale,
			indicators: (o.indicators as Record<string, unknown>) ?? {},
			survey: o.survey as Record<string, unknown>
		};
	} else if (Array.isArray(o.pages) || Array.isArray(o.elements)) {
		const locale = guessLocale(o);
		const ar = textOf(o.title, 'ar', locale) || base;
		const en = textOf(o.title, 'en', locale) || base;
		d = {
			id: uniqueId(hasArabic(en) ? base : en || base),
			name: { ar, en },
			locale,
			indicators: {},
			survey: o
		};
	} else return { ok: false, problem: { code: 'notSurvey', params: {}, message: 'not a survey' } };
	const id = insertDraft(actor, d, 'survey.import');
	const c = check(d, { draft: true });
	return { ok: true, id, problem: c.ok ? undefined : c.problem };
}

/** The draft as a file (what import reads back). */
export function exportJson(id: string): string | undefined {
	const d = draftOf(id);
	return d ? JSON.stringify(d, null, 2) + '\n' : undefined;
}

/** Saves the draft (any JSON object with a survey); the draft is checked when shown and published. */
export function saveDraft(actor: Actor, id: string, d: Draft): boolean {
	const row = get(id);
	if (!row) return false;
	const draft: Draft = { ...d, id };
	getDb()
		.update(survey)
		.set({
			draft: JSON.stringify(draft, null, 2),
			nameAr: draft.name.ar || row.nameAr,
			nameEn: draft.name.en || draft.name.ar || row.nameEn,
			edited: true,
			updatedAt: new Date()
		})
		.where(eq(survey.id, id))
		.run();
	audit.record({
		actorId: actor.id,
		action: 'survey.save',
		targetType: 'survey',
		targetId: id,
		ip: actor.ip
	});
	return true;
}

// ---------------------------------------------------------------------------------------
// What follows the settings.

/** The promise as the SLA setting words it ("خلال أسبوعين", "within 10 working days"). */
export function promiseText(): { ar: string; en: string } {
	const s = settings.get();
	const n = s.slaDays;
	const working = s.slaMode === 'working';
	if (!working && n === 14) return { ar: 'خلال أسبوعين', en: 'within two weeks' };
	if (!working && n === 7) return { ar: 'خلال أسبوع', en: 'within a week' };
	const arDays = n === 1 ? 'يوم' : n === 2 ? 'يومين' : n <= 10 ? `${n} أيام` : `${n} يومًا`;
	return {
		ar: `خلال ${arDays}${working ? ' عمل' : ''}`,
		en: `within ${n} ${working ? 'working ' : ''}day${n === 1 ? '' : 's'}`
	};
}

function replacePromise(v: unknown, p: { ar: string; en: string }): unknown {
	if (typeof v === 'string') return v.replaceAll('{promise}', p.ar);
	if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
	const o = { ...(v as Record<string, unknown>) };
	for (const k of Object.keys(o))
		if (typeof o[k] === 'string')
			o[k] = (o[k] as string).replaceAll('{promise}', k === 'en' ? p.en : p.ar);
	return o;
}

function mapElements(
	survey: Record<string, unknown>,
	fn: (el: Record<string, unknown>) => Record<string, unknown>
): Record<string, unknown> {
	const walk = (list: unknown): unknown =>
		Array.isArray(list)
			? list.map((el) => {
					if (!el || typeof el !== 'object') return el;
					const e = fn(el as Record<string, unknown>);
					return Array.isArray(e.elements) ? { ...e, elements: walk(e.elements) } : e;
				})
			: list;
	const out = { ...survey };
	if (Array.isArray(out.pages))
		out.pages = out.pages.map((p) =>
			p && typeof p === 'object'
				? { ...(p as object), elements: walk((p as Record<string, unknown>).elements) }
				: p
		);
	if (Array.isArray(out.elements)) out.elements = walk(out.elements);
	return out;
}

/**
 * The channel question's choices are Settings → Channels (active ones, by key); the
 * "{promise}" placeholder in any text becomes the SLA promise. Applied to what is previewed
 * and published, so both stay in step with the settings.
 */
export function withSettings(json: unknown): unknown {
	if (!json || typeof json !== 'object') return json;
	const d = json as Draft;
	if (!d.survey || typeof d.survey !== 'object') return json;
	const channelQ = typeof d.indicators?.channel === 'string' ? d.indicators.channel : undefined;
	const source = asLocale(d.locale);
	const promise = promiseText();
	const channels = channelQ ? listChannels({ activeOnly: true }) : [];
	const surveyJson = mapElements(d.survey, (el) => {
		let e = el;
		if (channelQ && e.name === channelQ && Array.isArray(e.choices))
			e = {
				...e,
				choices: channels.map((c) => ({
					value: c.key,
					text: { default: source === 'en' ? c.nameEn : c.nameAr, ar: c.nameAr, en: c.nameEn }
				}))
			};
		for (const k of ['title', 'description'])
			if (e[k] !== undefined) e = { ...e, [k]: replacePromise(e[k], promise) };
		return e;
	});
	return { ...d, survey: surveyJson };
}

/** Publishes the draft as a new immutable version, or says why it cannot be. */
export function publish(
	actor: Actor,
	id: string
): { ok: true; versionId: number } | { ok: false; problem: Problem } {
	const row = get(id);
	if (!row) return { ok: false, problem: { code: 'notFound', params: {}, message: 'not found' } };
	const c = check(row.draft);
	if (!c.ok) return c;
	const def = c.def;
	// Aspects the mapping names but nobody labelled get the question's (or row's) own text.
	for (const [key, path] of Object.entries(def.indicators.aspects ?? {})) {
		const [qName, rowValue] = path.split('.');
		const q = def.questions.find((x) => x.name === qName);
		let label: unknown = q?.raw.title;
		if (rowValue && Array.isArray(q?.raw.rows)) {
			const r = (q.raw.rows as unknown[]).find(
				(x) => (x && typeof x === 'object' ? (x as { value?: unknown }).value : x) === rowValue
			);
			label = r && typeof r === 'object' ? (r as { text?: unknown }).text : r;
		}
		const source = def.locale;
		aspects.ensure({
			key,
			labelAr: textOf(label, 'ar', source) || key,
			labelEn: textOf(label, 'en', source) || key
		});
	}
	const v = storeVersion(def);
	getDb()
		.update(survey)
		.set({
			publishedVersionId: v.versionId,
			status: 'published',
			nameAr: def.name.ar,
			nameEn: def.name.en,
			edited: true,
			updatedAt: new Date()
		})
		.where(eq(survey.id, id))
		.run();
	audit.record({
		actorId: actor.id,
		action: 'survey.publish',
		targetType: 'survey',
		targetId: id,
		details: { versionId: v.versionId },
		ip: actor.ip
	});
	return { ok: true, versionId: v.versionId };
}

/** A problem said in the user's language: "Question “x”: why." */
export function describeProblem(p: Problem, locale: Locale): string {
	const table = catalogs[locale] as Record<string, string>;
	const fill = (s: string) =>
		Object.entries(p.params).reduce((acc, [k, v]) => acc.replaceAll(`{${k}}`, v), s);
	const why = fill(table[`studio.err.${p.code}`] ?? table['studio.err.invalid']);
	return p.params.question ? fill(table['studio.err.question']) + why : why;
}

// ---------------------------------------------------------------------------------------
// The mapping panel.

export type Mappable = {
	name: string;
	type: string;
	title: string;
	/** matrix rows (each can be an aspect) */
	rows?: { value: string; title: string }[];
};

/** Questions the mapping panel offers, titles in the user's language. */
export function mappable(def: SurveyDefinition, locale: Locale): Mappable[] {
	return def.questions.map((q) => {
		const title = textOf(q.raw.title, locale, def.locale) || q.name;
		const out: Mappable = { name: q.name, type: q.type, title };
		if (q.type === 'matrix' && Array.isArray(q.raw.rows))
			out.rows = (q.raw.rows as unknown[]).map((r) => {
				if (r && typeof r === 'object') {
					const o = r as { value?: unknown; text?: unknown };
					return {
						value: String(o.value),
						title: textOf(o.text, locale, def.locale) || String(o.value)
					};
				}
				return { value: String(r), title: String(r) };
			});
		return out;
	});
}

/** Rating questions and matrix rows: what can measure an aspect ("q" or "matrix.row"). */
export function aspectPaths(def: SurveyDefinition): string[] {
	const out: string[] = [];
	for (const m of mappable(def, 'en')) {
		if (m.type === 'rating') out.push(m.name);
		for (const r of m.rows ?? []) out.push(`${m.name}.${r.value}`);
	}
	return out;
}

const single = ['csat', 'nps', 'channel', 'withinTwoWeeks', 'comment'] as const;

/**
 * Saves the mapping posted by the panel (works without JavaScript): one field per indicator,
 * `aspect:<path>` = an aspect key, "" or "_new" (then `newKey:`/`newAr:`/`newEn:<path>`
 * name it), and repeated `dimension` fields. Errors are keyed by field, as i18n keys.
 */
export function saveMapping(
	actor: Actor,
	id: string,
	form: { get(name: string): unknown; getAll(name: string): unknown[] }
): { ok: true } | { ok: false; errors: Record<string, string> } {
	const d = draftOf(id);
	if (!d) return { ok: false, errors: { _form: 'studio.err.notFound' } };
	const c = check(d, { draft: true });
	if (!c.ok) return { ok: false, errors: { _form: 'studio.draftProblem' } };
	const def = c.def;
	const names = new Set(def.questions.map((q) => q.name));
	const str = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v.trim() : '';
	};
	const errors: Record<string, string> = {};
	const ind: Record<string, unknown> = {};
	for (const k of single) {
		const v = str(k);
		if (!v) continue;
		if (!names.has(v)) errors[k] = 'errors.choice';
		else ind[k] = v;
	}
	const known = new Set(aspects.keys());
	const map: Record<string, string> = {};
	const created: aspects.Aspect[] = [];
	for (const path of aspectPaths(def)) {
		let key = str(`aspect:${path}`);
		if (!key) continue;
		if (key === '_new') {
			key = str(`newKey:${path}`);
			const labelAr = str(`newAr:${path}`);
			const labelEn = str(`newEn:${path}`);
			if (!aspects.aspectKeyPattern.test(key))
				errors[`newKey:${path}`] = 'studio.err.aspectKeyShort';
			if (!labelAr) errors[`newAr:${path}`] = 'errors.required';
			if (!labelEn) errors[`newEn:${path}`] = 'errors.required';
			if (errors[`newKey:${path}`] || !labelAr || !labelEn) continue;
			created.push({ key, labelAr, labelEn });
		} else if (!known.has(key)) {
			errors[`aspect:${path}`] = 'errors.choice';
			continue;
		}
		if (map[key]) {
			errors[`aspect:${path}`] = 'studio.err.aspectTwice';
			continue;
		}
		map[key] = path;
	}
	if (Object.keys(map).length) ind.aspects = map;
	const dims = form
		.getAll('dimension')
		.filter((v): v is string => typeof v === 'string' && names.has(v));
	if (dims.length) ind.dimensions = [...new Set(dims)];
	if (Object.keys(errors).length) return { ok: false, errors };
	for (const a of created) aspects.save(a);
	saveDraft(actor, id, { ...d, indicators: ind });
	return { ok: true };
}
