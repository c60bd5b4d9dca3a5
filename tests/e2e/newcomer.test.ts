import type { Browser, Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO, expect, test } from './helpers';

// The first hour, exactly as README says: `npm start` with none of the test suite's
// environment (no ORIGIN, no NODE_ENV, no demo size, no log file), then the printed URL in
// Chromium: sign in, issue a survey link, answer the survey and submit the public request
// form, each with JavaScript on and off. Only PORT and DATABASE_PATH are set (both in
// README's configuration table), so the test neither takes port 3000 nor writes ./data.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const root = fileURLToPath(new URL('../..', import.meta.url));
let app: ChildProcess;
let base = '';
let out = '';
let dir = '';

const freePort = () =>
	new Promise<number>((res) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => res(port));
		});
	});

test.beforeAll(async () => {
	const port = await freePort();
	dir = mkdtempSync(join(tmpdir(), 'rida-newcomer-'));
	const env: Record<string, string> = {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		HOME: process.env.HOME ?? dir,
		PORT: String(port),
		DATABASE_PATH: join(dir, 'rida.db')
	};
	// Its own process group, like a terminal's foreground job: Ctrl-C or a service manager
	// signals npm, scripts/start.js and the server together.
	app = spawn('npm', ['start'], {
		cwd: root,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	app.stdout!.on('data', (d) => (out += d));
	app.stderr!.on('data', (d) => (out += d));
	const started = Date.now();
	while (!/Rida is running at (\S+)/.test(out)) {
		if (Date.now() - started > 120_000 || app.exitCode !== null)
			throw new Error('npm start did not come up:\n' + out.slice(-2000));
		await new Promise((r) => setTimeout(r, 200));
	}
	base = /Rida is running at (\S+)/.exec(out)![1];
});

test.afterAll(async () => {
	if (app?.pid && groupAlive(app.pid)) process.kill(-app.pid, 'SIGKILL');
	if (dir) rmSync(dir, { recursive: true, force: true });
});

function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function signIn(page: Page, role: keyof typeof DEMO) {
	await page.goto(base + '/login');
	await page.locator('input[name=email]').fill(DEMO[role].email);
	await page.locator('input[name=password]').fill(DEMO[role].password);
	// a plain POST answered with a redirect, JavaScript on or off (sign-in reloads the shell)
	const [res] = await Promise.all([
		page.waitForResponse((r) => r.url() === base + '/login' && r.request().method() === 'POST'),
		page.locator('main form button[type=submit]').first().click()
	]);
	expect(res.status()).toBe(303);
	await expect(page).not.toHaveURL(/\/login/);
	await expect(page.locator('body')).not.toContainText(/forbidden|403|500/i);
}

async function issueLink(page: Page): Promise<string> {
	await page.goto(base + '/programs');
	// An ended program of the demo association, with people who have not answered yet.
	const ended = page.locator('[data-testid=programs-table] tbody tr').filter({ hasText: 'منتهٍ' });
	const count = await ended.count();
	for (let i = 0; i < count; i++) {
		await page.goto(base + '/programs');
		await ended.nth(i).locator('a').first().click();
		// with JavaScript the click navigates client-side: wait for the program page itself
		await page.waitForURL(/\/programs\/\d+/);
		await expect(page.locator('h1')).toBeVisible();
		const buttons = page.getByTestId('new-link');
		if ((await buttons.count()) === 0) continue;
		await buttons.first().click();
		const link = (await page.getByTestId('invite-link').textContent())!.trim();
		expect(link.startsWith(base + '/s/')).toBe(true);
		return link;
	}
	throw new Error('no ended demo program with an open invitation');
}

/** Answers whatever the survey asks: the highest choice of each group, then next/submit. */
async function answerSurvey(browser: Browser, link: string, javaScriptEnabled: boolean) {
	const ctx = await browser.newContext({
		javaScriptEnabled,
		viewport: { width: 360, height: 740 },
		locale: 'ar-SA'
	});
	const page = await ctx.newPage();
	await page.goto(link);
	for (let step = 0; step < 10; step++) {
		if (await page.getByTestId('survey-thanks').isVisible()) break;
		const groups = await page
			.locator('form.sq-form input[type=radio]')
			.evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))]);
		for (const name of groups) {
			const last = page.locator(`form.sq-form input[type=radio][name="${name}"]`).last();
			const id = await last.getAttribute('id');
			await page.locator(`label[for="${id}"]`).click();
		}
		const before = await page.locator('main').innerText();
		await page.locator('form.sq-form button[name=nav][value=next]').click();
		// The next page (or the thank-you) replaces this one, with or without a reload.
		await expect.poll(() => page.locator('main').innerText()).not.toBe(before);
	}
	await expect(page.getByTestId('survey-thanks')).toBeVisible();
	await expect(page.locator('body')).not.toContainText(/forbidden|403/i);
	await ctx.close();
}

for (const javaScriptEnabled of [true, false]) {
	const js = javaScriptEnabled ? 'on' : 'off';

	test(`npm start, JavaScript ${js}: sign in at the printed URL, answer a survey, send /r`, async ({
		browser
	}) => {
		expect(base).toMatch(/^http:\/\/localhost:\d+$/);
		const ctx = await browser.newContext({ javaScriptEnabled, locale: 'ar-SA' });
		const page = await ctx.newPage();
		await signIn(page, 'relations');
		const link = await issueLink(page);
		await answerSurvey(browser, link, javaScriptEnabled);

		const visitor = await (await browser.newContext({ javaScriptEnabled })).newPage();
		await visitor.goto(base + '/r');
		await visitor.locator('input[name=name]').fill('زائر الموقع');
		await visitor.locator('input[name=mobile]').fill('0551234567');
		await visitor.locator('input[name=subject]').fill('استفسار عن برنامج');
		await visitor.locator('textarea[name=details]').fill('أرغب في معرفة مواعيد البرنامج القادم.');
		await visitor.locator('input[name=consent]').check();
		await visitor.locator('main form button[type=submit]').first().click();
		await expect(visitor.getByTestId('tracking-code')).toBeVisible();
		await ctx.close();
	});
}

test('a cross-site form post gets a clear 403 page, not a bare text or a 500', async ({
	browser
}) => {
	// An attacker's page on another origin, with a form posting to the login action.
	const evil = createHttpServer((_req, res) => {
		res.setHeader('content-type', 'text/html; charset=utf-8');
		res.end(
			`<form method="POST" action="${base}/login"><input name="email" value="x"><button>go</button></form>`
		);
	});
	await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
	const page = await (await browser.newContext()).newPage();
	await page.goto(`http://127.0.0.1:${(evil.address() as { port: number }).port}/`);
	const [res] = await Promise.all([
		page.waitForResponse((r) => r.url().startsWith(base + '/login')),
		page.locator('button').click()
	]);
	evil.close();
	expect(res.status()).toBe(403);
	await expect(page.locator('h1')).toBeVisible();
	await expect(page.locator('body')).toContainText(/عنوان غير عنوان رضا|another address/);
});

test('a sign-in form posted with any Accept header, or none, is answered 303 as a page', async () => {
	for (const accept of ['text/html', '*/*', null]) {
		const res = await fetch(base + '/login', {
			method: 'POST',
			headers: {
				origin: base,
				'content-type': 'application/x-www-form-urlencoded',
				...(accept ? { accept } : {})
			},
			body: new URLSearchParams({ email: DEMO.admin.email, password: DEMO.admin.password }),
			redirect: 'manual'
		});
		expect(res.status, `accept: ${accept}`).toBe(303);
		expect(res.headers.get('set-cookie'), `accept: ${accept}`).toContain('rida_session=');
	}
	// An enhanced form (use:enhance) still gets the action's JSON.
	const res = await fetch(base + '/login', {
		method: 'POST',
		headers: {
			origin: base,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({ email: DEMO.admin.email, password: DEMO.admin.password }),
		redirect: 'manual'
	});
	expect(res.status).toBe(200);
	expect(await res.json()).toMatchObject({ type: 'redirect', status: 303 });
});

test('SIGTERM stops the server within 10 s (jobs, outbox worker and database closed)', async () => {
	const t0 = Date.now();
	process.kill(-app.pid!, 'SIGTERM');
	while (groupAlive(app.pid!) && Date.now() - t0 < 10_000)
		await new Promise((r) => setTimeout(r, 100));
	expect(groupAlive(app.pid!), 'npm start still running 10 s after SIGTERM').toBe(false);
	expect(out).toContain('"msg":"stopped"');
	await expect(fetch(base + '/login')).rejects.toThrow();
});

test('with ORIGIN set, a form sent from another address shows the clear message, JavaScript on or off', async ({
	browser,
	baseURL
}) => {
	// The suite's server has ORIGIN=http://127.0.0.1:PORT; the same server opened as localhost
	// is "another address" to it (a misconfigured ORIGIN looks exactly like this).
	const other = baseURL!.replace('127.0.0.1', 'localhost');
	for (const javaScriptEnabled of [true, false]) {
		const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
		await page.goto(other + '/login');
		await page.locator('input[name=email]').fill(DEMO.quality.email);
		await page.locator('input[name=password]').fill(DEMO.quality.password);
		await page.locator('main form button[type=submit]').first().click();
		await expect(page.locator('body')).toContainText('عنوان غير عنوان رضا');
		await expect(page.locator('body')).not.toContainText(/500|Cross-site/);
	}
});
