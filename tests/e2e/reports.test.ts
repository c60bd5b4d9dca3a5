import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, login, postAction, test } from './helpers';

const INDICATORS = [
	'csat',
	'nps',
	'responseRate',
	'withinSla',
	'medianDays',
	'openOverdue',
	'reach'
];

/** The last complete Gregorian quarter (the demo association uses the Gregorian calendar). */
function lastQuarter(now = new Date()) {
	const riyadh = new Date(now.getTime() + 3 * 3_600_000);
	const y = riyadh.getUTCFullYear();
	const q = Math.floor(riyadh.getUTCMonth() / 3) + 1;
	return q === 1 ? { year: y - 1, q: 4 } : { year: y, q: q - 1 };
}

async function openLastQuarter(page: Page) {
	await page.goto('/reports');
	const { year, q } = lastQuarter();
	await page.locator(`a[href="/reports/${year}/${q}"]`).first().click();
	await expect(page).toHaveURL(new RegExp(`/reports/${year}/${q}$`));
	return { year, q };
}

test('a board member reads last quarter in Arabic, sees every indicator with its target, and marks it reviewed', async ({
	page
}) => {
	await login(page, 'board');
	await expect(page).toHaveURL(/\/reports$/); // board lands on the reports
	const { year, q } = await openLastQuarter(page);
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'تقرير مؤشرات رضا المستفيدين'
	);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`${year}م`);
	for (const key of INDICATORS) {
		const row = page.locator(`tr[data-indicator="${key}"]`);
		await expect(row).toBeVisible();
		// every indicator has a demo target, with its direction
		await expect(row.getByTestId('target')).toContainText(/[≥≤]/);
		await expect(row.locator('.badge')).toBeVisible();
	}
	// server-rendered charts load as SVG
	const img = page.locator('img[src*="/chart/csat.svg"]');
	await expect(img).toBeVisible();
	const svg = await page.request.get(`/reports/${year}/${q}/chart/csat.svg?lang=ar`);
	expect(svg.headers()['content-type']).toContain('image/svg+xml');
	expect(await svg.text()).toContain('<svg');
	// board is read-only for actions and never sees the edit form
	await expect(page.getByRole('link', { name: /إجراء تحسيني/ })).toHaveCount(0);

	await expect(page.getByTestId('review')).toContainText('لم يُراجع بعد');
	await page
		.getByLabel('ملاحظات المراجعة')
		.fill('اطلع المجلس على تقرير الربع، ويوصي بمتابعة الطلبات المتأخرة.');
	await page.getByRole('button', { name: 'اعتماد المراجعة' }).click();
	await expect(page.getByTestId('review')).toContainText('رُوجع');
	await expect(page.getByTestId('review')).toContainText('عبدالله الحربي');
	await expect(page.getByTestId('review')).toContainText('يوصي بمتابعة الطلبات المتأخرة');
	await expect(page.getByTestId('changed')).toHaveCount(0);
	await page.goto('/reports');
	await expect(page.locator('tbody tr').first()).toContainText('رُوجع');

	// quality cannot review (403), board cannot manage targets or actions
	const origin = new URL(page.url()).origin;
	expect((await page.request.get(`${origin}/targets`, { maxRedirects: 0 })).status()).toBe(403);
	expect((await page.request.get(`${origin}/actions/new`, { maxRedirects: 0 })).status()).toBe(403);
});

test('quality cannot mark a quarter reviewed', async ({ page }) => {
	const { year, q } = lastQuarter();
	await login(page, 'quality', `/reports/${year}/${q}`);
	await expect(page.getByRole('button', { name: 'اعتماد المراجعة' })).toHaveCount(0);
	const res = await postAction(page, `/reports/${year}/${q}?/review`, { notes: 'x' });
	expect(res.status()).toBe(403);
});

test('the report prints: Chromium PDF on A4 with extractable Arabic text', async ({ page }) => {
	await login(page, 'board');
	const { year, q } = lastQuarter();
	await page.goto(`/reports/${year}/${q}`);
	await expect(page.getByTestId('pdf-mode')).toContainText('Chromium');
	const res = await page.request.get(`/reports/${year}/${q}/pdf`);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toBe('application/pdf');
	const dir = mkdtempSync(join(tmpdir(), 'rida-pdf-'));
	const file = join(dir, 'report.pdf');
	writeFileSync(file, await res.body());
	const info = execFileSync('pdfinfo', [file]).toString();
	const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
	expect(info).toMatch(/Page size:\s+59[45]\.\d* x 841\.\d* pts \(A4\)/);
	// The report is meant to be read in five minutes: a handful of A4 pages.
	expect(pages).toBeGreaterThanOrEqual(2);
	// with the policy's promises, voices and definitions, and requests by category (issue 15),
	// whose third of a page pushes the review card onto a page of its own
	expect(pages).toBeLessThanOrEqual(7);
	// pdftotext wraps right-to-left runs in bidi embedding marks: drop them before matching.
	const pdftext = (...args: string[]) =>
		execFileSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'])
			.toString()
			.replace(/[\u202a-\u202e]/g, '');
	const text = pdftext('-layout');
	// The same page as seen: logical Arabic text (not presentation forms), no navigation.
	// (Words without the lam-alef ligature, which pdftotext splits in reverse order.)
	for (const s of [
		'تقرير مؤشرات رضا المستفيدين',
		'المستهدف',
		'المؤشرات',
		'تعليقات ممثلة',
		'مراجعة مجلس'
	])
		expect(text).toContain(s);
	expect(text).not.toContain('تسجيل الخروج');
	// the first page carries the association and the indicators; the last the review
	const first = pdftext('-f', '1', '-l', '1');
	expect(first).toContain('جمعية البر التجريبية');
	expect(first).toContain('نسبة الرضا');
	const last = pdftext('-f', String(pages), '-l', String(pages));
	expect(last).toContain('مراجعة مجلس');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the report reads, shows its charts and takes a review', async ({ page }) => {
		const { year, q } = lastQuarter();
		await login(page, 'admin', `/reports/${year}/${q}`);
		// the seven with targets, and the four direct-beneficiary figures beside them (issue 15)
		await expect(page.getByTestId('indicators').locator('tbody tr')).toHaveCount(
			INDICATORS.length + 4
		);
		for (const key of ['directServed', 'directSurveyed', 'directResponded', 'directComplete'])
			await expect(page.locator(`tr[data-indicator="${key}"]`)).toBeVisible();
		await expect(page.getByTestId('summary').or(page.getByText('لا بيانات')).first()).toBeVisible();
		// the print link needs a script to open the dialog: not offered; the PDF download stays
		await expect(page.locator('a[href$="?print=1"]')).toBeHidden();
		await expect(page.getByTestId('pdf').or(page.getByTestId('pdf-mode')).first()).toBeVisible();
		const chart = page.locator('img[src*="/chart/sla.svg"]');
		await expect(chart).toBeVisible();
		expect(await chart.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
		await page.getByLabel('ملاحظات المراجعة').fill('مراجعة من دون جافاسكربت');
		await page.getByRole('button', { name: /المراجعة/ }).click();
		await expect(page).toHaveURL(/reviewed=1/);
		await expect(page.getByTestId('review')).toContainText('مراجعة من دون جافاسكربت');
		await expect(page.getByTestId('review')).toContainText('سارة العتيبي');
	});
});

test('quality sets a target, opens an action from a comment-free indicator, closes it with its before/after', async ({
	page
}) => {
	await login(page, 'quality', '/targets');
	await page.getByRole('textbox', { name: 'نسبة الرضا (CSAT)' }).fill('87');
	await page.getByRole('button', { name: 'حفظ المستهدفات' }).click();
	await expect(page.getByText('حُفظت المستهدفات.')).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'نسبة الرضا (CSAT)' })).toHaveValue('87');
	await page.getByRole('textbox', { name: 'الطلبات المنجزة في المهلة' }).fill('150');
	await page.getByRole('button', { name: 'حفظ المستهدفات' }).click();
	await expect(page.getByText('أدخل رقمًا صحيحًا ضمن المدى.')).toBeVisible();

	await page.goto('/actions/new?indicator=withinSla');
	await page.getByLabel('عنوان الإجراء').fill('متابعة يومية للطلبات المتأخرة');
	await page.getByLabel('وصف التغيير').fill('قائمة صباحية بالطلبات القريبة من المهلة.');
	await page.getByRole('button', { name: 'إجراء جديد' }).click();
	await expect(page).toHaveURL(/\/actions\/\d+$/);
	await expect(page.getByRole('status').filter({ hasText: 'أُنشئ الإجراء' })).toBeVisible();
	await expect(page.getByTestId('effect')).toContainText('ن =');
	await page.getByLabel('الحالة').selectOption('done');
	await page.getByRole('button', { name: 'حفظ' }).click();
	await expect(page.getByText('حُفظ الإجراء.')).toBeVisible();
	await expect(page.getByTestId('effect')).toContainText('بعد التغيير');
	await expect(page.getByTestId('effect').getByText('ن =')).toHaveCount(2);
	await page.goto('/actions');
	await expect(page.getByRole('link', { name: 'متابعة يومية للطلبات المتأخرة' })).toBeVisible();
});
