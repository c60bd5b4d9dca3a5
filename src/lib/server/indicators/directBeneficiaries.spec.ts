/** Direct beneficiaries on a constructed dataset: exact counts, filters, comparison, small cells, query plan. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import { startOfLocalDay } from '../../dates';
import { directBeneficiaries, directCounts, loadOverview, parseFilters } from './index';
import { directSql } from './directBeneficiaries';
import { measure, filtersFor } from './measure';
import { protectOverview } from './smallCells';

const ctx = useTestDb();
const S = { calendar: 'gregorian' as const, timeZone: 'Asia/Riyadh' };
const NOW = new Date('2026-11-25T09:00:00Z');
const F = (q: string) => parseFilters(new URL('http://x/dashboard?' + q), S, NOW);
/** October 2026; the comparison (previous) is 2026-08-31 … 2026-10-01. */
const OCT = 'from=2026-10-01&to=2026-11-01';
const at = (date: string) => startOfLocalDay(date, 'Asia/Riyadh').getTime() + 10 * 3_600_000;
const run = (s: string, ...p: unknown[]) => ctx.db.$client.prepare(s).run(...p);
const id = (s: string, ...p: unknown[]) => Number(run(s, ...p).lastInsertRowid);

const P: Record<string, number> = {};
const B: Record<string, number> = {};
let version = 0;
let n = 0;

function person(
	key: string,
	o: {
		gender?: string | null;
		age?: string | null;
		city?: string | null;
		mobile?: boolean;
		email?: boolean;
		erased?: boolean;
	} = {}
) {
	const erased = !!o.erased;
	B[key] = id(
		`insert into beneficiary (name_enc, mobile_enc, email_enc, gender, age_band, city, erased_at) values (?, ?, ?, ?, ?, ?, ?)`,
		erased ? null : 'enc-name',
		erased || o.mobile === false ? null : 'enc-mobile',
		!erased && o.email ? 'enc-email' : null,
		erased ? null : o.gender === undefined ? 'female' : o.gender,
		erased ? null : o.age === undefined ? '30_44' : o.age,
		erased ? null : o.city === undefined ? 'الرياض' : o.city,
		erased ? at('2026-10-20') : null
	);
}
function program(key: string, start: string, end: string, status: string, people: string[]) {
	P[key] = id(
		`insert into program (name_ar, name_en, kind, start_date, end_date, survey_id, status) values (?, ?, 'program', ?, ?, 'post-program', ?)`,
		key,
		key,
		start,
		end,
		status
	);
	for (const p of people)
		run(`insert into enrollment (program_id, beneficiary_id) values (?, ?)`, P[key], B[p]);
}
function invite(o: { program?: string; request?: number; who?: string; completed: boolean }) {
	run(
		`insert into invitation (kind, program_id, request_id, beneficiary_id, survey_version_id, token_hash, created_at, expires_at, completed_at)
		 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.program ? 'program' : 'request',
		o.program ? P[o.program] : null,
		o.request ?? null,
		o.who ? B[o.who] : null,
		version,
		`db-${++n}`,
		at('2026-10-06'),
		at('2026-12-31'),
		o.completed ? at('2026-10-08') : null
	);
}
function request(channel: number, who: string | null, received: string, decided: string | null) {
	return id(
		`insert into request (code, channel_id, kind, beneficiary_id, subject, received_at, received_local_date, status, due_at, decided_at, decision)
		 values (?, ?, 'support', ?, 's', ?, ?, ?, ?, ?, ?)`,
		`C${++n}`,
		channel,
		who ? B[who] : null,
		at(received),
		received,
		decided ? 'decided' : 'received',
		at(received) + 14 * 86_400_000,
		decided ? at(decided) : null,
		decided ? 'accepted' : null
	);
}

beforeAll(() => {
	version = id(
		`insert into survey_version (survey_id, hash, definition) values ('post-program', 'db', '{}')`
	);
	person('b1');
	person('b2', { gender: 'male' });
	person('b3', { city: null }); // incomplete: no city
	person('b4', { erased: true }); // erased: served, but no record to judge
	person('b5');
	person('b6');
	person('b7', { mobile: false, email: true }); // e-mail only: still complete
	person('b8', { gender: null }); // incomplete: no gender
	person('b9');
	person('b10');
	program('p1', '2026-09-20', '2026-10-05', 'ended', ['b1', 'b2', 'b3', 'b4']); // overlaps October
	program('p2', '2026-08-01', '2026-09-15', 'ended', ['b5']); // before October only
	program('p3', '2026-10-10', '2026-10-20', 'planned', ['b6']); // never ran
	program('p4', '2026-10-15', '2026-12-31', 'running', ['b1', 'b7']); // b1 again: counted once
	const phone = id(
		`insert into channel (key, name_ar, name_en, sort) values ('phone', 'الهاتف', 'Phone', 1)`
	);
	const web = id(
		`insert into channel (key, name_ar, name_en, sort) values ('web', 'الموقع', 'Website', 2)`
	);
	const r1 = request(phone, 'b8', '2026-10-01', '2026-10-10');
	const r2 = request(web, 'b2', '2026-10-02', '2026-10-12'); // b2 also enrolled in p1
	request(web, 'b9', '2026-09-01', '2026-09-20'); // decided in September
	request(web, 'b10', '2026-10-03', null); // not decided
	request(web, null, '2026-10-04', '2026-10-09'); // nobody on record
	invite({ program: 'p1', who: 'b1', completed: true });
	invite({ program: 'p1', who: 'b2', completed: false });
	invite({ request: r2, completed: true }); // b2 answers about the request
	invite({ request: r1, completed: false });
	invite({ program: 'p1', completed: true }); // an anonymous walk-in: nobody
});

describe('direct beneficiaries', () => {
	it('served, surveyed, responded and complete records: exact counts in October', () => {
		const f = F(OCT);
		// served: b1 b2 b3 b4 (p1), b7 (p4), b8 (r1) — b1 and b2 once each
		expect(directCounts(f, f)).toEqual({
			served: 6,
			surveyed: 3,
			responded: 2,
			records: 5,
			complete: 3
		});
		const d = directBeneficiaries(f);
		expect(d.directServed).toMatchObject({ value: 6, n: 6 });
		expect(d.directSurveyed).toMatchObject({ value: 3 / 6, n: 6 });
		expect(d.directResponded).toMatchObject({ value: 2 / 6, n: 6 });
		expect(d.directComplete).toMatchObject({ value: 3 / 5, n: 5 });
		// previous 31 days: b1–b4 (p1 began 20 Sept), b5 (p2 ended 15 Sept), b9 (decided 20 Sept)
		expect(d.directServed.comparison).toEqual({ value: 6, n: 6 });
		expect(d.directComplete.comparison).toEqual({ value: 4 / 5, n: 5 });
	});

	it('filters: one program, one channel, a gender', () => {
		expect(directCounts(F(`${OCT}&program=${P.p1}`), F(`${OCT}&program=${P.p1}`))).toEqual({
			served: 4,
			surveyed: 2,
			responded: 1,
			records: 3,
			complete: 2
		});
		const ph = F(`${OCT}&channel=phone`);
		expect(directCounts(ph, ph)).toEqual({
			served: 1,
			surveyed: 1,
			responded: 0,
			records: 1,
			complete: 0
		});
		const fe = F(`${OCT}&gender=female`);
		expect(directCounts(fe, fe)).toMatchObject({ served: 3, complete: 2 }); // b1, b3 (no city), b7
	});

	it('the report and actions measure the same figures; the board never sees a cell under 5', () => {
		const f = filtersFor({ from: '2026-10-01', to: '2026-11-01' }, S);
		expect(measure('directServed', f)).toEqual({ value: 6, n: 6 });
		expect(measure('directComplete', f)).toEqual({ value: 0.6, n: 5 });
		const o = loadOverview(F(`${OCT}&program=${P.p1}`), 14, NOW.getTime());
		expect(o.tiles.directServed).toMatchObject({ value: 4, n: 4 });
		const board = protectOverview(o, 'hide');
		expect(board.tiles.directServed).toMatchObject({ value: null, n: 0 });
		expect(board.tiles.directSurveyed).toMatchObject({ value: null, n: 0 });
		expect(board.cells.tiles).toEqual(expect.arrayContaining(['directServed', 'directComplete']));
		expect(
			protectOverview(loadOverview(F(OCT), 14, NOW.getTime()), 'hide').tiles.directServed
		).toMatchObject({
			value: 6,
			n: 6
		});
	});

	it('reads indexes: no full scan of invitation, request, enrollment or beneficiary', () => {
		const plan = (f: ReturnType<typeof F>, order: 'decided' | 'person') => {
			const q = directSql(f, f, order)!;
			return ctx.db.$client
				.prepare(`explain query plan ${q.sql}`)
				.all(...q.params)
				.map((r) => (r as { detail: string }).detail);
		};
		const scans = (p: string[]) => p.filter((d) => /^SCAN (?!x$|\(subquery-\d+\)$)/.test(d)); // only subqueries are walked
		const f = F(OCT);
		const byDecision = plan(f, 'decided');
		expect(byDecision.join('\n')).toMatch(/request_decided_cover_idx/);
		expect(scans(byDecision)).toEqual([]);
		const byPerson = plan(f, 'person');
		expect(byPerson.join('\n')).toMatch(/request_beneficiary_cover_idx/);
		expect(byPerson.join('\n')).toMatch(/invitation_request_cover_idx/);
		expect(scans(byPerson)).toEqual([]);
		// a gender filter: the filter's people first, one seek per person into their requests
		const women = plan(F(`${OCT}&gender=female`), 'person').join('\n');
		expect(women).toMatch(
			/request_beneficiary_cover_idx \(beneficiary_id=\? AND decided_at>\? AND decided_at<\?\)/
		);
	});

	it('both ways through the requests count the same people', () => {
		for (const q of [
			OCT,
			`${OCT}&channel=web`,
			`${OCT}&gender=female`,
			'from=2026-09-01&to=2026-11-01'
		]) {
			const f = F(q);
			const counts = (order: 'decided' | 'person') => {
				const s = directSql(f, f, order)!;
				return ctx.db.$client.prepare(s.sql).get(...s.params);
			};
			expect(counts('person'), q).toEqual(counts('decided'));
			expect(counts('person'), q).toEqual(directCounts(f, f));
		}
	});
});
