/** The action routes' server side, called as SvelteKit would (real DB, real guard). */
import { describe, expect, it } from 'vitest';
import { useTestDb } from '$lib/server/testing';
import * as improvement from '$lib/server/improvements';
import { addDays, localDate } from '$lib/dates';
import { load as loadNew, actions as newActions } from './new/+page.server';
import { load as loadOne } from './[id=id]/+page.server';
import { takeFlash } from '$lib/server/flash';

/** A cookie jar with the calls SvelteKit's Cookies offers to actions (get/set/delete). */
function jar() {
	const m = new Map<string, string>();
	return {
		get: (n: string) => m.get(n),
		set: (n: string, v: string) => void m.set(n, v),
		delete: (n: string) => void m.delete(n)
	};
}

const ctx = useTestDb();
const sql = (s: string, ...p: unknown[]) => ctx.db.$client.prepare(s).run(...p);

type Role = 'admin' | 'quality' | 'relations' | 'board';
function event(role: Role, url: string, extra: Record<string, unknown> = {}) {
	const id = Number(
		sql(
			`insert into user (email, name, role) values (?, ?, ?)`,
			`${role}${Math.random()}@x`,
			role,
			role
		).lastInsertRowid
	);
	return {
		locals: { user: { id, role, name: role, email: 'x' } },
		url: new URL('http://x' + url),
		cookies: jar(),
		params: {},
		getClientAddress: () => '127.0.0.1',
		...extra
	} as never;
}

describe('/actions/new', () => {
	it('prefills from a response comment (source, program, text) for quality; board is refused', async () => {
		const v = Number(
			sql(`insert into survey_version (survey_id, hash, definition) values ('p', 'h', '{}')`)
				.lastInsertRowid
		);
		const p = Number(
			sql(
				`insert into program (name_ar, name_en, kind, start_date, end_date, survey_id) values ('أ', 'A', 'program', '2026-01-01', '2026-12-31', 'p')`
			).lastInsertRowid
		);
		const r = Number(
			sql(
				`insert into response (program_id, survey_version_id, submitted_at, local_date, answers, csat, comment) values (?, ?, ?, ?, '{}', 2, 'الانتظار طويل جدًا عند الاستقبال')`,
				p,
				v,
				Date.now(),
				addDays(localDate(new Date(), 'Asia/Riyadh'), -10)
			).lastInsertRowid
		);
		const data = (await loadNew(event('quality', `/actions/new?fromComment=${r}`))) as {
			values: Record<string, string>;
			comment: string;
		};
		expect(data.values).toMatchObject({
			source: 'comment',
			commentId: String(r),
			programId: String(p),
			indicator: 'csat'
		});
		expect(data.comment).toBe('الانتظار طويل جدًا عند الاستقبال');
		await expect(async () =>
			loadNew(event('board', `/actions/new?fromComment=${r}`))
		).rejects.toMatchObject({ status: 403 });
	});

	it('validates on the server and creates the action with its baseline', async () => {
		const bad = new FormData();
		bad.set('title', '');
		bad.set('source', 'aspect');
		bad.set('aspect', 'nonsense');
		bad.set('indicator', 'csat');
		bad.set('dueDate', '2026-02-30');
		const res = (await newActions.default(
			event('quality', '/actions/new', {
				request: new Request('http://x/actions/new', { method: 'POST', body: bad })
			})
		)) as { status: number; data: { errors: Record<string, string> } };
		expect(res.status).toBe(400);
		expect(res.data.errors).toMatchObject({
			title: 'errors.required',
			aspect: 'errors.choice',
			dueDate: 'errors.date'
		});

		const ok = new FormData();
		ok.set('title', 'مكتب ثانٍ');
		ok.set('source', 'aspect');
		ok.set('aspect', 'speed');
		ok.set('indicator', 'csat');
		ok.set('dueDate', '٢٠٢٦-١٢-٣١');
		const post = event('quality', '/actions/new', {
			request: new Request('http://x/actions/new', { method: 'POST', body: ok })
		});
		await expect(newActions.default(post)).rejects.toMatchObject({ status: 303 });
		const created = improvement.list().find((a) => a.title === 'مكتب ثانٍ')!;
		// The one "saved" notice waits in a cookie for the next page, once.
		expect(takeFlash(post)).toEqual({ key: 'actions.created', params: {} });
		expect(takeFlash(post)).toBeNull();
		expect(created).toMatchObject({
			source: 'aspect',
			sourceRef: 'speed',
			dueDate: '2026-12-31',
			status: 'open'
		});
		expect(created.baselineN).toBe(1); // the one response above, in the 90 days before today

		// board reads the action (no edit form); relations cannot
		const one = (await loadOne(
			event('board', `/actions/${created.id}`, { params: { id: String(created.id) } })
		)) as { form: unknown; canManage: boolean };
		expect(one.canManage).toBe(false);
		expect(one.form).toBeNull();
		await expect(async () =>
			loadOne(event('relations', `/actions/${created.id}`, { params: { id: String(created.id) } }))
		).rejects.toMatchObject({ status: 403 });
	});
});
