/**
 * The website counter end to end: a page on ANOTHER local origin embeds /reach.js (with
 * data-test="1", since it runs in an automated browser on loopback); Chromium visits it
 * twice and once more with another user agent → 2 unique visitors, 3 page views. A bot
 * user agent and a page on an unregistered origin count nothing.
 */
import type { Browser } from '@playwright/test';
import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, login, test } from './helpers';

const UA_A =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const UA_B =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const UA_BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
/**
 * The client hints each visitor's browser sends with its user agent. They replace the test
 * browser's own, whose brand (HeadlessChrome in the headless shell) rightly marks it as
 * automation. Safari sends none: an empty value.
 */
const HINTS: Record<string, string> = {
	[UA_A]: '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
	[UA_B]: '',
	[UA_BOT]: ''
};

let siteKey = '';
const servers: Server[] = [];

/** A tiny static site on a free loopback port whose pages embed the counter. */
async function startSite(appOrigin: string, key: () => string): Promise<string> {
	const server = createServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0];
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(`<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${path}</title>
<script defer src="${appOrigin}/reach.js" data-site="${key()}" data-test="1"></script></head>
<body><h1>صفحة ${path}</h1><a href="/about">عن الجمعية</a></body></html>`);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	servers.push(server);
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function views(siteId: number): { views: number; visitors: number; events: number } {
	const db = new Database(join(process.env.E2E_DATA!, 'e2e.db'), { readonly: true });
	try {
		const d = db
			.prepare(
				'select coalesce(sum(views),0) as views, coalesce(sum(visitors),0) as visitors from site_day where site_id = ?'
			)
			.get(siteId) as { views: number; visitors: number };
		const e = db.prepare('select count(*) as n from site_event where site_id = ?').get(siteId) as {
			n: number;
		};
		return { ...d, events: e.n };
	} finally {
		db.close();
	}
}

async function visit(browser: Browser, userAgent: string, urls: string[]) {
	const ctx = await browser.newContext({
		userAgent,
		extraHTTPHeaders: { 'sec-ch-ua': HINTS[userAgent] ?? '' }
	});
	const page = await ctx.newPage();
	const statuses: number[] = [];
	for (const url of urls) {
		const beacon = page.waitForResponse((r) => r.url().endsWith('/api/collect'));
		await page.goto(url);
		statuses.push((await beacon).status());
	}
	await ctx.close();
	return statuses;
}

test.afterAll(async () => {
	for (const s of servers) await new Promise((r) => s.close(r));
});

test('website counter: 2 unique visitors, 3 page views; bots and unregistered origins count nothing', async ({
	page,
	browser,
	baseURL
}) => {
	const siteOrigin = await startSite(baseURL!, () => siteKey);
	const strangerOrigin = await startSite(baseURL!, () => siteKey);

	const script = await page.request.get('/reach.js');
	expect(script.headers()['cache-control']).toContain('max-age=86400');
	expect(script.headers()['cross-origin-resource-policy']).toBe('cross-origin');
	expect(await script.text()).toMatch(/^\/\*! Rida reach counter/);

	await login(page, 'admin', '/settings/sites');
	await page.getByLabel('اسم الموقع').last().fill('موقع الاختبار');
	await page.getByLabel('العناوين المسموح بها').last().fill(siteOrigin);
	await page.getByRole('button', { name: 'تسجيل الموقع' }).click();
	await expect(page).toHaveURL(/#site-(\d+)$/);
	const siteId = Number(new URL(page.url()).hash.slice('#site-'.length));
	await expect(page.locator('.flash')).toBeVisible();
	const card = page.locator(`#site-${siteId}`);
	siteKey = (await card.getByTestId('site-key').textContent())!.trim();
	await expect(card.locator('textarea.snippet')).toHaveValue(
		`<script defer src="${baseURL}/reach.js" data-site="${siteKey}"></script>`
	);

	expect(await visit(browser, UA_A, [`${siteOrigin}/`, `${siteOrigin}/about`])).toEqual([204, 204]);
	expect(await visit(browser, UA_B, [`${siteOrigin}/`])).toEqual([204]);
	expect(views(siteId)).toEqual({ views: 3, visitors: 2, events: 3 });

	// A bot is answered 204 (it learns nothing) but not counted; an unregistered origin gets 400.
	expect(await visit(browser, UA_BOT, [`${siteOrigin}/`])).toEqual([204]);
	expect(await visit(browser, UA_A, [`${strangerOrigin}/`])).toEqual([400]);
	// A forged beacon naming the registered page from another Origin is refused too.
	const forged = await page.request.post('/api/collect', {
		headers: { 'content-type': 'text/plain', origin: strangerOrigin, 'user-agent': UA_A },
		data: JSON.stringify({ s: siteKey, u: `${siteOrigin}/`, r: '' })
	});
	expect(forged.status()).toBe(400);
	expect(views(siteId)).toEqual({ views: 3, visitors: 2, events: 3 });

	// The reach page shows the same numbers for this site (month of today).
	const month = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Asia/Riyadh',
		year: 'numeric',
		month: '2-digit'
	}).format(new Date());
	await page.goto(`/reach?site=${siteId}&from=${month}&to=${month}`);
	await expect(page.getByTestId('reach-website')).toHaveAttribute('data-value', '2');
	await expect(page.getByTestId('reach-views')).toHaveAttribute('data-value', '3');

	// The CSRF exception is only for the beacon: a cross-site form post elsewhere is still refused.
	const csrf = await page.request.post('/settings/sites?/create', {
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: strangerOrigin },
		data: 'name=x&origins=https%3A%2F%2Fx.example'
	});
	expect(csrf.status()).toBe(403);
});

test('board reads the reach overview but cannot manage; imports a platform file once', async ({
	page
}) => {
	await login(page, 'board', '/reach');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('المستفيدون غير المباشرين');
	await expect(page.getByText('كيف يُحسب هذا الرقم؟')).toBeVisible();
	expect((await page.request.get('/reach/import', { maxRedirects: 0 })).status()).toBe(403);
	await page.context().clearCookies();

	await login(page, 'quality', '/reach/import');
	await page.setInputFiles(
		'#f-file',
		join(process.cwd(), 'tests/fixtures/social/youtube_table.csv')
	);
	await page.getByRole('button', { name: 'فحص الملف' }).click();
	await expect(page.getByTestId('import-format')).toHaveText('YouTube Studio — بيانات الجدول');
	await page.getByRole('button', { name: /^حفظ/ }).click();
	await expect(page.getByTestId('import-done')).toBeVisible();
	// The same file again: recognised as already imported, no save button.
	await page.setInputFiles(
		'#f-file',
		join(process.cwd(), 'tests/fixtures/social/youtube_table.csv')
	);
	await page.getByRole('button', { name: 'فحص الملف' }).click();
	await expect(page.getByText('استُورد هذا الملف نفسه من قبل')).toBeVisible();
	await expect(page.getByRole('button', { name: /^حفظ/ })).toHaveCount(0);
	await page.getByRole('button', { name: 'إلغاء' }).click();

	// An unknown file: the column-mapping step, then per-row errors in Arabic, then save.
	await page.setInputFiles('#f-file', join(process.cwd(), 'tests/fixtures/social/unknown.csv'));
	await page.getByRole('button', { name: 'فحص الملف' }).click();
	await expect(page.getByText('اختيار الأعمدة')).toBeVisible();
	await page.getByLabel('المنصة').selectOption('snapchat');
	await page.getByLabel('نوع الفترة').selectOption('month');
	await page.getByLabel('عمود التاريخ').selectOption('الشهر');
	await page.getByLabel('الوصول', { exact: true }).selectOption('الوصول');
	await page.getByLabel('مرات الظهور / المشاهدات').selectOption('مرات الظهور');
	await page.getByLabel('التفاعلات').selectOption('التفاعل');
	await page.getByRole('button', { name: 'تطبيق' }).click();
	await expect(page.getByTestId('import-errors')).toContainText('ليس رقمًا');
	await expect(page.getByTestId('import-rows').locator('tbody tr')).toHaveCount(2);
	await page.getByRole('button', { name: /^حفظ/ }).click();
	await expect(page.getByTestId('import-done')).toBeVisible();
});
