// One story, in order: a quality officer imports a SurveyJS file written elsewhere (English
// `default`, Arabic `ar`), maps it in the studio, publishes it to a donors' campaign with an
// open link; three donors answer on a 360 px phone (one without JavaScript); the dashboard
// filtered by segment "donor" shows the new aspects by name, the channel counts and the
// comments under their themes. A bad file is refused with its reason and stops nothing.
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { choose, phone } from './answer';
import { axe, expect, test } from './helpers';

test.use({ role: 'quality' });

const fixture = join(import.meta.dirname, '..', 'fixtures', 'donors-survey.json');
let surveyId = '';
let openPath = '';

const aspects = [
	{
		path: 'service.receipts',
		key: 'receipts_speed',
		ar: 'سرعة إيصالات التبرع',
		en: 'Receipts speed'
	},
	{ path: 'service.reports', key: 'impact_reports', ar: 'وضوح تقارير الأثر', en: 'Impact reports' }
];

test('a bad survey file is refused with its reason, and the server goes on', async ({ page }) => {
	await page.goto('/surveys');
	await page.locator('#import-file').setInputFiles({
		name: 'broken.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"pages": [ {"elements": ')
	});
	await page.locator('form[action="?/import"] button[type=submit]').click();
	await expect(page.getByTestId('import-error')).toContainText(/JSON/);
	// A readable file with a question Rida cannot draw: imported as a draft that names it.
	await page.locator('#import-file').setInputFiles({
		name: 'upload.json',
		mimeType: 'application/json',
		buffer: Buffer.from(
			JSON.stringify({ title: 'Upload', elements: [{ type: 'file', name: 'upload' }] })
		)
	});
	await page.locator('form[action="?/import"] button[type=submit]').click();
	await expect(page.getByTestId('publish-state').locator('.alert')).toContainText('upload');
	expect((await page.request.get('/surveys')).status()).toBe(200);
});

test('import, map and publish the donors survey', async ({ page }) => {
	await page.goto('/surveys');
	await page.locator('#import-file').setInputFiles(fixture);
	await page.locator('form[action="?/import"] button[type=submit]').click();
	await expect(page).toHaveURL(/\/surveys\/[a-z0-9_-]+\?imported=1/);
	surveyId = new URL(page.url()).pathname.split('/')[2];

	const mapping = page.getByTestId('mapping');
	await mapping.locator('#map-csat').selectOption('overall');
	await mapping.locator('#map-channel').selectOption('heard');
	await mapping.locator('#map-comment').selectOption('comment');
	for (const a of aspects) {
		const box = page.getByTestId(`aspect-${a.path}`);
		await box.locator('select').selectOption('_new');
		await box.locator(`input[name="newKey:${a.path}"]`).fill(a.key);
		await box.locator(`input[name="newAr:${a.path}"]`).fill(a.ar);
		await box.locator(`input[name="newEn:${a.path}"]`).fill(a.en);
	}
	await mapping.locator('button[type=submit]').click();
	await expect(mapping.locator('#map-channel')).toHaveValue('heard');
	await expect(page.getByTestId(`aspect-${aspects[0].path}`).locator('select')).toHaveValue(
		aspects[0].key
	);

	await page.locator('form[action="?/publish"] button').click();
	await expect(page.locator('.badge').first()).toHaveText(/منشور|Published/);
	await expect(page.getByTestId('publish-problem')).toHaveCount(0);
});

test('a donors campaign with an open link', async ({ page }) => {
	await page.goto('/campaigns/new');
	await page.locator('input[name=nameAr]').fill('استبيان المتبرعين');
	await page.locator('input[name=nameEn]').fill('Donors survey');
	await page.locator('select[name=surveyId]').selectOption(surveyId);
	await page.locator('input[name=audienceSegments][value=donor]').check();
	await page.locator('input[name=personalLinks]').uncheck();
	await page.locator('input[name=openLink]').check();
	await page.locator('select[name=openSegment]').selectOption('donor');
	await page.locator('form[action="?/save"] button[type=submit]').click();
	await expect(page).toHaveURL(/\/campaigns\/\d+$/);
	if (!(await page.getByTestId('open-link').count())) await page.getByTestId('open-on').click();
	const url = (await page.getByTestId('open-link').textContent())!.trim();
	openPath = new URL(url).pathname;
	expect(openPath).toMatch(/^\/s\/[A-Za-z0-9_-]{20,}$/);
});

const answers = [
	{
		js: true,
		overall: '5',
		receipts: '4',
		reports: '5',
		heard: ['social', 'website'],
		comment: 'التواصل معكم ممتاز ووصلتني رسالة شكر بعد التبرع'
	},
	{
		js: true,
		overall: '4',
		receipts: '2',
		reports: '4',
		heard: ['social'],
		comment: 'تأخر إيصال التبرع أسبوعين'
	},
	{
		js: false,
		overall: '3',
		receipts: '3',
		reports: '3',
		heard: ['social', 'phone'],
		comment: 'لم يرد أحد على الهاتف عندما اتصلت'
	}
];

/**
 * A dashboard panel's table: its toggle works once the page has hydrated (its chart drawn); a
 * click before that, on a busy machine, did nothing.
 */
async function showTable(panel: Locator) {
	await expect(panel.locator('.chart[data-ready="1"]')).toBeVisible();
	await panel.locator('button[aria-pressed=false]').click();
	await expect(panel.locator('tbody')).toBeVisible();
}

/** Respondents per channel in the dashboard's channel table, filtered by segment "donor". */
async function channelCounts(page: Page): Promise<Record<string, number>> {
	await page.goto('/dashboard?segment=donor');
	const panel = page.locator('[data-panel=channelMix]');
	if (!(await panel.count())) return {};
	await showTable(panel);
	const rows = await panel
		.locator('tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()))
		);
	return Object.fromEntries(rows.map((r) => [r[0], Number(r[r.length - 1])]));
}
let before: Record<string, number> = {};
const social = /وسائل التواصل الاجتماعي|Social media/;
const phoneCalls = /الاتصالات الهاتفية|Phone calls/;
const website = /الموقع الإلكتروني|Website/;
const find = (counts: Record<string, number>, name: RegExp) =>
	Object.entries(counts).find(([k]) => name.test(k))?.[1] ?? 0;

test('three donors answer on a phone, one without JavaScript', async ({
	browser,
	baseURL,
	page: staff
}) => {
	// The demo holds other donors' answers: the channel counts are compared with these.
	before = await channelCounts(staff);
	for (const a of answers) {
		const { ctx, page } = await phone(browser, a.js);
		await page.goto(baseURL + openPath);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.locator('form.sq-form')).toContainText('سرعة إيصالات التبرع');
		// The panel and the tagbox (as checkboxes) are drawn without any script.
		await expect(page.locator('section.sq-panel')).toContainText('بكلماتك');
		await expect(page.locator('input[type=checkbox][name=causes]')).toHaveCount(3);
		// Ranking, matrixdropdown and multipletext (date, number) as plain selects and inputs.
		await expect(page.locator('select[name^="priorities."]')).toHaveCount(3);
		await expect(page.locator('select[name^="events."]')).toHaveCount(4);
		await expect(page.locator('input[name="giving.since"]')).toHaveAttribute('type', 'date');
		await expect(page.locator('input[name="giving.times"]')).toHaveAttribute(
			'inputmode',
			'decimal'
		);
		if (a === answers[0]) {
			const found = await axe(page).analyze();
			expect(
				found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)
			).toEqual([]);
		}
		const place = (choice: string) => page.locator(`select[name="priorities.${choice}"]`);
		// With and without JavaScript: two options given the same place first (refused).
		const ranks = a !== answers[0];
		if (ranks) {
			await place('reports').selectOption('1');
			await place('receipts').selectOption('1');
			await place('visits').selectOption('3');
		}
		if (!a.js) {
			// Without JavaScript: a rated event and a number.
			await page.locator('select[name="events.iftar.rating"]').selectOption('5');
			await page.locator('input[name="giving.times"]').fill('٤');
		}
		await choose(page, 'overall', a.overall);
		await choose(page, 'service.receipts', a.receipts);
		await choose(page, 'service.reports', a.reports);
		for (const h of a.heard) await page.locator(`input[name=heard][value="${h}"]`).check();
		await page.locator('textarea[name=comment]').fill(a.comment);
		// Without JavaScript, Enter in a field (a phone's Go key) sends the page as Next does,
		// never the language switch at the top, which also submits this form.
		if (a.js) await page.locator('form.sq-form button[value=next]').click();
		else await page.locator('input[name="giving.times"]').press('Enter');
		await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
		if (ranks) {
			// The ranking comes back with its error and the places chosen; nothing else is lost.
			await expect(place('receipts')).toHaveAttribute('aria-invalid', 'true');
			await expect(page.locator('.sq-error')).toContainText('ترتيبًا مختلفًا من 1 إلى 3');
			await expect(place('reports')).toHaveValue('1');
			await expect(place('receipts')).toHaveValue('1');
			await expect(place('visits')).toHaveValue('3');
			await expect(page.locator('textarea[name=comment]')).toHaveValue(a.comment);
			await place('receipts').selectOption('2');
			await page.locator('form.sq-form button[value=next]').click();
		}
		await expect(page.getByTestId('survey-thanks')).toBeVisible();
		// Nothing wider than the phone.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await ctx.close();
	}
});

test('the dashboard filtered by donors shows the new aspects, the channels and the comments', async ({
	page
}) => {
	await page.goto('/dashboard?segment=donor');
	const aspectsPanel = page.locator('[data-panel=aspects]');
	await showTable(aspectsPanel);
	for (const a of aspects)
		await expect(aspectsPanel.locator('tbody')).toContainText(new RegExp(`${a.ar}|${a.en}`));

	// Each ticked channel counts: social media +3, phone +1, website +1.
	const after = await channelCounts(page);
	expect(find(after, social) - find(before, social)).toBe(3);
	expect(find(after, phoneCalls) - find(before, phoneCalls)).toBe(1);
	expect(find(after, website) - find(before, website)).toBe(1);

	// Segment as a breakdown and as a column of the panel's export.
	await page.goto('/dashboard');
	const bySegment = page.locator('[data-panel=bySegment]');
	await showTable(bySegment);
	await expect(bySegment.locator('tbody')).toContainText(/متبرع|Donor/);
	const csv = await (await page.request.get('/dashboard/export?panel=bySegment&format=csv')).text();
	expect(csv.split('\n')[0]).toMatch(/الفئة|Segment/);
	expect(csv).toMatch(/متبرع|Donor/);

	// The comments, each under its theme.
	for (const [words, theme] of [
		['رسالة شكر', /التواصل والإبلاغ|Communication/],
		['إيصال التبرع أسبوعين', /وقت الانتظار|Waiting time/],
		['لم يرد أحد على الهاتف', /التواصل والإبلاغ|Communication/]
	] as const) {
		await page.goto(`/dashboard/comments?segment=donor&q=${encodeURIComponent(words)}`);
		const item = page.locator('li.answer').filter({ hasText: words });
		await expect(item).toHaveCount(1);
		await expect(item).toContainText(theme);
	}
});
