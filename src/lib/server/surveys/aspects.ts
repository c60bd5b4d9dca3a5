/**
 * Named aspects (what a rating question or matrix row measures). The five built-in ones have
 * their labels in the message catalogs too; a survey's mapping adds new ones with Arabic and
 * English labels, which the dashboard, drill-downs and improvement actions then show by name.
 */
import { asc, eq } from 'drizzle-orm';
import { getDb } from '../db';
import { aspect } from '../db/schema';

export const BUILTIN_ASPECTS = [
	{ key: 'courtesy', labelAr: 'اللباقة', labelEn: 'Courtesy' },
	{ key: 'clarity', labelAr: 'الوضوح', labelEn: 'Clarity' },
	{ key: 'speed', labelAr: 'السرعة', labelEn: 'Speed' },
	{ key: 'competence', labelAr: 'كفاءة الموظفين', labelEn: 'Staff competence' },
	{ key: 'channelConvenience', labelAr: 'سهولة القناة', labelEn: 'Channel convenience' }
] as const;

export type Aspect = { key: string; labelAr: string; labelEn: string };

export const aspectKeyPattern = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

export function ensureBuiltin() {
	getDb()
		.insert(aspect)
		.values(BUILTIN_ASPECTS.map((a) => ({ ...a })))
		.onConflictDoNothing()
		.run();
}

export function list(): Aspect[] {
	ensureBuiltin();
	return getDb()
		.select({ key: aspect.key, labelAr: aspect.labelAr, labelEn: aspect.labelEn })
		.from(aspect)
		.orderBy(asc(aspect.createdAt), asc(aspect.key))
		.all();
}

export function keys(): string[] {
	return list().map((a) => a.key);
}

export function get(key: string): Aspect | undefined {
	return getDb()
		.select({ key: aspect.key, labelAr: aspect.labelAr, labelEn: aspect.labelEn })
		.from(aspect)
		.where(eq(aspect.key, key))
		.get();
}

/** Creates the aspect, or renames it when labels are given for an existing key. */
export function save(a: Aspect) {
	getDb()
		.insert(aspect)
		.values(a)
		.onConflictDoUpdate({ target: aspect.key, set: { labelAr: a.labelAr, labelEn: a.labelEn } })
		.run();
}

/** Creates the aspect only when it does not exist yet (labels kept otherwise). */
export function ensure(a: Aspect) {
	getDb().insert(aspect).values(a).onConflictDoNothing().run();
}

/** key → label in each language, for pages that show aspects by name (see i18n `t`). */
export function labels(): Record<string, { ar: string; en: string }> {
	return Object.fromEntries(list().map((a) => [a.key, { ar: a.labelAr, en: a.labelEn }]));
}
