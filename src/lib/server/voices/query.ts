/**
 * Reading what people wrote: the search over answer_text (normalised Arabic, dashboard
 * filters + band, question, theme) and the theme figures (counts per period and program,
 * trend, share among low scores, representative comments). Text is the redacted copy; the
 * original only for roles that may read personal data (decrypted from the response).
 */
import { decryptOpt } from '../crypto';
import { buckets, comparisonRange, type Filters, type Range } from '../indicators/filters';
import { all, bucketCte, one, responseWhere } from '../indicators/sql';
import { parsePage } from '../paging';
import { definitionOf } from '../surveys/versions';
import { normalise } from './normalize';
import type { Band } from './record';
import { listThemes, type Theme } from './themes';

export const PAGE_SIZE = 50;
export const BANDS = ['low', 'mid', 'high'] as const;

export type VoiceQuery = {
	q: string | null;
	band: Band | null;
	question: string | null;
	theme: number | null;
	page: number;
};

export function parseVoiceQuery(url: URL): VoiceQuery {
	const p = url.searchParams;
	const q = (p.get('q') ?? '').trim().slice(0, 100);
	const band = p.get('band');
	const question = (p.get('question') ?? '').trim();
	const th = p.get('theme');
	return {
		q: q || null,
		band: band && (BANDS as readonly string[]).includes(band) ? (band as Band) : null,
		question: /^[\p{L}\p{N}_\-. ]{1,80}$/u.test(question) ? question : null,
		theme: th && /^\d{1,9}$/.test(th) ? Number(th) : null,
		page: parsePage(p)
	};
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** The WHERE over `answer_text a join response r` for filters + query (without paging). */
function where(f: Filters, x: Omit<VoiceQuery, 'page'>, range: Range = f) {
	const w = responseWhere(f, range, 'r');
	let sql = w.sql + " and a.norm != ''";
	const params: (string | number | null)[] = [...w.params];
	if (x.q) {
		const n = normalise(x.q);
		if (n) {
			sql += " and a.norm like ? escape '\\'";
			params.push('%' + likeEscape(n) + '%');
		}
	}
	if (x.band) {
		sql += ' and a.band = ?';
		params.push(x.band);
	}
	if (x.question) {
		sql += ' and a.question = ?';
		params.push(x.question);
	}
	if (x.theme) {
		sql +=
			' and exists (select 1 from answer_theme t where t.answer_id = a.id and t.theme_id = ? and t.removed = 0)';
		params.push(x.theme);
	}
	return { sql, params };
}

export type VoiceRow = {
	id: number;
	responseId: number;
	question: string;
	questionTitle: { ar: string; en: string };
	text: string;
	band: Band | null;
	localDate: string;
	csat: number | null;
	programAr: string | null;
	programEn: string | null;
	themes: { id: number; source: 'auto' | 'manual' }[];
};

function titleOf(versionId: number, name: string): { ar: string; en: string } {
	const base = name.replace(/-Comment$/, '');
	const q = definitionOf(versionId)?.questions.find((x) => x.name === base);
	const t = q?.raw.title;
	if (typeof t === 'string') return { ar: t, en: t };
	if (t && typeof t === 'object') {
		const o = t as Record<string, string>;
		const ar = o.ar ?? o.default ?? name;
		return { ar, en: o.en ?? o.default ?? ar };
	}
	return { ar: name, en: name };
}

/** A page of answers, newest first. `personal`: the original text for roles that may read it. */
export function search(
	f: Filters,
	x: VoiceQuery,
	personal: boolean
): { rows: VoiceRow[]; total: number; page: number; pages: number } {
	const w = where(f, x);
	const from = `from answer_text a join response r on r.id = a.response_id where ${w.sql}`;
	const total = one<{ n: number }>(`select count(*) n ${from}`, w.params).n;
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(x.page, pages);
	const rows = all<{
		id: number;
		responseId: number;
		question: string;
		text: string;
		band: Band | null;
		localDate: string;
		csat: number | null;
		v: number;
		enc: string | null;
		programAr: string | null;
		programEn: string | null;
	}>(
		`select a.id, a.response_id responseId, a.question, a.text, a.band, a.local_date localDate, r.csat, r.survey_version_id v,
		        ${personal ? 'r.answers_enc' : 'null'} enc, p.name_ar programAr, p.name_en programEn
		 from answer_text a join response r on r.id = a.response_id left join program p on p.id = a.program_id
		 where ${w.sql} order by a.local_date desc, a.id desc limit ? offset ?`,
		[...w.params, PAGE_SIZE, (page - 1) * PAGE_SIZE]
	);
	const tags = themesFor(rows.map((r) => r.id));
	return {
		rows: rows.map(({ v, enc, ...r }) => ({
			...r,
			text: original(enc, r.question) ?? r.text,
			questionTitle: titleOf(v, r.question),
			themes: tags.get(r.id) ?? []
		})),
		total,
		page,
		pages
	};
}

function original(enc: string | null, key: string): string | null {
	if (!enc) return null;
	try {
		const v = (JSON.parse(decryptOpt(enc) ?? '{}') as Record<string, unknown>)[key];
		return typeof v === 'string' ? v.trim() : null;
	} catch {
		return null;
	}
}

function themesFor(ids: number[]) {
	const m = new Map<number, { id: number; source: 'auto' | 'manual' }[]>();
	if (!ids.length) return m;
	const rows = all<{ a: number; id: number; source: 'auto' | 'manual' }>(
		`select answer_id a, theme_id id, source from answer_theme where removed = 0 and answer_id in (${ids.map(() => '?').join(',')}) order by theme_id`,
		ids
	);
	for (const r of rows) m.set(r.a, [...(m.get(r.a) ?? []), { id: r.id, source: r.source }]);
	return m;
}

/** The questions that hold free text (for the filter), with their titles. */
export function questions(): { name: string; title: { ar: string; en: string } }[] {
	const rows = all<{ question: string; v: number }>(
		`select q.question, r.survey_version_id v
		 from (select question, min(response_id) rid from answer_text group by question
		       order by question limit 200) q
		 join response r on r.id = q.rid order by q.question`
	);
	return rows.map((r) => ({ name: r.question, title: titleOf(r.v, r.question) }));
}

// ------------------------------------------------------------------ theme figures

export type ThemeFigure = {
	id: number;
	key: string;
	nameAr: string;
	nameEn: string;
	/** Answers carrying the theme in the period, in the comparison period. */
	n: number;
	previous: number;
	/** Of those, from responses with a low score (CSAT 1–2). */
	low: number;
};

export type ThemeSummary = {
	/** Answers with text in the period, and those of low scores. */
	answers: number;
	lowAnswers: number;
	themes: ThemeFigure[];
};

function countsBy(f: Filters, range: Range) {
	const w = where(f, { q: null, band: null, question: null, theme: null }, range);
	return all<{ id: number; n: number; low: number }>(
		`select t.theme_id id, count(*) n, sum(a.band = 'low') low
		 from answer_theme t join answer_text a on a.id = t.answer_id join response r on r.id = a.response_id
		 where t.removed = 0 and ${w.sql} group by t.theme_id`,
		w.params
	);
}

/** Each active theme's count in the period (with the comparison period's and the low-score share). */
export function summary(f: Filters): ThemeSummary {
	const w = where(f, { q: null, band: null, question: null, theme: null });
	const tot = one<{ n: number; low: number | null }>(
		`select count(*) n, sum(a.band = 'low') low from answer_text a join response r on r.id = a.response_id where ${w.sql}`,
		w.params
	);
	const now = new Map(countsBy(f, f).map((r) => [r.id, r]));
	const prev = new Map(countsBy(f, comparisonRange(f)).map((r) => [r.id, r.n]));
	const themes = listThemes()
		.map((t: Theme) => ({
			id: t.id,
			key: t.key,
			nameAr: t.nameAr,
			nameEn: t.nameEn,
			n: now.get(t.id)?.n ?? 0,
			low: now.get(t.id)?.low ?? 0,
			previous: prev.get(t.id) ?? 0
		}))
		.sort((a, b) => b.n - a.n || a.id - b.id);
	return { answers: tot.n, lowAnswers: tot.low ?? 0, themes };
}

/** Counts per theme per month/quarter of the period (the trend chart). */
export function trend(f: Filters): { buckets: string[]; series: Map<number, number[]> } {
	const bs = buckets(f, f.grain, f.calendar);
	const cte = bucketCte(bs);
	const w = where(f, { q: null, band: null, question: null, theme: null });
	const rows = all<{ o: number; id: number; n: number }>(
		`${cte.sql} select b.o o, t.theme_id id, count(*) n
		 from answer_theme t join answer_text a on a.id = t.answer_id join response r on r.id = a.response_id
		 join b on a.local_date >= b.f and a.local_date < b.t
		 where t.removed = 0 and ${w.sql} group by b.o, t.theme_id`,
		[...cte.params, ...w.params]
	);
	const series = new Map<number, number[]>();
	for (const r of rows) {
		const s = series.get(r.id) ?? new Array<number>(bs.length).fill(0);
		s[r.o] = r.n;
		series.set(r.id, s);
	}
	return { buckets: bs.map((b) => b.key), series };
}

/** Theme counts per program in the period (programs with at least one tagged answer). */
export function byProgram(f: Filters) {
	const w = where(f, { q: null, band: null, question: null, theme: null });
	return all<{ programId: number; nameAr: string; nameEn: string; themeId: number; n: number }>(
		`select a.program_id programId, p.name_ar nameAr, p.name_en nameEn, t.theme_id themeId, count(*) n
		 from answer_theme t join answer_text a on a.id = t.answer_id join response r on r.id = a.response_id
		 join program p on p.id = a.program_id
		 where t.removed = 0 and ${w.sql} group by a.program_id, t.theme_id order by n desc limit 300`,
		w.params
	);
}

/**
 * Representative comments of a theme: the most recent of middling length (a sentence, not a
 * word, not an essay), low scores first (what to fix). Always the redacted copy.
 */
export function representative(f: Filters, themeId: number, limit = 3): string[] {
	const w = where(f, { q: null, band: null, question: null, theme: themeId });
	return all<{ text: string }>(
		`select a.text from answer_text a join response r on r.id = a.response_id
		 where ${w.sql}
		 order by (length(a.text) between 15 and 240) desc, (a.band = 'low') desc, a.local_date desc, a.id desc limit ?`,
		[...w.params, limit]
	).map((r) => r.text);
}
