import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';

const source = readFileSync(new URL('../../reach/reach.js', import.meta.url), 'utf8');

type Env = {
	href?: string;
	referrer?: string;
	webdriver?: boolean;
	prerendering?: boolean;
	test?: string;
	beacon?: boolean | 'full';
};

/** Runs src/lib/reach/reach.js in a fake browser and records what it sends. */
function browser(env: Env = {}) {
	const sent: { via: 'beacon' | 'fetch'; url: string; body: unknown; init?: RequestInit }[] = [];
	const docListeners: Record<string, (() => void)[]> = {};
	const winListeners: Record<string, (() => void)[]> = {};
	const location = {
		href: env.href ?? 'https://jamiya.org.sa/programs?x=1#top',
		get hostname() {
			return new URL(this.href).hostname;
		}
	};
	const navigator: Record<string, unknown> = { webdriver: env.webdriver ?? false };
	if (env.beacon !== false)
		navigator.sendBeacon = vi.fn((url: string, body: string) => {
			if (env.beacon === 'full') return false;
			sent.push({ via: 'beacon', url, body: JSON.parse(body) });
			return true;
		});
	const dataset: Record<string, string> = { site: 'SITEKEY' };
	if (env.test) dataset.test = env.test;
	const document = {
		currentScript: { src: 'https://rida.example/reach.js?v=3', dataset },
		referrer: env.referrer ?? 'https://t.co/abc',
		prerendering: env.prerendering ?? false,
		addEventListener: (type: string, fn: () => void) => (docListeners[type] ??= []).push(fn)
	};
	const history = {
		pushState(_state: unknown, _title: string, url?: string) {
			if (url) location.href = new URL(url, location.href).href;
		}
	};
	const sandbox: Record<string, unknown> = {
		document,
		navigator,
		location,
		history,
		innerWidth: 390,
		URL,
		JSON,
		addEventListener: (type: string, fn: () => void) => (winListeners[type] ??= []).push(fn),
		fetch: vi.fn((url: string, init: RequestInit) => {
			sent.push({ via: 'fetch', url, body: JSON.parse(String(init.body)), init });
			return Promise.resolve({ ok: true });
		})
	};
	sandbox.window = sandbox;
	const ctx = createContext(sandbox);
	const run = () => runInContext(source, ctx);
	run();
	return {
		sent,
		run,
		push: (url: string) => (sandbox.history as typeof history).pushState({}, '', url),
		back: (url: string) => {
			location.href = new URL(url, location.href).href;
			for (const fn of winListeners.popstate ?? []) fn();
		},
		activate: () => {
			document.prerendering = false;
			for (const fn of docListeners.prerenderingchange ?? []) fn();
		}
	};
}

describe('src/lib/reach/reach.js', () => {
	it('is under 1 KB gzipped and never touches cookies or storage', () => {
		expect(gzipSync(source, { level: 9 }).length).toBeLessThan(1024);
		expect(source.toLowerCase()).not.toContain('cookie');
		expect(source).not.toContain('localStorage');
		expect(source).not.toContain('sessionStorage');
		expect(source).not.toContain('indexedDB');
	});

	it('sends one beacon per page view to /api/collect on the script origin', () => {
		const b = browser();
		expect(b.sent).toEqual([
			{
				via: 'beacon',
				url: 'https://rida.example/api/collect',
				body: {
					s: 'SITEKEY',
					u: 'https://jamiya.org.sa/programs?x=1#top',
					r: 'https://t.co/abc',
					w: 390
				}
			}
		]);
	});

	it('tracks SPA navigation without duplicates; later views carry the previous page as referrer', () => {
		const b = browser();
		b.push('/about');
		b.push('/about'); // same URL → nothing
		b.push('/about#team'); // hash only → nothing
		b.back('/programs?x=1');
		b.back('/programs?x=1');
		expect(b.sent.map((s) => s.body)).toEqual([
			{ s: 'SITEKEY', u: 'https://jamiya.org.sa/programs?x=1#top', r: 'https://t.co/abc', w: 390 },
			{
				s: 'SITEKEY',
				u: 'https://jamiya.org.sa/about',
				r: 'https://jamiya.org.sa/programs?x=1',
				w: 390
			},
			{
				s: 'SITEKEY',
				u: 'https://jamiya.org.sa/programs?x=1',
				r: 'https://jamiya.org.sa/about',
				w: 390
			}
		]);
	});

	it('does not double-wrap when included twice', () => {
		const b = browser();
		b.run();
		b.push('/x');
		expect(b.sent).toHaveLength(2);
	});

	it('sends nothing for webdriver, local hosts or prerendering — unless data-test="1"', () => {
		expect(browser({ webdriver: true }).sent).toEqual([]);
		for (const href of [
			'http://localhost:5173/',
			'http://127.0.0.1/',
			'http://[::1]:3000/',
			'http://rida.local/'
		])
			expect(browser({ href }).sent, href).toEqual([]);
		expect(browser({ href: 'http://localhost:5173/', test: '1' }).sent).toHaveLength(1);
		expect(browser({ webdriver: true, test: '1' }).sent).toHaveLength(1);
		expect(browser({ href: 'https://notlocal.org.sa/' }).sent).toHaveLength(1);
	});

	it('waits for a prerendered page to be shown', () => {
		const b = browser({ prerendering: true });
		expect(b.sent).toEqual([]);
		b.activate();
		expect(b.sent).toHaveLength(1);
	});

	it('falls back to fetch with keepalive (text/plain body, no preflight)', () => {
		for (const beacon of [false, 'full'] as const) {
			const b = browser({ beacon });
			expect(b.sent).toHaveLength(1);
			expect(b.sent[0].via).toBe('fetch');
			expect(b.sent[0].url).toBe('https://rida.example/api/collect');
			expect(b.sent[0].init).toMatchObject({ method: 'POST', keepalive: true });
			expect(typeof b.sent[0].init?.body).toBe('string');
			expect(b.sent[0].init?.headers).toBeUndefined();
		}
	});
});
