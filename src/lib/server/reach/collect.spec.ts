import { beforeEach, describe, expect, it } from 'vitest';
import { site, siteDay, siteDayPage, siteDaySource, siteEvent, siteSalt } from '../db/schema';
import { useTestDb } from '../testing';
import {
	collect,
	flush,
	MAX_BEACON_BYTES,
	parseBeacon,
	purgeRawEvents,
	readLimited,
	resetSeen
} from './collect';
import { config } from '../config';
import { resetSaltCache } from './hash';
import * as sites from './sites';

const ctx = useTestDb();
const UA =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const UA2 =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const ORIGIN = 'https://charity.example';
let key = '';

const beacon = (over: Record<string, unknown> = {}) =>
	JSON.stringify({ s: key, u: ORIGIN + '/programs', r: '', w: 390, ...over });
const send = (over: Partial<Parameters<typeof collect>[0]> = {}) =>
	collect({
		body: beacon(),
		origin: ORIGIN,
		ip: '198.51.100.4',
		userAgent: UA,
		now: new Date('2026-05-01T08:00:00Z'),
		...over
	});

const count = (t: typeof siteEvent | typeof siteDay) => ctx.db.select().from(t).all().length;

beforeEach(() => {
	for (const t of [siteEvent, siteDay, siteDaySource, siteDayPage, siteSalt, site])
		ctx.db.delete(t).run();
	resetSaltCache();
	resetSeen();
	key = sites.create(
		{ id: null },
		{ name: 'Site', origins: [ORIGIN, 'https://www.charity.example'] }
	).key;
});

describe('collect', () => {
	it('stores a page view from a registered origin and updates the rollups', async () => {
		expect(await send()).toEqual({ status: 204, stored: true });
		const ev = ctx.db.select().from(siteEvent).all();
		expect(ev).toHaveLength(1);
		expect(ev[0]).toMatchObject({ day: '2026-05-01', path: '/programs', source: 'direct' });
		expect(ev[0].visitor).toMatch(/^[0-9a-f]{32}$/);
		// Neither the IP nor the UA is stored anywhere in the row.
		expect(JSON.stringify(ev[0])).not.toMatch(/198\.51|Mozilla/);
		expect(ctx.db.select().from(siteDay).all()).toEqual([
			expect.objectContaining({ day: '2026-05-01', views: 1, visitors: 1 })
		]);
		expect(ctx.db.select().from(siteDayPage).all()).toEqual([
			expect.objectContaining({ path: '/programs', views: 1 })
		]);
	});

	it('counts daily uniques: same visitor twice = 1 visitor 2 views; another UA = a second visitor', async () => {
		await Promise.all([
			send(),
			send({ body: beacon({ u: ORIGIN + '/about', r: 'https://www.google.com/' }) }),
			send({ userAgent: UA2 })
		]);
		const day = ctx.db.select().from(siteDay).get()!;
		expect(day).toMatchObject({ views: 3, visitors: 2 });
		const src = Object.fromEntries(
			ctx.db
				.select()
				.from(siteDaySource)
				.all()
				.map((r) => [r.source, [r.views, r.visitors]])
		);
		expect(src).toEqual({ direct: [2, 2], search: [1, 1] });
		const pages = Object.fromEntries(
			ctx.db
				.select()
				.from(siteDayPage)
				.all()
				.map((r) => [r.path, r.views])
		);
		expect(pages).toEqual({ '/programs': 2, '/about': 1 });
	});

	it('the next local day the same visitor is a new unique (salt rotation)', async () => {
		await send({ now: new Date('2026-05-01T20:59:00Z') });
		await send({ now: new Date('2026-05-01T21:01:00Z') });
		const days = ctx.db
			.select()
			.from(siteDay)
			.all()
			.map((r) => [r.day, r.visitors]);
		expect(days).toEqual([
			['2026-05-01', 1],
			['2026-05-02', 1]
		]);
		const visitors = new Set(
			ctx.db
				.select()
				.from(siteEvent)
				.all()
				.map((e) => e.visitor)
		);
		expect(visitors.size).toBe(2);
		expect(ctx.db.select({ day: siteSalt.day }).from(siteSalt).all()).toEqual([
			{ day: '2026-05-02' }
		]);
	});

	it('refuses unregistered sites and origins with 400, storing nothing', async () => {
		expect(await send({ body: beacon({ s: 'nope' }) })).toMatchObject({
			status: 400,
			reason: 'unknownSite'
		});
		expect(await send({ body: beacon({ u: 'https://evil.example/x' }) })).toMatchObject({
			status: 400,
			reason: 'origin'
		});
		expect(await send({ origin: 'https://evil.example' })).toMatchObject({
			status: 400,
			reason: 'origin'
		});
		// A page on the registered origin with no Origin header, or Origin: null, is accepted.
		expect(await send({ origin: null })).toMatchObject({ status: 204, stored: true });
		expect(await send({ origin: 'null' })).toMatchObject({ status: 204, stored: true });
		expect(count(siteEvent)).toBe(2);
	});

	it('never fails on junk: 400 and nothing stored', async () => {
		const junk = [
			'',
			'null',
			'[]',
			'{',
			'{"s":1}',
			JSON.stringify({ s: key }),
			JSON.stringify({ s: key, u: 'javascript:alert(1)' }),
			JSON.stringify({ s: key, u: ORIGIN, r: 5 }),
			'\u0000\u0001'
		];
		for (const body of junk)
			expect(await send({ body })).toMatchObject({ status: 400, stored: false });
		expect(await send({ body: null })).toMatchObject({ status: 400, reason: 'tooLarge' });
		expect(count(siteEvent)).toBe(0);
	});

	it('drops bots and automated browsers with 204, storing nothing', async () => {
		for (const ua of [
			'Googlebot/2.1 (+http://www.google.com/bot.html)',
			'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36',
			'',
			null
		])
			expect(await send({ userAgent: ua })).toEqual({ status: 204, stored: false, reason: 'bot' });
		expect(await send({ headers: new Headers({ 'sec-purpose': 'prefetch' }) })).toMatchObject({
			reason: 'bot'
		});
		expect(count(siteEvent)).toBe(0);
	});

	it('a site registered after start is accepted at once (cache invalidated)', async () => {
		const k2 = sites.create({ id: null }, { name: 'Two', origins: ['http://127.0.0.1:8123'] }).key;
		expect(
			await collect({
				body: JSON.stringify({ s: k2, u: 'http://127.0.0.1:8123/' }),
				origin: 'http://127.0.0.1:8123',
				ip: '1.1.1.1',
				userAgent: UA
			})
		).toMatchObject({
			status: 204,
			stored: true
		});
	});

	it('batches concurrent requests into one commit, every one acknowledged after it', async () => {
		const n = 120;
		const outs = await Promise.all(
			Array.from({ length: n }, (_, i) => send({ ip: `10.0.${i >> 8}.${i & 255}` }))
		);
		expect(outs.every((o) => o.status === 204 && o.stored)).toBe(true);
		expect(ctx.db.select().from(siteDay).get()).toMatchObject({ views: n, visitors: n });
		flush(); // nothing pending: a no-op
	});

	it('purges raw events older than the retention, keeping rollups', async () => {
		await send({ now: new Date('2026-03-01T08:00:00Z') });
		await send({ now: new Date('2026-05-01T08:00:00Z') });
		expect(purgeRawEvents(new Date('2026-05-02T00:00:00Z'), 30)).toBe(1);
		expect(count(siteEvent)).toBe(1);
		expect(count(siteDay)).toBe(2);
	});
});

describe('parsing helpers', () => {
	it('parseBeacon keeps only the expected shape', () => {
		expect(
			parseBeacon('{"s":"k","u":"https://a.example/p?q=1","r":"https://b.example/","w":320}')
		).toEqual({ s: 'k', u: 'https://a.example/p?q=1', r: 'https://b.example/', w: 320 });
		expect(
			parseBeacon(JSON.stringify({ s: 'k', u: 'https://a.example/' + 'x'.repeat(1000) }))
		).toBeNull();
		expect(parseBeacon('x'.repeat(MAX_BEACON_BYTES + 1))).toBeNull();
	});
	it('readLimited stops over the limit', async () => {
		const stream = (s: string) => new Response(s).body;
		expect(await readLimited(stream('hello'))).toBe('hello');
		expect(await readLimited(stream('x'.repeat(MAX_BEACON_BYTES + 1)))).toBeNull();
		expect(await readLimited(null)).toBe('');
	});
});

describe('one client cannot inflate the visitor count', () => {
	// The default of REACH_VISITORS_PER_IP.
	const VISITORS_PER_IP = 50;
	it('the default cap is 50', () => expect(config().reach.visitorsPerIp).toBe(VISITORS_PER_IP));
	const uaN = (i: number) => UA.replace('Chrome/131.0', `Chrome/131.0.${i}`);

	it('300 beacons with 300 user agents from one IP add at most the per-IP cap of visitors', async () => {
		await send({ ip: '203.0.113.9' }); // one ordinary visitor first
		for (let i = 0; i < 300; i++) await send({ userAgent: uaN(i) });
		const day = ctx.db.select().from(siteDay).get()!;
		expect(day.views).toBe(301); // page views are still counted
		// Default cap 50 new visitors per IP per site per day, then one shared "over the cap"
		// visitor for that IP: 1 + 50 + 1, not 301.
		expect(day.visitors).toBe(VISITORS_PER_IP + 2);
		// Another address is still a new visitor.
		await send({ ip: '198.51.100.77' });
		expect(ctx.db.select().from(siteDay).get()!.visitors).toBe(VISITORS_PER_IP + 3);
		// Nothing in the stored rows carries the IP.
		expect(JSON.stringify(ctx.db.select().from(siteEvent).all())).not.toMatch(/198\.51|203\.0/);
	});

	it("a visitor sent to its address's overflow visitor stays there all day; the rollups equal raw SQL", async () => {
		const N = VISITORS_PER_IP + 20;
		const ref = (i: number) => (i % 3 ? '' : 'https://www.google.com/');
		// One by one, then the same browsers again all at once (one batch, one transaction).
		for (let i = 0; i < N; i++) await send({ userAgent: uaN(i), body: beacon({ r: ref(i) }) });
		await Promise.all(
			Array.from({ length: N }, (_, i) => send({ userAgent: uaN(i), body: beacon({ r: ref(i) }) }))
		);
		const day = ctx.db.select().from(siteDay).get()!;
		expect(day).toMatchObject({ views: 2 * N, visitors: VISITORS_PER_IP + 1 });
		const sql = ctx.db.$client;
		expect(
			sql
				.prepare('select count(*) as views, count(distinct visitor) as visitors from site_event')
				.get()
		).toEqual({ views: day.views, visitors: day.visitors });
		expect(
			sql.prepare('select source, views, visitors from site_day_source order by source').all()
		).toEqual(
			sql
				.prepare(
					'select source, count(*) as views, count(distinct visitor) as visitors from site_event group by source order by source'
				)
				.all()
		);
	});

	it('an IPv6 client rotating addresses inside its /64 shares one cap', async () => {
		for (let i = 0; i < 120; i++)
			await send({ ip: `2001:db8:1:2:${(i + 1).toString(16)}::1`, userAgent: uaN(i) });
		expect(ctx.db.select().from(siteDay).get()!.visitors).toBe(VISITORS_PER_IP + 1);
	});

	it('the cap is per day: the next local day the client counts again', async () => {
		for (let i = 0; i < VISITORS_PER_IP + 10; i++) await send({ userAgent: uaN(i) });
		await send({ userAgent: uaN(1000), now: new Date('2026-05-02T08:00:00Z') });
		const days = ctx.db
			.select()
			.from(siteDay)
			.all()
			.map((r) => [r.day, r.visitors]);
		expect(days).toEqual([
			['2026-05-01', VISITORS_PER_IP + 1],
			['2026-05-02', 1]
		]);
	});
});

describe('personal data in beacon paths is not stored', () => {
	it('emails and digit runs (phones, ids) are replaced before storage', async () => {
		const paths = [
			'/profile/ahmad.ali@example.com/edit',
			'/u/ahmad%40example.com',
			'/call/0551234567',
			'/call/+966%2055%20123%204567',
			'/ar/%D9%A0%D9%A5%D9%A5%D9%A1%D9%A2%D9%A3%D9%A4%D9%A5%D9%A6%D9%A7', // ٠٥٥١٢٣٤٥٦٧
			'/case/1098765432/status',
			'/news/2026/05/eid'
		];
		for (const p of paths) await send({ body: beacon({ u: ORIGIN + p }) });
		await send({ body: beacon({ u: ORIGIN + '/x?utm_source=ahmad@example.com' }) });
		const stored = [
			...ctx.db
				.select()
				.from(siteEvent)
				.all()
				.map((e) => [e.path, e.utmSource]),
			...ctx.db
				.select()
				.from(siteDayPage)
				.all()
				.map((p) => p.path)
		];
		const all = JSON.stringify(stored);
		expect(all).not.toMatch(/ahmad|example\.com|0551234567|123|٠٥٥|1098765432/);
		const pages = ctx.db
			.select()
			.from(siteDayPage)
			.all()
			.map((p) => p.path)
			.sort();
		expect(pages).toEqual(
			[
				'/profile/:email/edit',
				'/u/:email',
				'/call/:n',
				'/ar/:n',
				'/case/:n/status',
				'/news/2026/05/eid',
				'/x'
			].sort()
		);
	});
});
