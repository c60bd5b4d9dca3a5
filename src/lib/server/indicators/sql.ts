/**
 * SQL plumbing shared by the indicator files: cached prepared statements on the raw
 * better-sqlite3 client, the WHERE clauses each filter set turns into, and a per-filters
 * memo so one page load never runs the same aggregate twice.
 */
import type Database from 'better-sqlite3';
import { getDb } from '../db';
import { startOfLocalDay } from '../../dates';
import type { Bucket, Filters, Range } from './filters';

type Param = string | number | null;
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function stmt(sql: string): Database.Statement {
	const client = getDb().$client;
	let m = cache.get(client);
	if (!m) cache.set(client, (m = new Map()));
	let s = m.get(sql);
	if (!s) m.set(sql, (s = client.prepare(sql)));
	return s;
}

export function all<T>(sql: string, params: Param[] = []): T[] {
	return stmt(sql).all(...params) as T[];
}
export function one<T>(sql: string, params: Param[] = []): T {
	return stmt(sql).get(...params) as T;
}

const memos = new WeakMap<object, Map<string, unknown>>();
/** Memoise `fn` for the lifetime of this filters object (one page load). */
export function memo<T>(f: Filters, key: string, fn: () => T): T {
	let m = memos.get(f);
	if (!m) memos.set(f, (m = new Map()));
	if (!m.has(key)) m.set(key, fn());
	return m.get(key) as T;
}

export type Where = { sql: string; params: Param[] };

/** Local-date range → [fromMs, toMs) instants in the association's zone. */
export function msRange(range: Range, tz: string): [number, number] {
	return [startOfLocalDay(range.from, tz).getTime(), startOfLocalDay(range.to, tz).getTime()];
}

/** The respondent filters on `response` (its snapshot columns; no joins). */
export function responseFilters(f: Filters, a = 'r'): Where {
	const c: string[] = [];
	const p: Param[] = [];
	if (f.program) {
		c.push(`${a}.program_id = ?`);
		p.push(f.program);
	}
	if (f.channel) {
		c.push(`${a}.channel = ?`);
		p.push(f.channel);
	}
	if (f.gender) {
		c.push(`${a}.gender = ?`);
		p.push(f.gender);
	}
	if (f.ageBand) {
		c.push(`${a}.age_band = ?`);
		p.push(f.ageBand);
	}
	if (f.city) {
		c.push(`${a}.city = ?`);
		p.push(f.city);
	}
	if (f.segment) {
		c.push(`${a}.segment = ?`);
		p.push(f.segment);
	}
	if (f.surveyVersion) {
		c.push(`${a}.survey_version_id = ?`);
		p.push(f.surveyVersion);
	}
	return { sql: c.map((x) => ' and ' + x).join(''), params: p };
}

/** Responses submitted in a local-date range, plus the respondent filters. */
export function responseWhere(f: Filters, range: Range, a = 'r'): Where {
	const rest = responseFilters(f, a);
	return {
		sql: `${a}.local_date >= ? and ${a}.local_date < ?` + rest.sql,
		params: [range.from, range.to, ...rest.params]
	};
}

/**
 * Beneficiary attribute filters on a beneficiary_id column, as correlated EXISTS: one primary-key
 * probe per candidate row. An `IN (select id from beneficiary where …)` list instead makes SQLite
 * gather every matching beneficiary first (tens of thousands for one gender) and often drive the
 * query from that list: 35 times slower for a median's one-day bucket.
 */
function beneficiaryFilter(f: Filters, col: string): Where {
	const c: string[] = [];
	const p: Param[] = [];
	if (f.gender) {
		c.push(' and bf.gender = ?');
		p.push(f.gender);
	}
	if (f.ageBand) {
		c.push(' and bf.age_band = ?');
		p.push(f.ageBand);
	}
	if (f.city) {
		c.push(' and bf.city = ?');
		p.push(f.city);
	}
	const seg = f.segment
		? ` and exists (select 1 from contact_segment cs join segment s on s.id = cs.segment_id where cs.contact_id = ${col} and s.key = ?)`
		: '';
	if (!c.length) return { sql: seg, params: f.segment ? [f.segment] : [] };
	return {
		sql: ` and exists (select 1 from beneficiary bf where bf.id = ${col}${c.join('')})` + seg,
		params: f.segment ? [...p, f.segment] : p
	};
}

/** A filter on the person (gender, age band, city, segment): requests and invitations read by person. */
export function personFiltered(f: Filters): boolean {
	return !!(f.gender || f.ageBand || f.city || f.segment);
}

/**
 * Request filters (channel, request type; beneficiary attributes). Programs and survey versions
 * do not apply. Whatever is filtered here must also keep a request rollup from answering.
 */
export function requestFilters(f: Filters, a = 'q'): Where {
	const c: string[] = [];
	const p: Param[] = [];
	if (f.channel) {
		c.push(` and ${a}.channel_id = (select id from channel where key = ?)`);
		p.push(f.channel);
	}
	if (f.requestType) {
		c.push(` and ${a}.type_id = ?`);
		p.push(f.requestType);
	}
	const b = beneficiaryFilter(f, `${a}.beneficiary_id`);
	return { sql: c.join('') + b.sql, params: [...p, ...b.params] };
}

/** Invitation filters (program, survey version, beneficiary attributes). */
export function invitationFilters(f: Filters, a = 'i'): Where {
	const c: string[] = [];
	const p: Param[] = [];
	if (f.program) {
		c.push(` and ${a}.program_id = ?`);
		p.push(f.program);
	}
	if (f.surveyVersion) {
		c.push(` and ${a}.survey_version_id = ?`);
		p.push(f.surveyVersion);
	}
	const b = beneficiaryFilter(f, `${a}.beneficiary_id`);
	return { sql: c.join('') + b.sql, params: [...p, ...b.params] };
}

/** A `with b(k, f, t) as (values …)` CTE of buckets (local dates) for a bucketed GROUP BY. */
export function bucketCte(bs: Bucket[]): Where {
	if (!bs.length)
		return { sql: `with b(k, f, t, o) as (select null, null, null, null where 0)`, params: [] };
	return {
		sql: `with b(k, f, t, o) as (values ${bs.map(() => '(?, ?, ?, ?)').join(', ')})`,
		params: bs.flatMap((b, i) => [b.key, b.from, b.to, i])
	};
}

/** The same CTE with instants (ms) instead of local dates, for timestamp columns. */
export function bucketCteMs(bs: Bucket[], tz: string): Where {
	if (!bs.length)
		return { sql: `with b(k, f, t, o) as (select null, null, null, null where 0)`, params: [] };
	return {
		sql: `with b(k, f, t, o) as (values ${bs.map(() => '(?, ?, ?, ?)').join(', ')})`,
		params: bs.flatMap((b, i) => [b.key, ...msRange(b, tz), i])
	};
}
