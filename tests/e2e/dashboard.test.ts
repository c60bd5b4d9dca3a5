import type { Locator, Page } from '@playwright/test';
import { axe, expect, login, test } from './helpers';

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
	await login(page, 'board', '/dashboard/requests');
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

/** The visible rows of a panel's table, as the reader sees them (cell texts). */
const rowsOf = (panel: Locator) =>
	panel
		.locator('table:visible tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()))
		);

/** One CSV line's cells (RFC 4180 quoting; the panels' cells hold no line breaks). */
const csvCells = (line: string) =>
	[...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) =>
		m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]
	);

/** A panel's CSV export (the same role; `query`: the filters), as rows of cells, '' when empty. */
async function csvRows(page: Page, panel: string, query = '') {
	const res = await page.request.get(`/dashboard/export?panel=${panel}&format=csv${query}`);
	expect(res.status()).toBe(200);
	const lines = (await res.text())
		.replace(/^\uFEFF/, '')
		.trim()
		.split(/\r?\n/);
	return lines.slice(1).map(csvCells);
}

for (const role of ['quality', 'board'] as const)
	test(`without JavaScript, a ${role === 'quality' ? 'quality officer' : 'board member'} reads every chart as its table (Arabic, 360 px phone)`, async ({
		browser
	}) => {
		const ctx = await browser.newContext({
			javaScriptEnabled: false,
			viewport: { width: 360, height: 740 }
		});
		const page = await ctx.newPage();
		try {
			await login(page, role);
			await page.goto('/dashboard');
			await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
			const panels = page.locator('[data-panel]');
			expect(await panels.count()).toBeGreaterThanOrEqual(5);
			for (const panel of await panels.all()) {
				const id = await panel.getAttribute('data-panel');
				// one real table with figures, no chart box, no "loading"
				await expect(panel.locator('table:visible'), id!).toHaveCount(1);
				await expect(panel.locator('table:visible thead th').first()).toBeVisible();
				expect((await rowsOf(panel)).flat().join(' '), id!).toMatch(/\d/);
				await expect(panel.locator('.chart-box')).toBeHidden();
				// nothing that needs scripts is offered; the exports are plain links
				await expect(panel.locator('button:visible'), id!).toHaveCount(0);
				await expect(panel.getByRole('link', { name: 'CSV' })).toBeVisible();
				await expect(panel.getByRole('link', { name: 'XLSX' })).toBeVisible();
			}
			await expect(page.getByText('جارٍ تحميل الرسم…').filter({ visible: true })).toHaveCount(0);
			await expect(page.getByText('Loading chart…').filter({ visible: true })).toHaveCount(0);
			// every button left on the page submits a form (the filters, the language, sign-out)
			const dead = await page
				.locator('button:visible')
				.evaluateAll((bs) =>
					(bs as HTMLButtonElement[])
						.filter((b) => b.type !== 'submit' || !b.form)
						.map((b) => b.textContent)
				);
			expect(dead).toEqual([]);
			// the tables scroll in their own region; the page does not widen
			expect(
				await page.evaluate(
					() => document.documentElement.scrollWidth <= document.documentElement.clientWidth
				)
			).toBe(true);

			// The figures are the export's: the trend (by month) and the NPS groups.
			for (const id of ['trend', 'nps']) {
				const shown = await rowsOf(page.locator(`[data-panel=${id}]`));
				const csv = await csvRows(page, id);
				expect(shown.length, id).toBe(csv.length);
				expect(
					shown.map((r) => r.map((c) => (c === '—' ? '' : c))),
					id
				).toEqual(csv);
			}
			const promoters = (await rowsOf(page.locator('[data-panel=nps]')))[0][1];
			expect(Number(promoters)).toBeGreaterThan(0);

			// The filters are a plain GET form: a period chosen without scripts reloads the figures.
			await page.locator('select[name=preset]').selectOption('lastQuarter');
			await page.getByTestId('filters').locator('button[type=submit]').click();
			await expect(page).toHaveURL(/preset=lastQuarter/);
			const trend = await rowsOf(page.locator('[data-panel=trend]'));
			expect(trend.length).toBeLessThanOrEqual(3);
			expect(trend).toEqual(
				(await csvRows(page, 'trend', '&preset=lastQuarter')).map((r) =>
					r.map((c) => (c === '' ? '—' : c))
				)
			);

			// The themes page: its trend chart is a table too.
			if (role === 'quality') {
				await page.goto('/dashboard/themes');
				const section = page.locator('section[aria-labelledby=v-trend]');
				await expect(section.locator('table:visible')).toHaveCount(1);
				expect((await rowsOf(section)).flat().join(' ')).toMatch(/\d/);
				await expect(section.locator('.chart-box')).toBeHidden();
			}
		} finally {
			await ctx.close();
		}
	});

test('with JavaScript the charts are drawn and no table shows, even on a slow CPU; the toggle shows the figures the page shows without scripts', async ({
	browser,
	page
}) => {
	// A 4× slower CPU: the server's HTML holds the tables (in <noscript>), never displayed.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	const warnings: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
	});
	// Every animation frame from the first paint on: any visible table in a panel, or a visible
	// table-or-chart toggle missing, is recorded.
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { tablesSeen: string[] }).tablesSeen = seen;
		const look = () => {
			for (const t of document.querySelectorAll<HTMLElement>('[data-panel] table'))
				if (t.offsetParent) seen.push(t.closest('[data-panel]')!.getAttribute('data-panel')!);
			requestAnimationFrame(look);
		};
		requestAnimationFrame(look);
	});
	const html = await (await page.request.get('/dashboard')).text();
	expect(html).toMatch(/<noscript>(<!--[^>]*-->)?<div class="table-wrap chart-table/);
	await page.goto('/dashboard');
	await chartsDrawn(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	expect(
		await page.evaluate(() => (window as unknown as { tablesSeen: string[] }).tablesSeen)
	).toEqual([]);
	await expect(page.locator('[data-panel] button[aria-pressed=false]').first()).toBeVisible();
	expect(warnings.filter((w) => /hydrat/i.test(w))).toEqual([]);

	// The toggle's table is the one shown without JavaScript.
	const trend = page.locator('[data-panel=trend]');
	await trend.locator('button[aria-pressed=false]').click();
	await expect(trend.locator('table:visible')).toBeVisible();
	// (the watch above does see a table once one is shown)
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { tablesSeen: string[] }).tablesSeen))
		.toContain('trend');
	const withScripts = await rowsOf(trend);
	expect(withScripts.length).toBeGreaterThan(0);
	const ctx = await browser.newContext({ javaScriptEnabled: false });
	try {
		const plain = await ctx.newPage();
		await plain.context().addCookies(await page.context().cookies());
		await plain.goto('/dashboard');
		expect(await rowsOf(plain.locator('[data-panel=trend]'))).toEqual(withScripts);
	} finally {
		await ctx.close();
	}
});

test('when the ECharts chunk cannot be loaded (a weak network), each panel shows its table instead of "loading"', async ({
	page
}) => {
	// Only ECharts' own chunk (the one holding zrender) fails; the app itself loads.
	await page.route('**/_app/immutable/chunks/*.js', async (route) => {
		const res = await route.fetch();
		if ((await res.text()).includes('zrender')) await route.abort('failed');
		else await route.fulfill({ response: res });
	});
	await page.goto('/dashboard');
	const panel = page.locator('[data-panel=nps]');
	await expect(panel.locator('[data-chart-failed]')).toBeVisible();
	await expect(panel.locator('table:visible tbody tr')).toHaveCount(3);
	await expect(panel.getByText(/جارٍ تحميل الرسم|Loading chart/)).toHaveCount(0);
	// nothing left that needs the chart: no toggle, no PNG/SVG; CSV stays
	await expect(panel.locator('button')).toHaveCount(0);
	await expect(panel.getByRole('link', { name: 'CSV' })).toBeVisible();
	await expect(page.locator('[data-chart-failed]')).toHaveCount(
		await page.locator('[data-panel]').count()
	);
});

test('axe finds nothing on the dashboard as a browser without JavaScript draws it (Arabic 360 px, English 1280 px)', async ({
	browser,
	page
}) => {
	// axe needs scripts (its timers do not run in a page with JavaScript off): the page is drawn
	// from the server's HTML with its scripts taken out and each <noscript> opened, as a browser
	// without JavaScript parses it, then checked in a context where axe can run.
	const looks = [
		{ lang: 'ar', viewport: { width: 360, height: 740 } },
		{ lang: 'en', viewport: { width: 1280, height: 900 } }
	] as const;
	// The account's language is switched on a light page: the pages checked are fetched below.
	await page.goto('/account');
	try {
		for (const look of looks) {
			await useLocale(page, look.lang);
			const ctx = await browser.newContext({ viewport: look.viewport });
			try {
				for (const path of ['/dashboard', '/dashboard/themes']) {
					const html = (await (await page.request.get(path)).text())
						.replace(/<script\b[\s\S]*?<\/script>/g, '')
						.replace(/<link rel="modulepreload"[^>]*>/g, '')
						.replace(/<noscript\s*>/g, '<div data-noscript style="display: contents">')
						.replace(/<\/noscript\s*>/g, '</div>');
					expect(html).toContain('data-noscript');
					const plain = await ctx.newPage();
					await plain.route('**' + path, (r) =>
						r.fulfill({ body: html, contentType: 'text/html' })
					);
					await plain.goto(path);
					await expect(plain.locator('table:visible').first()).toBeVisible();
					await expect(plain.locator('.chart-box:visible')).toHaveCount(0);
					// Not the charts': the themes page's by-program table, like every other wide
					// table of the app, becomes a tab stop only with scripts (scroll-regions.ts).
					const found = await axe(plain)
						.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
						.exclude('section[aria-labelledby=v-prog]')
						.analyze();
					expect(
						found.violations.map((v) => `${path} ${look.lang}: ${v.id} ${v.nodes[0]?.target}`)
					).toEqual([]);
					await plain.close();
				}
			} finally {
				await ctx.close();
			}
		}
	} finally {
		await useLocale(page, 'ar');
	}
});
