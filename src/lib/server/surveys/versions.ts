/**
 * Survey definitions as immutable versions in the database. A survey (table `survey`) has a
 * draft the studio edits and at most one published version (`survey_version`, by content
 * hash): respondents only ever get published versions, each invitation keeps the version it
 * was sent with. Files in surveys/ are the seed set: start-up registers each one; a file the
 * studio never edited keeps its survey published at the file's content. A bad file is
 * logged and listed in the studio (`fileProblems`), never fatal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, asc, desc, eq, or } from 'drizzle-orm';
import type { SurveyChoice } from '$lib/surveys';
import { getDb, perConnection } from '../db';
import { survey, surveyVersion } from '../db/schema';
import { log } from '../log';
import { surveysDir } from '../paths';
import { DefinitionError, parseDefinition, type SurveyDefinition } from './definition';

/** Parsed versions and the last sync of this database (one per connection: see perConnection). */
const loaded = () =>
	perConnection('surveys.versions', () => ({
		byVersion: new Map<number, SurveyDefinition>(),
		dir: undefined as string | undefined,
		problems: [] as FileProblem[]
	}));

export type FileProblem = {
	file: string;
	code: string;
	params: Record<string, string>;
	message: string;
};

/** Files in surveys/ that could not be loaded at the last sync (shown in the studio). */
export function fileProblems(): FileProblem[] {
	return loaded().problems;
}

/** The stored JSON of a definition (what the version row keeps and an export gives back). */
export function definitionJson(def: SurveyDefinition): Record<string, unknown> {
	return {
		id: def.id,
		name: def.name,
		...(def.locale === 'en' ? { locale: 'en' } : {}),
		indicators: def.indicators,
		survey: def.survey
	};
}

/** The version row for this content (inserted when new). */
export function storeVersion(def: SurveyDefinition): { versionId: number; inserted: boolean } {
	const db = getDb();
	const row = db
		.select({ id: surveyVersion.id })
		.from(surveyVersion)
		.where(eq(surveyVersion.hash, def.hash))
		.get();
	if (row) {
		loaded().byVersion.set(row.id, def);
		return { versionId: row.id, inserted: false };
	}
	const id = db
		.insert(surveyVersion)
		.values({ surveyId: def.id, hash: def.hash, definition: JSON.stringify(definitionJson(def)) })
		.returning({ id: surveyVersion.id })
		.get().id;
	loaded().byVersion.set(id, def);
	return { versionId: id, inserted: true };
}

/** Loads and registers every definition in dir. Bad files are skipped, logged and listed. */
export function syncDefinitions(
	dir = surveysDir
): { surveyId: string; versionId: number; inserted: boolean }[] {
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort();
	const db = getDb();
	const out: { surveyId: string; versionId: number; inserted: boolean }[] = [];
	const found: FileProblem[] = [];
	const ids = new Map<string, string>();
	for (const file of files) {
		let def: SurveyDefinition;
		try {
			let json: unknown;
			try {
				json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
			} catch (e) {
				throw new DefinitionError(
					`Survey "${file}": not valid JSON: ${(e as Error).message}`,
					'json',
					{ detail: (e as Error).message }
				);
			}
			def = parseDefinition(json, file);
			const other = ids.get(def.id);
			if (other)
				throw new DefinitionError(
					`Survey "${file}": id "${def.id}" is already used by "${other}"`,
					'idTaken',
					{ id: def.id }
				);
		} catch (e) {
			const err = e instanceof DefinitionError ? e : new DefinitionError(String(e), 'invalid', {});
			found.push({ file, code: err.code, params: err.params, message: err.message });
			log('error', 'survey file skipped', { file, reason: err.message });
			continue;
		}
		ids.set(def.id, file);
		const v = storeVersion(def);
		const row = db.select().from(survey).where(eq(survey.id, def.id)).get();
		const draft = JSON.stringify(definitionJson(def), null, 2);
		if (!row)
			db.insert(survey)
				.values({
					id: def.id,
					nameAr: def.name.ar,
					nameEn: def.name.en,
					status: 'published',
					origin: 'file',
					draft,
					publishedVersionId: v.versionId
				})
				.run();
		else if (row.origin === 'file' && !row.edited && row.publishedVersionId !== v.versionId)
			db.update(survey)
				.set({
					nameAr: def.name.ar,
					nameEn: def.name.en,
					draft,
					publishedVersionId: v.versionId,
					status: row.status === 'archived' ? 'archived' : 'published',
					updatedAt: new Date()
				})
				.where(eq(survey.id, def.id))
				.run();
		out.push({ surveyId: def.id, versionId: v.versionId, inserted: v.inserted });
	}
	Object.assign(loaded(), { problems: found, dir });
	log('info', 'survey definitions loaded', {
		count: out.length,
		inserted: out.filter((o) => o.inserted).length,
		skipped: found.length
	});
	return out;
}

function ensureLoaded() {
	if (!loaded().dir) syncDefinitions();
}

/**
 * The published version of a survey: what new invitations (programs, campaigns, open links)
 * are sent with. Drafts are never returned; an archived survey keeps answering for those
 * already using it. undefined when the survey was never published.
 */
export function publishedVersion(
	surveyId: string
): { versionId: number; def: SurveyDefinition } | undefined {
	ensureLoaded();
	const row = getDb()
		.select({ v: survey.publishedVersionId })
		.from(survey)
		.where(eq(survey.id, surveyId))
		.get();
	if (!row?.v) return undefined;
	const def = definitionOf(row.v);
	return def ? { versionId: row.v, def } : undefined;
}

/** Same as publishedVersion (the name older callers use). */
export const currentVersion = publishedVersion;

/** Forget a parsed version (tests that rewrite rows). */
export function forget(versionId: number) {
	loaded().byVersion.delete(versionId);
}

/** Any version, including old ones no longer in surveys/ (parsed from the stored JSON). */
export function definitionOf(versionId: number): SurveyDefinition | undefined {
	ensureLoaded();
	const cached = loaded().byVersion.get(versionId);
	if (cached) return cached;
	const row = getDb().select().from(surveyVersion).where(eq(surveyVersion.id, versionId)).get();
	if (!row) return undefined;
	const def = parseDefinition(JSON.parse(row.definition), `${row.surveyId}@${row.id}`, {
		draft: true
	});
	loaded().byVersion.set(versionId, def);
	return def;
}

/**
 * The surveys a program, campaign or request type may be given: the published ones. `keep` is
 * the one it has now: when that survey was archived since, it is listed too (marked), because
 * it keeps answering for those already using it; saving the form must not change it silently.
 */
export function surveyChoices(keep?: string | null): SurveyChoice[] {
	ensureLoaded();
	return getDb()
		.select({ id: survey.id, ar: survey.nameAr, en: survey.nameEn, status: survey.status })
		.from(survey)
		.where(
			or(
				eq(survey.status, 'published'),
				and(eq(survey.id, keep ?? ''), eq(survey.status, 'archived'))
			)
		)
		.orderBy(asc(survey.id))
		.all()
		.map((r) => ({
			id: r.id,
			name: { ar: r.ar, en: r.en },
			...(r.status === 'archived' ? { archived: true as const } : {})
		}));
}

/** Whether `id` may be chosen (see surveyChoices). */
export const isSurveyChoice = (id: string, keep?: string | null) =>
	surveyChoices(keep).some((c) => c.id === id);

export function latestVersionId(surveyId: string): number | undefined {
	return getDb()
		.select({ id: surveyVersion.id })
		.from(surveyVersion)
		.where(eq(surveyVersion.surveyId, surveyId))
		.orderBy(desc(surveyVersion.id))
		.get()?.id;
}
