/**
 * The association's themes: seeded once with DEFAULT_THEMES, edited by quality. Saving a
 * theme re-tags every answer for it (automatic tags only: what staff set or took off stays).
 */
import type Database from 'better-sqlite3';
import * as audit from '../audit';
import type { Actor } from '../audit';
import { getDb } from '../db';
import { DEFAULT_THEMES } from './defaults';
import { matchesAny, parseKeywords, type MatchableTheme } from './match';

export type Theme = {
	id: number;
	key: string;
	nameAr: string;
	nameEn: string;
	keywordsAr: string;
	keywordsEn: string;
	archived: boolean;
};

const SEEDED = 'themes.seeded';
const cache = new WeakMap<Database.Database, MatchableTheme[]>();

const client = () => getDb().$client;

/** Puts the default themes in once (an association that deletes them does not get them back). */
export function ensureThemes() {
	const c = client();
	if (c.prepare(`select 1 from data_migration where name = ?`).get(SEEDED)) return;
	c.transaction(() => {
		const ins = c.prepare(
			`insert into theme (key, name_ar, name_en, keywords_ar, keywords_en) values (?, ?, ?, ?, ?) on conflict (key) do nothing`
		);
		for (const t of DEFAULT_THEMES) ins.run(t.key, t.nameAr, t.nameEn, t.keywordsAr, t.keywordsEn);
		c.prepare(`insert into data_migration (name) values (?)`).run(SEEDED);
	})();
	cache.delete(c);
}

export function listThemes(opts: { archived?: boolean } = {}): Theme[] {
	ensureThemes();
	const rows = client()
		.prepare(
			`select id, key, name_ar nameAr, name_en nameEn, keywords_ar keywordsAr, keywords_en keywordsEn, archived
			 from theme ${opts.archived ? '' : 'where archived = 0'} order by id`
		)
		.all() as (Omit<Theme, 'archived'> & { archived: number })[];
	return rows.map((r) => ({ ...r, archived: !!r.archived }));
}

export function getTheme(id: number): Theme | undefined {
	return listThemes({ archived: true }).find((t) => t.id === id);
}

/** The active themes with parsed keywords (cached until a theme changes). */
export function matchable(): MatchableTheme[] {
	const c = client();
	let m = cache.get(c);
	if (!m) {
		m = listThemes().map((t) => ({
			id: t.id,
			keywords: [...parseKeywords(t.keywordsAr), ...parseKeywords(t.keywordsEn)]
		}));
		cache.set(c, m);
	}
	return m;
}

export type ThemeInput = {
	nameAr: string;
	nameEn: string;
	keywordsAr: string;
	keywordsEn: string;
	archived?: boolean;
};

function slug(input: ThemeInput): string {
	const base =
		input.nameEn
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_|_$/g, '')
			.slice(0, 30) || 'theme';
	let key = base;
	for (let i = 2; client().prepare(`select 1 from theme where key = ?`).get(key); i++)
		key = `${base}_${i}`;
	return key;
}

export function createTheme(actor: Actor, input: ThemeInput): number {
	ensureThemes();
	const r = client()
		.prepare(
			`insert into theme (key, name_ar, name_en, keywords_ar, keywords_en) values (?, ?, ?, ?, ?)`
		)
		.run(slug(input), input.nameAr, input.nameEn, input.keywordsAr, input.keywordsEn);
	const id = Number(r.lastInsertRowid);
	audit.record({
		actorId: actor.id,
		action: 'theme.create',
		targetType: 'theme',
		targetId: id,
		ip: actor.ip
	});
	retagTheme(id);
	return id;
}

export function updateTheme(actor: Actor, id: number, input: ThemeInput): boolean {
	const r = client()
		.prepare(
			`update theme set name_ar = ?, name_en = ?, keywords_ar = ?, keywords_en = ?, archived = ?, updated_at = ? where id = ?`
		)
		.run(
			input.nameAr,
			input.nameEn,
			input.keywordsAr,
			input.keywordsEn,
			input.archived ? 1 : 0,
			Date.now(),
			id
		);
	if (!r.changes) return false;
	audit.record({
		actorId: actor.id,
		action: 'theme.update',
		targetType: 'theme',
		targetId: id,
		ip: actor.ip
	});
	retagTheme(id);
	return true;
}

/**
 * Re-applies one theme's keywords to every answer: its automatic tags are rebuilt; tags staff
 * set or removed stay as they are. Runs in batches of 2,000 answers, one transaction.
 */
export function retagTheme(themeId: number): { tagged: number } {
	const c = client();
	cache.delete(c);
	const t = matchable().find((x) => x.id === themeId);
	let tagged = 0;
	c.transaction(() => {
		c.prepare(`delete from answer_theme where theme_id = ? and source = 'auto'`).run(themeId);
		if (!t || !t.keywords.length) return;
		const next = c.prepare(
			`select id, norm from answer_text where id > ? and norm != '' order by id limit 2000`
		);
		const ins = c.prepare(
			`insert into answer_theme (answer_id, theme_id, source) values (?, ?, 'auto') on conflict do nothing`
		);
		for (let after = 0; ;) {
			const batch = next.all(after) as { id: number; norm: string }[];
			if (!batch.length) break;
			for (const a of batch)
				if (matchesAny(a.norm, t.keywords) && ins.run(a.id, themeId).changes) tagged++;
			after = batch[batch.length - 1].id;
		}
	})();
	return { tagged };
}

/**
 * Staff correction of one answer's theme: on = the theme applies (kept over re-tagging),
 * off = it does not (an automatic tag is taken off and stays off).
 */
export function setTag(actor: Actor, answerId: number, themeId: number, on: boolean): boolean {
	const c = client();
	if (!c.prepare(`select 1 from answer_text where id = ?`).get(answerId)) return false;
	if (!c.prepare(`select 1 from theme where id = ?`).get(themeId)) return false;
	c.prepare(
		`insert into answer_theme (answer_id, theme_id, source, removed, created_by) values (?, ?, 'manual', ?, ?)
		 on conflict (answer_id, theme_id) do update set source = 'manual', removed = excluded.removed, created_by = excluded.created_by, created_at = ?`
	).run(answerId, themeId, on ? 0 : 1, actor.id, Date.now());
	audit.record({
		actorId: actor.id,
		action: on ? 'comment.tag' : 'comment.untag',
		targetType: 'answer_text',
		targetId: answerId,
		details: { themeId },
		ip: actor.ip
	});
	return true;
}
