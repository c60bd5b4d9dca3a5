// The lean survey-answer path (lean.ts) on a real HTTP server and a real SQLite file: what it
// takes and answers itself, what it leaves to SvelteKit unread, and what it reads and hands
// over byte for byte before anything is written. tests/e2e/surveys.test.ts compares its
// answer with SvelteKit's on the built server.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invitation, response } from '../db/schema';
import { createInvitation, findByToken } from '../invitations';
import { resetConfig } from '../config';
import { syncDefinitions } from '../surveys/versions';
import { useTestDb } from '../testing';
import { answerLink, decideAnswer, storeAnswers } from './answer';
import { leanAnswer, resetLeanAnswer } from './lean';
import { eq } from 'drizzle-orm';

const ctx = useTestDb();
let server: Server;
let base = '';
/** What reached "SvelteKit" (the fallback): the request as it got it, body included. */
let passedOn: {
	method?: string;
	url?: string;
	headers: IncomingMessage['headers'];
	body: string;
}[];
const previous = process.env.ORIGIN;

beforeAll(async () => {
	server = createServer((req, res) => {
		const sveltekit = (r: IncomingMessage) => {
			const chunks: Buffer[] = [];
			r.on('data', (c: Buffer) => chunks.push(c));
			r.on('end', () => {
				passedOn.push({
					method: r.method,
					url: r.url,
					headers: r.headers,
					body: Buffer.concat(chunks).toString('utf8')
				});
				res.writeHead(418).end('sveltekit');
			});
		};
		if (!leanAnswer(req, res, sveltekit)) sveltekit(req);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
	process.env.ORIGIN = base;
	resetConfig();
	resetLeanAnswer();
	syncDefinitions();
});
afterAll(async () => {
	await new Promise<void>((r) => server.close(() => r()));
	if (previous === undefined) delete process.env.ORIGIN;
	else process.env.ORIGIN = previous;
	resetConfig();
	resetLeanAnswer();
});
beforeEach(() => {
	passedOn = [];
});

const serviceLink = (locale: 'ar' | 'en' = 'ar') =>
	createInvitation({ kind: 'request', surveyId: 'service-request', locale }).token;
const lastPage = {
	pageIndex: '0',
	nav: 'next',
	overall: '4',
	answered_in_time: 'true',
	courtesy: '5'
};
const enhanced = {
	'content-type': 'application/x-www-form-urlencoded',
	accept: 'application/json',
	'x-sveltekit-action': 'true'
};

async function post(
	token: string,
	form: Record<string, string> = lastPage,
	headers: Record<string, string> = {},
	action = '?/answer'
) {
	const r = await fetch(`${base}/s/${token}${action}`, {
		method: 'POST',
		headers: { origin: base, ...enhanced, ...headers },
		body: new URLSearchParams(form).toString(),
		redirect: 'manual'
	});
	return { status: r.status, headers: r.headers, body: await r.text() };
}

/** Invitation ids by token, taken while the link is open (a used one no longer resolves). */
const ids = new Map<string, number>();
const open = (locale: 'ar' | 'en' = 'ar') => {
	const token = serviceLink(locale);
	const f = findByToken(token);
	if (f.status === 'ok') ids.set(token, f.invitation.id);
	return token;
};
const stored = (token: string) => {
	const id = ids.get(token)!;
	const inv = ctx.db.select().from(invitation).where(eq(invitation.id, id)).get();
	const rows = ctx.db.select().from(response).where(eq(response.invitationId, id)).all();
	return { completed: !!inv?.completedAt, draft: inv?.draft ?? null, responses: rows.length };
};

describe('the lean survey-answer path', () => {
	it('answers an enhanced last-page post itself, once the response is stored', async () => {
		for (const locale of ['ar', 'en'] as const) {
			const token = open(locale);
			const r = await post(token);
			expect(passedOn).toEqual([]);
			expect(r.status).toBe(200);
			// SvelteKit's action result for { thanks: true, thanksLocale }, devalue-encoded
			expect(JSON.parse(r.body)).toEqual({
				type: 'success',
				status: 200,
				data: JSON.stringify([{ thanks: 1, thanksLocale: 2 }, true, locale])
			});
			expect(r.headers.get('content-type')).toBe('application/json');
			expect(r.headers.get('content-length')).toBe(String(Buffer.byteLength(r.body)));
			expect(r.headers.get('x-frame-options')).toBe('DENY');
			expect(r.headers.get('x-content-type-options')).toBe('nosniff');
			expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
			expect(r.headers.get('permissions-policy')).toContain('camera=()');
			expect(r.headers.get('set-cookie')).toBeNull();
			expect(stored(token)).toEqual({ completed: true, draft: null, responses: 1 });
		}
	});

	it('leaves to SvelteKit, unread, every post whose answer could differ', async () => {
		const token = open();
		const cases: [string, Record<string, string>, string?][] = [
			[
				'a charset parameter',
				{ 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }
			],
			['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
			['a page wanted', { accept: 'text/html' }],
			['json among others', { accept: 'application/json, text/html' }],
			['no JavaScript', { 'x-sveltekit-action': 'false' }],
			['a staff session', { cookie: 'rida_locale=ar; rida_session=abc' }],
			['another origin', { origin: 'https://evil.example' }],
			['the preview action', {}, '?/preview'],
			['the language switch', {}, '?/lang'],
			['two actions', {}, '?/answer&x=1']
		];
		for (const [what, headers, action] of cases) {
			passedOn = [];
			const r = await post(token, lastPage, headers, action);
			expect(r.status, what).toBe(418);
			expect(passedOn, what).toHaveLength(1);
			expect(passedOn[0].body, what).toBe(new URLSearchParams(lastPage).toString());
		}
		// not this route, or not a token findByToken can know
		for (const path of [`/s/${token}/`, '/s/short', `/r/${token}`]) {
			passedOn = [];
			const r = await fetch(`${base}${path}?/answer`, {
				method: 'POST',
				headers: { origin: base, ...enhanced },
				body: 'pageIndex=0'
			});
			expect(r.status, path).toBe(418);
		}
		// a body over the lean path's size
		passedOn = [];
		const big = await post(token, { ...lastPage, pad: 'x'.repeat(20_000) });
		expect(big.status).toBe(418);
		expect(passedOn[0].body.length).toBeGreaterThan(20_000);
		// without a known ORIGIN the URL SvelteKit sees depends on proxy headers
		delete process.env.ORIGIN;
		resetConfig();
		passedOn = [];
		expect((await post(token)).status).toBe(418);
		process.env.ORIGIN = base;
		resetConfig();
		expect(stored(token)).toEqual({ completed: false, draft: null, responses: 0 });
	});

	it('hands over what it read and does not answer, as sent, with nothing written', async () => {
		const cases: [string, string, Record<string, string>][] = [
			['an unknown link', 'NoSuchTokenNoSuchTokenNoSuchToken12', lastPage],
			['a refused answer', open(), { ...lastPage, overall: '9' }],
			['a missing required answer', open(), { pageIndex: '0', nav: 'next' }],
			['going back', open(), { ...lastPage, nav: 'back' }]
		];
		const multi = createInvitation({ kind: 'program', surveyId: 'post-program', locale: 'ar' });
		cases.push([
			'a page that is not the last',
			multi.token,
			{ pageIndex: '0', nav: 'next', overall: '5', recommend: '9' }
		]);
		const used = open();
		await post(used);
		cases.push(['a used link', used, lastPage]);
		for (const [what, token, form] of cases) {
			passedOn = [];
			const before = ctx.db.select().from(response).all().length;
			const drafts = ctx.db.select({ d: invitation.draft }).from(invitation).all();
			const body = new URLSearchParams(form).toString();
			const r = await post(token, form, { 'x-extra': 'kept' });
			expect(r.status, what).toBe(418);
			expect(passedOn, what).toHaveLength(1);
			const got = passedOn[0];
			expect(got.method, what).toBe('POST');
			expect(got.url, what).toBe(`/s/${token}?/answer`);
			expect(got.headers['x-extra'], what).toBe('kept');
			expect(got.headers['content-length'], what).toBe(String(Buffer.byteLength(body)));
			expect(got.body, what).toBe(body);
			expect(ctx.db.select().from(response).all().length, what).toBe(before);
			expect(ctx.db.select({ d: invitation.draft }).from(invitation).all(), what).toEqual(drafts);
		}
	});

	it('keeps the connection for the next request after a hand-over', async () => {
		// keep-alive: fetch reuses the socket; the answer after a hand-over is still lean
		const refused = open();
		expect((await post(refused, { ...lastPage, overall: '0' })).status).toBe(418);
		const token = open();
		passedOn = [];
		expect((await post(token)).status).toBe(200);
		expect(passedOn).toEqual([]);
	});

	it('refuses the second of two submissions of one link stored together (409), storing one', async () => {
		const token = open();
		const link = answerLink(token, () => 'ar');
		if (!link.ok) throw new Error('link');
		const form = new URLSearchParams(lastPage);
		const a = decideAnswer(link.inv, link.def, form);
		const b = decideAnswer(link.inv, link.def, form);
		if (!a.ok || !a.done || !b.ok || !b.done) throw new Error('decision');
		const [first, second] = await Promise.all([storeAnswers(a), storeAnswers(b)]);
		expect(first).toEqual({ ok: true, data: { thanks: true, thanksLocale: 'ar' } });
		expect(second).toMatchObject({ ok: false, status: 409, data: { state: 'used' } });
		expect(stored(token).responses).toBe(1);
	});
});
