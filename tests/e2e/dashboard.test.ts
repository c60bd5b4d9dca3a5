import type { Page } from '@playwright/test';
import { expect, login, test } from './helpers';

/**
 * Assumes the demo seed of the other domains (responses, requests, site_day, social_reach
 * over the last 18 months). Charts are ECharts with the SVG renderer.
 */

async function chartsDrawn(page: Page) {
	// Every panel (server-rendered) holds one chart; wait until each one is drawn.
	const panels = await page.locator('[data-panel]').count();
	expect(panels).toBeGreaterThanOrEqual(3);
	const charts = page.locator('.chart[data-ready="1"]');
	await expect(charts).toHaveCount(panels);
	// every drawn chart has an <svg> with real shapes in it
	const shapes = await charts.evaluateAll((els) =>
		els.map((e) => e.querySelectorAll('svg path, svg rect').length)
	);
	for (const n of shapes) expect(n).toBeGreaterThan(3);
}

// Every test starts signed in as the quality officer (one session per worker, storageState).
test.use({ role: 'quality' });

/** The language is remembered per user: switch explicitly. */
async function useLocale(page: Page, locale: 'ar' | 'en') {
	if ((await page.locator('html').getAttribute('lang')) !== locale)
		await page.locator('form.lang-switch button').first().click();
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

test('the overview renders in Arabic (RTL) and English with charts drawn', async ({ page }) => {
	await page.goto('/dashboard');
	await useLocale(page, 'ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('لوحة المؤشرات');
	await expect(page.locator('[data-tile=csat] [data-value]')).toHaveText(/\d/);
	await chartsDrawn(page);

	await useLocale(page, 'en');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await page.goto('/dashboard');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Indicators dashboard');
	await chartsDrawn(page);
	// the table alternative of a chart
	const trend = page.locator('[data-panel=trend]');
	await trend.getByRole('button', { name: 'Show as table' }).click();
	await expect(trend.locator('table tbody tr').first()).toBeVisible();
	// back to Arabic: the choice is remembered per user, and other tests expect Arabic
	await useLocale(page, 'ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('a filter change updates the URL and the numbers', async ({ page }) => {
	await page.goto('/dashboard');
	const n = page.locator('[data-tile=csat] [data-n]');
	const before = await n.textContent();
	await page.locator('select[name=preset]').selectOption('lastQuarter');
	await page.getByTestId('filters').locator('button[type=submit]').click();
	await expect(page).toHaveURL(/preset=lastQuarter/);
	await expect(n).not.toHaveText(before!);
	// the link is shareable: loading it again gives the same figures
	const after = await n.textContent();
	await page.goto(page.url());
	await expect(n).toHaveText(after!);
});

test('clicking a bar drills down to the matching responses, and a board member sees no personal data', async ({
	page
}) => {
	await page.goto('/dashboard');
	const panel = page.locator('[data-panel=byProgram]');
	await expect(panel.locator('.chart[data-ready="1"]')).toBeVisible();
	const bar = panel.locator('svg path[fill="#009E73"]').first();
	await bar.scrollIntoViewIfNeeded();
	const box = (await bar.boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	await expect(page).toHaveURL(/\/dashboard\/responses\?.*program=\d+/);
	const rows = page.getByTestId('rows').locator('tbody tr');
	await expect(rows.first()).toBeVisible();
	const program = new URL(page.url()).searchParams.get('program');
	expect(Number(program)).toBeGreaterThan(0);

	// requests drill-down from the response-time distribution
	await page.goto('/dashboard/requests?days=5');
	await expect(page.getByTestId('count')).toHaveText(/\d/);

	await page.context().clearCookies();
	await login(page, 'board');
	await page.goto('/dashboard/requests');
	const headers = await page.getByTestId('rows').locator('thead th').allTextContents();
	expect(headers.join(' ')).not.toMatch(/اسم|جوال|Name|Mobile|الموضوع|Subject/);
	await page.goto('/dashboard/comments');
	await expect(page.locator('form[action="?/tag"]')).toHaveCount(0);
});

test('panel data exports as CSV with a BOM and as XLSX', async ({ page }) => {
	const csv = await page.request.get('/dashboard/export?panel=trend&format=csv');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const body = await csv.body();
	expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const xlsx = await page.request.get('/dashboard/export?panel=trend&format=xlsx');
	expect(xlsx.status()).toBe(200);
	expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
	expect((await page.request.get('/dashboard/export?panel=nope&format=csv')).status()).toBe(400);
});

test('a quality officer searches written answers, corrects a theme, and finds the seam to an improvement action', async ({
	page
}) => {
	// normalised search: the demo's "الاستقبال" is found when typed with a hamza under the alef
	await page.goto('/dashboard/comments?q=' + encodeURIComponent('الإستقبال'));
	const first = page.locator('li.answer').first();
	await expect(first).toBeVisible();
	await expect(first.locator('.text')).toContainText('الاستقبال');
	const id = await first.getAttribute('data-answer');
	const row = () => page.locator(`li.answer[data-answer="${id}"]`);
	// add a theme by hand, then take it off again
	const add = row().locator('select[name=themeId]');
	const themeId = await add.locator('option').first().getAttribute('value');
	const name = (await add.locator('option').first().textContent())!.trim();
	await add.selectOption(themeId!);
	await row()
		.getByRole('button', { name: /إضافة موضوع|Add theme/ })
		.click();
	await expect(row().locator('button.tag', { hasText: name })).toBeVisible();
	await page.goto(`/dashboard/comments?theme=${themeId}&q=` + encodeURIComponent('الاستقبال'));
	await expect(row()).toBeVisible();
	await expect(row().locator('a[href^="/actions/new?fromComment="]')).toBeVisible();
	await row().locator('button.tag', { hasText: name }).click();
	await expect(row().locator('button.tag', { hasText: name })).toHaveCount(0);
});
