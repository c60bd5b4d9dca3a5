/**
 * Survey definitions as immutable versions in the database. Start-up loads surveys/*.json,
 * inserts any new content hash as a version, and keeps the parsed definitions in memory
 * (by version id and by survey id) so every invitation renders with the version it was
 * sent with, even after the file changed.
 */
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '../db';
import { surveyVersion } from '../db/schema';
import { log } from '../log';
import { surveysDir } from '../paths';
import { loadDefinitions, parseDefinition, type SurveyDefinition } from './definition';

const byVersion = new Map<number, SurveyDefinition>();
const current = new Map<string, { versionId: number; def: SurveyDefinition }>();
let loadedDir: string | undefined;

/** Loads and registers every definition in dir; throws (naming the file) on a bad one. */
export function syncDefinitions(
	dir = surveysDir
): { surveyId: string; versionId: number; inserted: boolean }[] {
	let defs: SurveyDefinition[];
	try {
		defs = loadDefinitions(dir);
	} catch (e) {
		throw new Error(
			`Rida cannot start: a survey definition in ${dir} is invalid.\n${(e as Error).message}`,
			{ cause: e }
		);
	}
	const db = getDb();
	const out: { surveyId: string; versionId: number; inserted: boolean }[] = [];
	for (const def of defs) {
		let row = db
			.select({ id: surveyVersion.id })
			.from(surveyVersion)
			.where(eq(surveyVersion.hash, def.hash))
			.get();
		const inserted = !row;
		if (!row) {
			row = db
				.insert(surveyVersion)
				.values({
					surveyId: def.id,
					hash: def.hash,
					definition: JSON.stringify({
						id: def.id,
						name: def.name,
						indicators: def.indicators,
						survey: def.survey
					})
				})
				.returning({ id: surveyVersion.id })
				.get();
		}
		byVersion.set(row.id, def);
		current.set(def.id, { versionId: row.id, def });
		out.push({ surveyId: def.id, versionId: row.id, inserted });
	}
	loadedDir = dir;
	log('info', 'survey definitions loaded', {
		count: defs.length,
		inserted: out.filter((o) => o.inserted).length
	});
	return out;
}

function ensureLoaded() {
	if (!loadedDir) syncDefinitions();
}

/** The current version of a survey (the file as loaded at start-up). */
export function currentVersion(
	surveyId: string
): { versionId: number; def: SurveyDefinition } | undefined {
	ensureLoaded();
	return current.get(surveyId);
}

/** Any version, including old ones no longer in surveys/ (parsed from the stored JSON). */
export function definitionOf(versionId: number): SurveyDefinition | undefined {
	ensureLoaded();
	const cached = byVersion.get(versionId);
	if (cached) return cached;
	const row = getDb().select().from(surveyVersion).where(eq(surveyVersion.id, versionId)).get();
	if (!row) return undefined;
	const def = parseDefinition(JSON.parse(row.definition), `${row.surveyId}@${row.id}`);
	byVersion.set(versionId, def);
	return def;
}

/** Survey ids offered when creating a program. */
export function surveyChoices(): { id: string; name: { ar: string; en: string } }[] {
	ensureLoaded();
	return [...current.values()].map((c) => ({ id: c.def.id, name: c.def.name }));
}

export function latestVersionId(surveyId: string): number | undefined {
	return getDb()
		.select({ id: surveyVersion.id })
		.from(surveyVersion)
		.where(and(eq(surveyVersion.surveyId, surveyId)))
		.orderBy(desc(surveyVersion.id))
		.get()?.id;
}
