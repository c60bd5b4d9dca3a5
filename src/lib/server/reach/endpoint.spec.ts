import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { site, siteDay, siteDayPage, siteDaySource, siteEvent, siteSalt } from '../db/schema';
import { useTestDb } from '../testing';
import { resetConfig } from '../config';
import { resetSaltCache } from './hash';
import { resetIpCap, resetSeen } from './collect';
import { leanHandler, SCRIPT_ETAG } from './endpoint';
import * as sites from './sites';

const ctx = useTestDb();
const UA =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const ORIGIN = 'https://charity.example';
let key = '';
let server: Server;
let base = '';
/** Whatever the lean handler passes on reaches this fallback (SvelteKit's place). */
let passedOn: string[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		if (leanHandler(req, res)) return;
		passedOn.push(`${req.method} ${req.url}`);
		res.writeHead(418).end();
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
	for (const t of [siteEvent, siteDay, siteDaySource, siteDayPage, siteSalt, site])
		ctx.db.delete(t).run();
	resetSaltCache();
	resetIpCap();
	resetSeen();
	passedOn = [];
	key = sites.create({ id: null }, { name: 'Site', origins: [ORIGIN] }).key;
});

const post = (body: string, headers: Record<string, string> = {}) =>
	fetch(base + '/api/collect', {
		method: 'POST',
		body,
		headers: { 'content-type': 'text/plain', origin: ORIGIN, 'user-agent': UA, ...headers }
	});
const beacon = (over: Record<string, unknown> = {}) =>
	JSON.stringify({ s: key, u: ORIGIN + '/programs', r: '', w: 390, ...over });

describe('lean collect path (scripts/server.js)', () => {
	it('answers 204 only once the page view is committed', async () => {
		const r = await post(beacon());
		expect(r.status).toBe(204);
		expect(r.headers.get('access-control-allow-origin')).toBe('*');
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(ctx.db.select().from(siteDay).all()).toEqual([
			expect.objectContaining({ views: 1, visitors: 1 })
		]);
	});

	it('counts many concurrent beacons exactly (rollups grouped per batch)', async () => {
		const rs = await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				post(beacon({ u: `${ORIGIN}/p${i % 3}` }), { 'user-agent': `${UA} ${i % 10}` })
			)
		);
		expect(rs.map((r) => r.status)).toEqual(Array(60).fill(204));
		const day = ctx.db.select().from(siteDay).all();
		expect(day[0]).toMatchObject({ views: 60, visitors: 10 });
		const pages = ctx.db.select().from(siteDayPage).all();
		expect(pages.map((p) => p.views).sort()).toEqual([20, 20, 20]);
		expect(ctx.db.select().from(siteDaySource).all()[0]).toMatchObject({
			views: 60,
			visitors: 10
		});
		expect(ctx.db.select().from(siteEvent).all()).toHaveLength(60);
	});

	it('400 for junk, an unknown site, a foreign origin and an oversized body; bots 204 unstored', async () => {
		expect((await post('not json')).status).toBe(400);
		expect((await post(beacon({ s: 'nope' }))).status).toBe(400);
		expect((await post(beacon(), { origin: 'https://evil.example' })).status).toBe(400);
		expect((await post(beacon({ r: 'x'.repeat(3000) }))).status).toBe(400);
		expect((await post(beacon(), { 'user-agent': 'Googlebot/2.1' })).status).toBe(204);
		expect(ctx.db.select().from(siteEvent).all()).toHaveLength(0);
	});

	it('reads a body sent in chunks, and refuses one that grows past 2 KB without a length', async () => {
		/** POST with chunked transfer encoding (no content-length), one write per part. */
		const chunked = (parts: (string | Buffer)[]) =>
			new Promise<number>((resolve, reject) => {
				const req = request(base + '/api/collect', {
					method: 'POST',
					headers: { 'content-type': 'text/plain', origin: ORIGIN, 'user-agent': UA }
				});
				req.on('response', (res) => {
					res.resume();
					resolve(res.statusCode!);
				});
				req.on('error', reject);
				for (const p of parts) req.write(p);
				req.end();
			});
		// Cut inside two-byte UTF-8 characters: the parts are joined before decoding.
		const arabic = Buffer.from(beacon({ u: ORIGIN + '/' + 'ب'.repeat(100) }));
		expect(
			await chunked([arabic.subarray(0, 61), arabic.subarray(61, 150), arabic.subarray(150)])
		).toBe(204);
		expect(ctx.db.select().from(siteDayPage).all()[0].path).toBe('/' + 'ب'.repeat(100));
		expect(await chunked([beacon().slice(0, 10), beacon().slice(10)])).toBe(204);
		expect(await chunked([beacon({ r: 'x'.repeat(1500) }), 'y'.repeat(1500)])).toBe(400);
		expect(ctx.db.select().from(siteEvent).all()).toHaveLength(2);
	});

	it('503 for every beacon of a batch whose write fails, nothing counted; the next batch is stored', async () => {
		ctx.db.$client.exec(
			"create trigger fail_beacons before insert on site_event begin select raise(abort, 'disk full'); end"
		);
		try {
			const rs = await Promise.all(Array.from({ length: 5 }, () => post(beacon())));
			expect(rs.map((r) => r.status)).toEqual(Array(5).fill(503));
		} finally {
			ctx.db.$client.exec('drop trigger fail_beacons');
		}
		expect(ctx.db.select().from(siteDay).all()).toEqual([]);
		expect((await post(beacon())).status).toBe(204);
		expect(ctx.db.select().from(siteDay).all()).toEqual([
			expect.objectContaining({ views: 1, visitors: 1 })
		]);
	});

	it('honours ADDRESS_HEADER / XFF_DEPTH for the visitor (as adapter-node does)', async () => {
		process.env.ADDRESS_HEADER = 'X-Forwarded-For';
		process.env.XFF_DEPTH = '1';
		resetConfig();
		try {
			for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.2'])
				expect((await post(beacon(), { 'x-forwarded-for': `10.0.0.9, ${ip}` })).status).toBe(204);
			expect(ctx.db.select().from(siteDay).all()[0]).toMatchObject({ views: 3, visitors: 2 });
			// The configured header missing: refused, nothing stored.
			expect((await post(beacon())).status).toBe(400);
		} finally {
			delete process.env.ADDRESS_HEADER;
			delete process.env.XFF_DEPTH;
			resetConfig();
		}
	});

	it('serves reach.js (gzip, ETag, 304) and its preflight; passes everything else on', async () => {
		const r = await fetch(base + '/reach.js', { headers: { 'accept-encoding': 'gzip' } });
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/javascript/);
		expect(r.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
		expect(r.headers.get('etag')).toBe(SCRIPT_ETAG);
		expect(await r.text()).toContain('sendBeacon');
		const again = await fetch(base + '/reach.js', { headers: { 'if-none-match': SCRIPT_ETAG } });
		expect(again.status).toBe(304);
		const pre = await fetch(base + '/api/collect', { method: 'OPTIONS' });
		expect(pre.status).toBe(204);
		expect(pre.headers.get('access-control-allow-methods')).toBe('POST');
		for (const p of ['/api/collect', '/reach.jsx', '/login'])
			expect((await fetch(base + p)).status).toBe(418);
		expect(passedOn).toEqual(['GET /api/collect', 'GET /reach.jsx', 'GET /login']);
	});
});
