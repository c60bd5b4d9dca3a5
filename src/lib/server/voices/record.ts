/**
 * Copies the free-text answers of responses into answer_text (redacted as stored in
 * response.answers, normalised for search) and tags them with the matching themes. Called
 * for each response as it is saved, and at start-up for responses stored otherwise (the
 * demo seed, responses from before this table existed).
 */
import type Database from 'better-sqlite3';
import { getDb } from '../db';
import { freeTextKeys } from '../redact';
import { definitionOf } from '../surveys/versions';
import { normalise } from './normalize';
import { themesOf } from './match';
import { matchable } from './themes';

export type Band = 'low' | 'mid' | 'high';

/** Score band of a response by its CSAT (1–5): low 1–2, mid 3, high 4–5. */
export function bandOf(csat: number | null): Band | null {
	if (csat == null) return null;
	return csat <= 2 ? 'low' : csat === 3 ? 'mid' : 'high';
}

type ResponseRow = {
	id: number;
	v: number;
	answers: string;
	csat: number | null;
	programId: number | null;
	localDate: string;
};

const SELECT = `select id, survey_version_id v, answers, csat, program_id programId, local_date localDate from response`;

function insertFor(c: Database.Database, r: ResponseRow): number {
	const def = definitionOf(r.v);
	const isFree = def ? freeTextKeys(def) : () => false;
	let data: Record<string, unknown>;
	try {
		data = JSON.parse(r.answers) as Record<string, unknown>;
	} catch {
		return 0;
	}
	const ins = c.prepare(
		`insert into answer_text (response_id, question, text, norm, band, program_id, local_date) values (?, ?, ?, ?, ?, ?, ?)
		 on conflict (response_id, question) do nothing`
	);
	const tag = c.prepare(
		`insert into answer_theme (answer_id, theme_id, source) values (?, ?, 'auto') on conflict do nothing`
	);
	const themes = matchable();
	let n = 0;
	for (const [key, value] of Object.entries(data)) {
		if (typeof value !== 'string' || !isFree(key)) continue;
		const text = value.trim();
		const norm = normalise(text);
		if (!norm) continue;
		const res = ins.run(r.id, key, text, norm, bandOf(r.csat), r.programId, r.localDate);
		if (!res.changes) continue;
		n++;
		for (const t of themesOf(norm, themes)) tag.run(res.lastInsertRowid, t);
	}
	return n;
}

/** One response, just saved (inside its transaction: same connection). */
export function recordAnswers(responseId: number): number {
	const c = getDb().$client;
	const r = c.prepare(`${SELECT} where id = ?`).get(responseId) as ResponseRow | undefined;
	return r ? insertFor(c, r) : 0;
}

/**
 * Responses after the last one indexed (the seed writes rows directly; older databases have
 * none indexed). Batches of 1,000, one transaction each.
 */
export function recordPending(): { responses: number; answers: number } {
	const c = getDb().$client;
	const start =
		(c.prepare(`select max(response_id) m from answer_text`).get() as { m: number | null }).m ?? 0;
	const next = c.prepare(`${SELECT} where id > ? order by id limit 1000`);
	let responses = 0;
	let answers = 0;
	for (let after = start; ;) {
		const batch = next.all(after) as ResponseRow[];
		if (!batch.length) break;
		c.transaction(() => {
			for (const r of batch) answers += insertFor(c, r);
		})();
		responses += batch.length;
		after = batch[batch.length - 1].id;
	}
	return { responses, answers };
}

/** Erasure: the free text of these responses is blanked (themes counted stay, unlinked). */
export function blankAnswers(responseIds: number[]) {
	if (!responseIds.length) return;
	const c = getDb().$client;
	const stmt = c.prepare(`update answer_text set text = '', norm = '' where response_id = ?`);
	for (const id of responseIds) stmt.run(id);
}
