/**
 * What a newcomer noticed on a first walk through the app, each checked as they saw it.
 */
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { answerSurvey, issueLink } from './answer';
import { expect, login, test } from './helpers';

// Each check stands alone (its own sign-in, link or page): they may run on either worker.
test.describe.configure({ mode: 'parallel' });

type Box = { x: number; y: number; width: number; height: number };
const inside = (a: Box, b: Box, slack = 1) =>
	a.x >= b.x - slack &&
	a.y >= b.y - slack &&
	a.x + a.width <= b.x + b.width + slack &&
	a.y + a.height <= b.y + b.height + slack;
const overlap = (a: Box, b: Box) =>
	a.x < b.x + b.width - 1 &&
	b.x < a.x + a.width - 1 &&
	a.y < b.y + b.height - 1 &&
	b.y < a.y + a.height - 1;

async function setLanguage(page: Page, lang: 'ar' | 'en') {
	const res = await page.request.post('/locale', {
		form: { locale: lang, next: '/' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(303);
}

function db() {
	return import('better-sqlite3').then(
		(m) => new m.default(join(process.env.E2E_DATA!, 'e2e.db'), { readonly: true })
	);
}

/** The keys a request's status and decision are stored with. */
const RAW_STATUS = [
	'received',
	'incomplete',
	'checked',
	'committee',
	'decided',
	'delivered',
	'answered',
	'closed',
	'reopened',
	'accepted',
	'rejected',
	'referred'
];

test('drill-down tables name request statuses in words, not keys', async ({ page }) => {
	await login(page, 'quality', '/account');
	for (const lang of ['ar', 'en'] as const) {
		await setLanguage(page, lang);
		await page.goto('/dashboard/requests?from=2020-01-01&until=2030-12-31');
		const cells = await page.getByTestId('status').allInnerTexts();
		expect(cells.length).toBeGreaterThan(5);
		for (const c of cells)
			for (const part of c.split('·'))
				expect(RAW_STATUS, `${lang}: ${c}`).not.toContain(part.trim());
		if (lang === 'en') expect(cells.join(' ')).toMatch(/Answered|Closed|Data checked|Received/);
		else expect(cells.join(' ')).toMatch(/مغلق|تمت الإجابة|تم التحقق|مستلم/);
	}
	await setLanguage(page, 'ar');
});

test('signing in as an account set to English lays the page out left to right at once', async ({
	page,
	browser
}) => {
	await login(page, 'board');
	await setLanguage(page, 'en');
	try {
		const ctx = await browser.newContext({ locale: 'ar-SA' });
		const fresh = await ctx.newPage();
		await fresh.goto('/login');
		await expect(fresh.locator('html')).toHaveAttribute('dir', 'rtl');
		await login(fresh, 'board'); // with JavaScript: the form is enhanced, no full reload
		await expect(fresh.locator('h1').first()).toHaveText(/[A-Za-z]/);
		await expect(fresh.locator('html')).toHaveAttribute('lang', 'en');
		await expect(fresh.locator('html')).toHaveAttribute('dir', 'ltr');
		// And back: the language switch is a plain form, the page reloads in Arabic.
		await fresh.getByTestId('lang-switch').click();
		await expect(fresh.locator('html')).toHaveAttribute('dir', 'rtl');
		await ctx.close();
	} finally {
		await setLanguage(page, 'ar');
	}
});

test('the thank-you page after an Arabic survey stays Arabic in an English browser', async ({
	page,
	browser
}) => {
	const link = await issueLink(page);
	// Answered with JavaScript (the enhanced form reloads the page's data by a fresh GET).
	const ctx = await browser.newContext({ locale: 'en-GB' });
	const ben = await ctx.newPage();
	await ben.goto(link);
	if ((await ben.locator('html').getAttribute('lang')) !== 'ar')
		await ben.getByRole('button', { name: /العربية/ }).click();
	await expect(ben.locator('html')).toHaveAttribute('lang', 'ar');
	await answerSurvey(ben);
	await expect(ben.getByTestId('survey-thanks')).toBeVisible();
	await expect(ben.getByTestId('survey-thanks').locator('h1')).not.toHaveText(/[A-Za-z]/);
	await expect(ben.locator('.s-page')).toHaveAttribute('lang', 'ar');
	await expect(ben.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(ben.locator('html')).toHaveAttribute('dir', 'rtl');
	await ctx.close();
	// Opened again later, without JavaScript: the used-link page speaks the survey's language too.
	const later = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
	const again = await later.newPage();
	await again.goto(link);
	await expect(again.getByTestId('survey-link-state')).toHaveAttribute('data-state', 'used');
	await expect(again.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(again.locator('h1')).not.toHaveText(/[A-Za-z]/);
	await later.close();
});

for (const javaScriptEnabled of [true, false])
	test(`an issued survey link shows in view, beside its row (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
		browser
	}) => {
		for (const viewport of [
			{ width: 360, height: 740 },
			{ width: 1280, height: 720 }
		]) {
			const ctx = await browser.newContext({ locale: 'ar-SA', viewport, javaScriptEnabled });
			const page = await ctx.newPage();
			await login(page, 'relations', '/programs/1');
			const buttons = page.getByTestId('new-link');
			expect(await buttons.count()).toBeGreaterThan(3);
			await buttons.last().scrollIntoViewIfNeeded();
			await buttons.last().click();
			const link = page.getByTestId('invite-link');
			await expect(link).toHaveText(/\/s\/[A-Za-z0-9_-]{32,}/);
			await expect(link).toBeInViewport({ ratio: 0.9 });
			await ctx.close();
		}
	});

test('on a 360 px phone the dashboard filters do not overlap and charts keep their labels', async ({
	browser
}) => {
	for (const locale of ['ar-SA', 'en-GB']) {
		const ctx = await browser.newContext({ locale, viewport: { width: 360, height: 740 } });
		const page = await ctx.newPage();
		await login(page, 'quality', '/account');
		await setLanguage(page, locale === 'ar-SA' ? 'ar' : 'en');
		await page.goto('/dashboard');
		const form = (await page.getByTestId('filters').boundingBox())!;
		const fields = await page.getByTestId('filters').locator('input, select').all();
		const boxes: Box[] = [];
		for (const f of fields) boxes.push((await f.boundingBox())!);
		for (const [i, b] of boxes.entries()) {
			expect(inside(b, form), `${locale} field ${i} inside the form`).toBe(true);
			for (const c of boxes.slice(i + 1)) expect(overlap(b, c), `${locale} field ${i}`).toBe(false);
		}
		// Every text of the NPS donut (its percentages) lies inside the chart's box.
		const nps = page.locator('[data-panel="nps"] .chart[data-ready]');
		await nps.scrollIntoViewIfNeeded();
		const chart = (await nps.boundingBox())!;
		const texts = nps.locator('svg text');
		expect(await texts.count()).toBeGreaterThan(2);
		for (const text of await texts.all())
			if (await text.isVisible())
				expect(
					inside((await text.boundingBox())!, chart),
					`${locale} "${await text.textContent()}"`
				).toBe(true);
		await setLanguage(page, 'ar');
		await ctx.close();
	}
});

test('on a laptop the dashboard filters do not overlap, and no choice is cut off at 1280 px', async ({
	browser
}) => {
	for (const [locale, width] of [
		['en-GB', 1280],
		['ar-SA', 1280],
		['en-GB', 1024]
	] as const) {
		const ctx = await browser.newContext({ locale, viewport: { width, height: 900 } });
		const page = await ctx.newPage();
		await login(page, 'quality', '/account');
		await setLanguage(page, locale === 'ar-SA' ? 'ar' : 'en');
		await page.goto('/dashboard');
		const filters = page.getByTestId('filters');
		const form = (await filters.boundingBox())!;
		const boxes: Box[] = [];
		for (const f of await filters.locator('input, select').all())
			boxes.push((await f.boundingBox())!);
		for (const [i, b] of boxes.entries()) {
			expect(inside(b, form), `${locale} ${width} field ${i} inside the form`).toBe(true);
			for (const c of boxes.slice(i + 1))
				expect(overlap(b, c), `${locale} ${width} field ${i}`).toBe(false);
		}
		if (width === 1280) {
			// Each select is wide enough for its chosen option's text (measured in its own font).
			const cut = await filters.locator('select').evaluateAll((sels) =>
				sels
					.map((s) => {
						const el = s as HTMLSelectElement;
						const ctx2 = document.createElement('canvas').getContext('2d')!;
						const cs = getComputedStyle(el);
						ctx2.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
						const text = ctx2.measureText(el.selectedOptions[0]?.text ?? '').width;
						const room =
							el.clientWidth - parseFloat(cs.paddingInlineStart) - parseFloat(cs.paddingInlineEnd);
						return text > room ? `${el.name}: ${el.selectedOptions[0]?.text}` : '';
					})
					.filter(Boolean)
			);
			expect(cut, `${locale}: choices cut off`).toEqual([]);
		}
		await setLanguage(page, 'ar');
		await ctx.close();
	}
});

/** The white value labels of a horizontal bar chart, each inside its own bar. */
async function labelsInsideBars(chart: Locator, what: string) {
	const { labels, bars } = await chart.evaluate((el) => {
		const box = (e: Element) => {
			const r = e.getBoundingClientRect();
			return { x: r.x, y: r.y, width: r.width, height: r.height };
		};
		const white = (e: Element) =>
			/^(#fff|#ffffff|white|rgb\(255, ?255, ?255\))$/i.test(
				(e.getAttribute('fill') ?? getComputedStyle(e).fill).trim()
			);
		return {
			labels: [...el.querySelectorAll('svg text')].filter(white).map((t) => ({
				text: t.textContent,
				...box(t)
			})),
			bars: [...el.querySelectorAll('svg path')]
				.filter((p) => /^#[0-9a-f]{6}$/i.test(p.getAttribute('fill') ?? '') && !white(p))
				.map(box)
				.filter((b) => b.height > 8 && b.width > 8)
		};
	});
	expect(labels.length, what).toBeGreaterThan(2);
	for (const l of labels)
		expect(
			bars.some((b) => inside(l, b)),
			`${what}: label ${l.text} sits inside a bar`
		).toBe(true);
}

test.describe('with the bars growing in', () => {
	// The suite runs with reduced motion (playwright.config.ts); this test lets the bars animate.
	test.use({ reducedMotion: 'no-preference' });

	test('value labels of the bar charts sit inside their bars, in Arabic and in English', async ({
		page
	}) => {
		await login(page, 'quality', '/account');
		for (const lang of ['ar', 'en'] as const) {
			await setLanguage(page, lang);
			await page.goto('/dashboard');
			await expect(page.locator('.chart:not([data-ready])')).toHaveCount(0);
			for (const id of ['aspects', 'byProgram']) {
				const chart = page.locator(`[data-panel="${id}"] .chart`);
				await chart.scrollIntoViewIfNeeded();
				// Once the bars have grown in (300 ms, longer on a busy machine).
				await expect(() => labelsInsideBars(chart, `${id} ${lang}`)).toPass({ timeout: 10_000 });
			}
		}
		await setLanguage(page, 'ar');
	});
});

test('the "everything we hold" page reads in words: questions, options, statuses, operations', async ({
	page
}) => {
	const d = await db();
	const withAnswers = d
		.prepare(
			'select beneficiary_id id from response where beneficiary_id is not null order by id limit 1'
		)
		.get() as { id: number };
	const withRequests = d
		.prepare(
			'select beneficiary_id id from request where beneficiary_id is not null order by id limit 1'
		)
		.get() as { id: number };
	d.close();
	await login(page, 'relations');
	for (const lang of ['ar', 'en'] as const) {
		await setLanguage(page, lang);
		for (const id of [withAnswers.id, withRequests.id]) {
			await page.goto(`/beneficiaries/${id}/data`);
			await page.goto(`/beneficiaries/${id}/data`); // a second view: the first is in its history
			const main = await page.locator('main').innerText();
			// Answers: question titles and option texts, not the survey's names and values.
			expect(main, `${lang} ${id}`).not.toMatch(
				/^\s*(overall|recommend|aspects\.\w+|channel_used|answered_in_time|suggestion):/m
			);
			expect(main, `${lang} ${id}`).not.toMatch(/: (interview|phone|not_applicable|yes|no)$/m);
			// Request statuses and the operations in words.
			for (const cell of await page.locator('main td').allInnerTexts()) {
				expect(RAW_STATUS, `${lang} ${id}`).not.toContain(cell.trim());
				expect(cell, `${lang} ${id}`).not.toMatch(/^beneficiary\./);
			}
		}
	}
	await page.goto(`/beneficiaries/${withAnswers.id}/data`);
	await expect(page.locator('main')).toContainText('All their data viewed');
	await setLanguage(page, 'ar');
});
