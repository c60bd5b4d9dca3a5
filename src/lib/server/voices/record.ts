/**
 * Copies the free-text answers of responses into answer_text (redacted as stored in
 * response.answers, normalised for search) and tags them with the matching themes. Called
 * for each response as it is saved, and at start-up for responses stored otherwise (the
 * demo seed, responses from before this table existed).
 */
import { getDb, prepared } from '../db';
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

/** A survey version's definition, or undefined when it is missing or no longer parses. */
export function definitionSafe(versionId: number) {
	try {
		return definitionOf(versionId);
	} catch {
		return undefined;
	}
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

function insertFor(r: ResponseRow): number {
	// a stored definition that no longer parses: every string is text
	const isFree = freeTextKeys(definitionSafe(r.v) ?? { questions: [] });
	let data: Record<string, unknown>;
	try {
		data = JSON.parse(r.answers) as Record<string, unknown>;
	} catch {
		return 0;
	}
	// prepared once per connection: this runs in every survey submission's transaction
	const ins = prepared('voices.insertAnswerText', (db) =>
		db.$client.prepare(
			`insert into answer_text (response_id, question, text, norm, band, program_id, local_date) values (?, ?, ?, ?, ?, ?, ?)
		 on conflict (response_id, question) do nothing`
		)
	);
	const tag = prepared('voices.insertAnswerTheme', (db) =>
		db.$client.prepare(
			`insert into answer_theme (answer_id, theme_id, source) values (?, ?, 'auto') on conflict do nothing`
		)
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
	const r = prepared('voices.responseById', (db) =>
		db.$client.prepare(`${SELECT} where id = ?`)
	).get(responseId) as ResponseRow | undefined;
	return r ? insertFor(r) : 0;
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
			for (const r of batch) answers += insertFor(r);
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
