// The report PDF's limits: one render per user at a time, a small global queue, and an
// abandoned request cancels its render. Chromium is replaced by a fake whose pages load only
// when the test says so (the real one is exercised by tests/e2e/reports.test.ts).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

type FakePage = { url: string; release: () => void };
const browsers: { closed: boolean; pages: FakePage[] }[] = [];

vi.mock('playwright-core', () => ({
	chromium: {
		launch: async () => {
			const b = { closed: false, pages: [] as FakePage[] };
			browsers.push(b);
			const closers: (() => void)[] = [];
			return {
				newContext: async () => ({
					addCookies: async () => {},
					newPage: async () => ({
						goto: (url: string) =>
							new Promise((resolve, reject) => {
								const page: FakePage = {
									url,
									release: () => {
										b.pages.splice(b.pages.indexOf(page), 1);
										resolve({ ok: () => true, status: () => 200 });
									}
								};
								b.pages.push(page);
								closers.push(() =>
									reject(new Error('Target page, context or browser has been closed'))
								);
							}),
						emulateMedia: async () => {},
						pdf: async () => Buffer.from('%PDF-1.7 fake')
					})
				}),
				close: async () => {
					b.closed = true;
					for (const c of closers) c();
				}
			};
		}
	}
}));

// The route's "is Chromium installed?" check looks for this file: any existing one will do.
process.env.RIDA_CHROMIUM = process.execPath;
const { renderPdf } = await import('./pdf');
const { GET } = await import('../../../routes/(app)/reports/[year]/[quarter]/pdf/+server');
const { useTestDb } = await import('../testing');
useTestDb();

const tick = () => new Promise((r) => setTimeout(r, 5));
/** Waits until `n` fake pages are loading (launch and navigation are async). */
async function pagesLoading(n: number) {
	for (let i = 0; i < 400; i++) {
		const open = browsers.filter((b) => !b.closed).flatMap((b) => b.pages).length;
		if (open >= n) return;
		await tick();
	}
	throw new Error(`expected ${n} pages loading`);
}
const openPages = () => browsers.filter((b) => !b.closed).flatMap((b) => b.pages);
const cookie = { name: 'rida_session', value: 'x' };
const settle = <T>(p: Promise<T>) =>
	p.then(
		(v) => ({ ok: true as const, v }),
		(e: Error) => ({ ok: false as const, e })
	);

afterEach(async () => {
	// Let whatever is still loading finish so the next test starts with an empty queue.
	for (let i = 0; i < 20 && openPages().length; i++) {
		for (const p of openPages()) p.release();
		await tick();
	}
	browsers.length = 0;
});

describe('renderPdf limits', () => {
	beforeAll(() => {
		expect(browsers).toHaveLength(0);
	});

	it('one render per user at a time: a second one for the same user is refused at once', async () => {
		const first = settle(renderPdf('http://app/reports/2026/1', cookie, { owner: 'user:1' }));
		await pagesLoading(1);
		const second = await settle(
			renderPdf('http://app/reports/2026/2', cookie, { owner: 'user:1' })
		);
		expect(second.ok).toBe(false);
		expect(!second.ok && second.e.name).toBe('PdfBusyError');
		expect(!second.ok && (second.e as Error & { reason: string }).reason).toBe('user');
		expect(browsers).toHaveLength(1); // no second Chromium was started
		openPages()[0].release();
		expect((await first).ok).toBe(true);
		// Once it is done, the same user may render again.
		const again = settle(renderPdf('http://app/reports/2026/2', cookie, { owner: 'user:1' }));
		await pagesLoading(1);
		openPages()[0].release();
		expect((await again).ok).toBe(true);
	});

	it('at most two Chromiums at once; a few more wait; beyond that, refused', async () => {
		const jobs = [1, 2, 3, 4, 5, 6].map((u) =>
			settle(renderPdf(`http://app/r/${u}`, cookie, { owner: `user:${u}` }))
		);
		await pagesLoading(2);
		await tick();
		expect(browsers).toHaveLength(2); // two running, the rest wait
		const overflow = await settle(renderPdf('http://app/r/7', cookie, { owner: 'user:7' }));
		expect(!overflow.ok && (overflow.e as Error & { reason: string }).reason).toBe('queue');
		// Everyone admitted is served in turn, never more than two at once.
		let max = 0;
		for (let done = 0; done < 6;) {
			await tick();
			const open = openPages();
			max = Math.max(max, browsers.filter((b) => !b.closed).length);
			for (const p of open) {
				p.release();
				done++;
			}
		}
		const results = await Promise.all(jobs);
		expect(results.every((r) => r.ok)).toBe(true);
		expect(max).toBeLessThanOrEqual(2);
	});

	it('an abandoned request cancels its render: Chromium is closed, the slot freed', async () => {
		const ctrl = new AbortController();
		const job = settle(
			renderPdf('http://app/r/slow', cookie, { owner: 'user:1', signal: ctrl.signal })
		);
		await pagesLoading(1);
		ctrl.abort();
		const r = await job;
		expect(r.ok).toBe(false);
		expect(browsers[0].closed).toBe(true);
		// The user (and the slot) are free again at once.
		const next = settle(renderPdf('http://app/r/next', cookie, { owner: 'user:1' }));
		await pagesLoading(1);
		openPages()[0].release();
		expect((await next).ok).toBe(true);
	});

	it('a request abandoned while waiting in the queue never starts Chromium', async () => {
		const a = settle(renderPdf('http://app/r/a', cookie, { owner: 'user:1' }));
		const b = settle(renderPdf('http://app/r/b', cookie, { owner: 'user:2' }));
		await pagesLoading(2);
		const ctrl = new AbortController();
		const waiting = settle(
			renderPdf('http://app/r/c', cookie, { owner: 'user:3', signal: ctrl.signal })
		);
		await tick();
		ctrl.abort();
		expect((await waiting).ok).toBe(false);
		for (const p of openPages()) p.release();
		await Promise.all([a, b]);
		expect(browsers).toHaveLength(2); // user 3's render never launched
	});
});

describe('GET /reports/<year>/<quarter>/pdf', () => {
	function get(userId: number, signal?: AbortSignal): Promise<Response> {
		return Promise.resolve().then(() =>
			GET({
				params: { year: '2026', quarter: '1' },
				locals: { user: { id: userId, role: 'board', name: 'b', email: 'b@x' }, locale: 'en' },
				cookies: { get: () => 'session-token' },
				request: new Request('http://x/reports/2026/1/pdf', { signal }),
				url: new URL('http://x/reports/2026/1/pdf')
			} as never)
		);
	}
	const status = (p: Promise<Response>) =>
		p.then(
			(r) => r.status,
			(e: { status?: number; body?: { message: string } }) => `${e.status} ${e.body?.message}`
		);

	it('a second click while the first PDF is made gets 429; a full queue 503; then it works', async () => {
		const first = get(1);
		await pagesLoading(1);
		expect(await status(get(1))).toBe('429 errors.pdfOwnBusy');
		const others = [2, 3, 4, 5, 6].map((u) => get(u)); // 1 more running, 4 waiting
		await pagesLoading(2);
		expect(await status(get(7))).toBe('503 errors.pdfBusy');
		for (let i = 0; i < 6;) {
			await tick();
			for (const p of openPages()) {
				p.release();
				i++;
			}
		}
		const res = await first;
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect((await Promise.all(others)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
	});

	it('a request the browser abandons stops its Chromium', async () => {
		const ctrl = new AbortController();
		const res = get(1, ctrl.signal);
		await pagesLoading(1);
		ctrl.abort();
		expect((await res).status).toBe(499);
		expect(browsers[0].closed).toBe(true);
		// And the user may ask again at once.
		const again = get(1);
		await pagesLoading(1);
		openPages()[0].release();
		expect((await again).status).toBe(200);
	});
});
