/**
 * The records behind a chart element: responses and requests matching the dashboard's
 * filters plus the clicked element. Never personal data: ids, dates, scores, comments,
 * channels, statuses. (Themes of written answers: voices/.)
 */
import { parsePage } from '../paging';
import { keys as aspectKeys } from '../surveys/aspects';
import type { Filters } from './filters';
import { all, msRange, one, requestFilters, responseWhere } from './sql';

export const PAGE_SIZE = 50;
const NPS_GROUPS = {
	promoters: 'r.nps >= 9',
	passives: 'r.nps between 7 and 8',
	detractors: 'r.nps <= 6'
} as const;
export type NpsGroup = keyof typeof NPS_GROUPS;

export type ResponseQuery = {
	npsGroup?: NpsGroup | null;
	aspect?: string | null;
	score?: number | null;
	q?: string | null;
	onlyComments?: boolean;
	page?: number;
};

export function parseResponseQuery(url: URL): ResponseQuery {
	const p = url.searchParams;
	const g = p.get('npsGroup');
	const a = p.get('aspect');
	const s = Number(p.get('score'));
	const q = (p.get('q') ?? '').trim().slice(0, 100);
	return {
		npsGroup: g && g in NPS_GROUPS ? (g as NpsGroup) : null,
		aspect: a && aspectKeys().includes(a) ? a : null,
		score: Number.isInteger(s) && s >= 1 && s <= 5 ? s : null,
		q: q || null,
		onlyComments: p.get('comments') === '1',
		page: parsePage(p)
	};
}

export type ResponseRow = {
	id: number;
	localDate: string;
	csat: number | null;
	nps: number | null;
	comment: string | null;
	programId: number | null;
	programAr: string | null;
	programEn: string | null;
	channel: string | null;
	aspectScore: number | null;
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

export function listResponses(
	f: Filters,
	x: ResponseQuery
): { rows: ResponseRow[]; total: number; page: number; pages: number } {
	const w = responseWhere(f, f);
	let where = w.sql;
	const params: (string | number)[] = [...(w.params as (string | number)[])];
	if (x.npsGroup) where += ' and ' + NPS_GROUPS[x.npsGroup];
	if (x.score) {
		where += ' and r.csat = ?';
		params.push(x.score);
	}
	if (x.onlyComments || x.q) where += " and r.comment is not null and r.comment != ''";
	if (x.q) {
		where += " and r.comment like ? escape '\\'";
		params.push('%' + likeEscape(x.q) + '%');
	}
	let join = '';
	let aspectCol = 'null';
	if (x.aspect) {
		join = ' join response_aspect a on a.response_id = r.id and a.aspect = ?';
		aspectCol = 'a.score';
		params.unshift(x.aspect);
	}
	const total = one<{ n: number }>(
		`select count(*) n from response r${join} where ${where}`,
		params
	).n;
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(x.page ?? 1, pages);
	const order = x.aspect ? 'a.score asc, r.id desc' : 'r.local_date desc, r.id desc';
	const rows = all<ResponseRow>(
		`select r.id, r.local_date localDate, r.csat, r.nps, r.comment, r.program_id programId, p.name_ar programAr, p.name_en programEn, r.channel, ${aspectCol} aspectScore
		 from response r${join} left join program p on p.id = r.program_id where ${where} order by ${order} limit ? offset ?`,
		[...params, PAGE_SIZE, (page - 1) * PAGE_SIZE]
	);
	return { rows, total, page, pages };
}

export type RequestQuery = { days?: number | null; decided?: boolean; page?: number };

export function parseRequestQuery(url: URL): RequestQuery {
	const p = url.searchParams;
	const d = p.get('days');
	const days = d != null && /^\d{1,3}$/.test(d) ? Number(d) : null;
	return {
		days,
		decided: p.get('decided') === '1' || days != null,
		page: parsePage(p)
	};
}

export type RequestRow = {
	id: number;
	receivedLocalDate: string;
	receivedAt: number;
	decidedAt: number | null;
	dueAt: number;
	status: string;
	decision: string | null;
	kind: string;
	channelAr: string;
	channelEn: string;
	typeAr: string | null;
	typeEn: string | null;
	days: number | null;
	withinSla: number | null;
};

const DAY = 86_400_000;

export function listRequests(
	f: Filters,
	x: RequestQuery,
	cap = 30
): { rows: RequestRow[]; total: number; page: number; pages: number } {
	const w = requestFilters(f);
	let where: string;
	const params: (string | number)[] = [];
	if (x.decided) {
		where = 'q.decided_at >= ? and q.decided_at < ?';
		params.push(...msRange(f, f.timeZone));
	} else {
		where = 'q.received_local_date >= ? and q.received_local_date < ?';
		params.push(f.from, f.to);
	}
	where += w.sql;
	params.push(...(w.params as (string | number)[]));
	if (x.days != null) {
		where +=
			x.days >= cap
				? ' and q.decided_at - q.received_at >= ?'
				: ' and q.decided_at - q.received_at >= ? and q.decided_at - q.received_at < ?';
		params.push(x.days * DAY, ...(x.days >= cap ? [] : [(x.days + 1) * DAY]));
	}
	const total = one<{ n: number }>(`select count(*) n from request q where ${where}`, params).n;
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(x.page ?? 1, pages);
	const rows = all<RequestRow>(
		`select q.id, q.received_local_date receivedLocalDate, q.received_at receivedAt, q.decided_at decidedAt, q.due_at dueAt, q.status, q.decision, q.kind,
		        c.name_ar channelAr, c.name_en channelEn, t.name_ar typeAr, t.name_en typeEn,
		        case when q.decided_at is null then null else (q.decided_at - q.received_at) * 1.0 / ${DAY} end days,
		        case when q.decided_at is null then null else q.decided_at <= q.due_at end withinSla
		 from request q join channel c on c.id = q.channel_id left join request_type t on t.id = q.type_id where ${where} order by ${x.decided ? 'q.decided_at' : 'q.received_at'} desc, q.id desc limit ? offset ?`,
		[...params, PAGE_SIZE, (page - 1) * PAGE_SIZE]
	);
	return { rows, total, page, pages };
}
