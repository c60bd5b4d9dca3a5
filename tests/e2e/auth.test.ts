/**
 * Authentication against the built app over real HTTP: parallel guessing, one-time links
 * posted in parallel, `next` redirects in Chromium, the headers of private pages, and the
 * password policy in the form.
 */
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { DEMO, expect, login, test } from './helpers';

async function signedIn(
	playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
	baseURL: string,
	who: keyof typeof DEMO
) {
	const request = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html' }
	});
	const res = await request.post('/login', {
		form: { email: DEMO[who].email, password: DEMO[who].password },
		maxRedirects: 0
	});
	expect(res.status(), `sign in as ${who}`).toBe(303);
	return request;
}

/** Creates a staff account as the admin; returns the invitation link when no password is given. */
async function createUser(admin: APIRequestContext, email: string, password = '') {
	const res = await admin.post('/settings/users?/create', {
		form: { name: 'حساب اختبار', email, role: 'quality', locale: 'ar', password },
		headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	const body = await res.text();
	expect(body, body.slice(0, 200)).toContain('"type":"success"');
	return body.match(/\/password\/([a-z0-9]+)/)?.[1];
}

test('60 parallel wrong passwords: at most 5 are checked, and the right one then does not sign in', async ({
	playwright,
	baseURL
}) => {
	const admin = await signedIn(playwright, baseURL!, 'admin');
	const email = `target.${Date.now()}@example.org`;
	const right = 'the target account passphrase';
	await createUser(admin, email, right);
	await admin.dispose();

	const attacker = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	const post = (password: string) =>
		attacker.post('/login', { form: { email, password }, maxRedirects: 0 });
	const wrong: Promise<APIResponse>[] = [];
	for (let i = 0; i < 60; i++) wrong.push(post(`wrong guess number ${i}`));
	// The right password goes out while the burst is in flight, as soon as the server has
	// refused one guess (or after all of them, if it never does).
	const firstRefusal = new Promise<void>((resolve) => {
		for (const p of wrong) void p.then((r) => r.status() === 429 && resolve(), resolve);
		void Promise.allSettled(wrong).then(() => resolve());
	});
	await firstRefusal;
	const rightTry = post(right);
	const statuses = (await Promise.all(wrong)).map((r) => r.status());
	const rightRes = await rightTry;

	const checked = statuses.filter((s) => s === 400).length;
	expect(
		statuses.every((s) => s === 400 || s === 429),
		statuses.join(',')
	).toBe(true);
	expect(checked, statuses.join(',')).toBeGreaterThan(0);
	expect(checked, statuses.join(',')).toBeLessThanOrEqual(5);
	expect(rightRes.status()).toBe(429);
	expect(rightRes.headers()['set-cookie'] ?? '').not.toContain('rida_session=');
	await attacker.dispose();
});

test('a set-password link posted 4 times in parallel sets one password; the others are refused', async ({
	playwright,
	baseURL
}) => {
	const admin = await signedIn(playwright, baseURL!, 'admin');
	const email = `invited.${Date.now()}@example.org`;
	const token = await createUser(admin, email);
	expect(token).toBeTruthy();
	await admin.dispose();

	const visitor = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	const passwords = [1, 2, 3, 4].map((i) => `parallel chosen passphrase ${i}`);
	const results = await Promise.all(
		passwords.map((pw) =>
			visitor.post(`/password/${token}`, {
				form: { password: pw, confirm: pw },
				maxRedirects: 0
			})
		)
	);
	const statuses = results.map((r) => r.status());
	expect(
		statuses.filter((s) => s === 303),
		statuses.join(',')
	).toHaveLength(1);
	expect(
		statuses.filter((s) => s === 403),
		statuses.join(',')
	).toHaveLength(3);
	const winner = passwords[statuses.indexOf(303)];
	const signIn = await visitor.post('/login', {
		form: { email, password: winner },
		maxRedirects: 0
	});
	expect(signIn.status()).toBe(303);
	await visitor.dispose();
});

for (const javaScriptEnabled of [false, true]) {
	test(`a tab in next cannot send the browser off site (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
		browser,
		baseURL
	}) => {
		const context = await browser.newContext({ javaScriptEnabled });
		const page = await context.newPage();
		// Chromium strips the tab from a Location header: "/\t/evil.example" → "//evil.example".
		await page.goto('/login?next=' + encodeURIComponent('/\t/evil.example'));
		await page.locator('input[name=email]').fill(DEMO.quality.email);
		await page.locator('input[name=password]').fill(DEMO.quality.password);
		await page.locator('main form button[type=submit]').click();
		await expect(page).not.toHaveURL(/\/login/);
		expect(new URL(page.url()).origin).toBe(baseURL);
		await context.close();
	});
}

test('next keeps same-origin paths and refuses the rest; /locale too', async ({
	playwright,
	baseURL
}) => {
	const request = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	const kept = await request.post('/login?next=' + encodeURIComponent('/requests?status=open'), {
		form: { email: DEMO.relations.email, password: DEMO.relations.password },
		maxRedirects: 0
	});
	expect(kept.headers()['location']).toBe('/requests?status=open');
	for (const next of [
		'/\t/evil.example',
		'/\\evil.example',
		'//evil.example',
		'/.//evil.example'
	]) {
		const res = await request.post('/locale', {
			form: { locale: 'ar', next },
			maxRedirects: 0
		});
		expect(res.status()).toBe(303);
		expect(res.headers()['location'], JSON.stringify(next)).toBe('/');
	}
	const back = await request.post('/locale', {
		form: { locale: 'ar', next: '/requests?status=open' },
		maxRedirects: 0
	});
	expect(back.headers()['location']).toBe('/requests?status=open');
	await request.dispose();
});

test('private pages are not stored; Permissions-Policy everywhere; no HSTS over plain http', async ({
	page
}) => {
	const loginPage = await page.goto('/login');
	expect(loginPage!.headers()['permissions-policy']).toMatch(/camera=\(\)/);
	expect(loginPage!.headers()['strict-transport-security']).toBeUndefined();
	await login(page, 'quality');
	for (const path of ['/', '/dashboard', '/programs']) {
		const res = await page.goto(path);
		const h = res!.headers();
		expect(h['cache-control'], path).toBe('no-store');
		expect(h['permissions-policy'], path).toMatch(/microphone=\(\), /);
		expect(h['permissions-policy'], path).toMatch(/geolocation=\(\)/);
		expect(h['permissions-policy'], path).toMatch(/payment=\(\)/);
		expect(h['strict-transport-security'], path).toBeUndefined();
	}
	// Client-side navigation data too (SvelteKit itself marks it "private, no-store").
	const data = await page.request.get('/dashboard/__data.json');
	expect(data.headers()['cache-control']).toMatch(/(^|, )no-store$/);
});

test('a common or short password is refused with a translated message', async ({ page }) => {
	await login(page, 'admin', '/settings/users');
	const form = page.locator('form[action="?/create"]');
	await form.locator('input[name=name]').fill('كلمة مرور ضعيفة');
	await form.locator('input[name=email]').fill(`weak.${Date.now()}@example.org`);
	await form.locator('select[name=role]').selectOption('board');
	await form.locator('input[name=password]').fill('password1234');
	await form.locator('button[type=submit]').click();
	await expect(form.getByText('كلمة المرور هذه شائعة أو سهلة التخمين')).toBeVisible();
	await form.locator('input[name=password]').fill('Zq8#vL2!pW9');
	await form.locator('button[type=submit]').click();
	await expect(form.getByText('كلمة المرور قصيرة: 12 حرفًا على الأقل.')).toBeVisible();
});
