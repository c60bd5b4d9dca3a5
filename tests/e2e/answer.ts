import type { Browser, Page } from '@playwright/test';
import { expect, login } from './helpers';

/**
 * Answers whatever survey is open, page by page, until its thank-you page: on each page every
 * radio group gets its last (or first) option and every text box a short thank-you. Each round
 * waits for the server's answer to its Next, then for the page to change (the enhanced form
 * swaps pages without a navigation). A round whose page is replaced while it is ticking (a late
 * answer) starts again on the new page: its steps have short timeouts, so they fail instead of
 * waiting for an option of a page that is gone.
 */
export async function answerSurvey(page: Page, pick: 'first' | 'last' = 'last') {
	const next = page.locator('form.sq-form button[value=next]');
	const thanks = page.getByTestId('survey-thanks');
	const step = { timeout: 10_000 };
	let missed: unknown;
	for (let i = 0; i < 12 && !(await thanks.count()); i++) {
		try {
			const names = await page
				.locator('form.sq-form input[type=radio]')
				.evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))]);
			for (const name of names) {
				const options = page.locator(`form.sq-form input[name="${name}"]`);
				const id = await (pick === 'last' ? options.last() : options.first()).getAttribute(
					'id',
					step
				);
				await page.locator(`label[for="${id}"]`).click(step);
			}
			for (const box of await page.locator('form.sq-form textarea').all())
				await box.fill('شكرًا', step);
		} catch (e) {
			missed = e;
			continue; // an option of a page that is gone: start again on the new one
		}
		// A live preview may change the text (an error summary goes once a choice is made):
		// what counts is the page after the server's answer to this Next.
		const sent = await formText(page);
		const answered = page.waitForResponse(
			(r) => r.request().method() === 'POST' && r.url().includes('/answer'),
			{ timeout: 30_000 }
		);
		await next.click(step);
		await answered;
		// Done, or a new page, or the same page with its errors (answered again next round).
		await expect(async () => {
			if (await thanks.count()) return;
			expect(await formText(page)).not.toBe(sent);
		}).toPass({ timeout: 15_000 });
	}
	await expect(thanks, `not thanked; the last step that failed: ${missed}`).toBeVisible();
}

/**
 * The survey form's text now, without waiting: a locator's innerText() would wait for a form
 * that the thank-you page has just replaced.
 */
const formText = (page: Page) =>
	page
		.locator('form.sq-form')
		.evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText).join('\n'));

/** A 360 px phone in Arabic, with or without JavaScript. */
export async function phone(browser: Browser, javaScriptEnabled = true) {
	const ctx = await browser.newContext({
		viewport: { width: 360, height: 740 },
		locale: 'ar-SA',
		javaScriptEnabled,
		isMobile: true,
		hasTouch: true
	});
	return { ctx, page: await ctx.newPage() };
}

/** Picks a radio option by value through its label (the inputs themselves are hidden). */
export async function choose(page: Page, name: string, value: string) {
	const id = await page.locator(`input[name="${name}"][value="${value}"]`).getAttribute('id');
	await page.locator(`label[for="${id}"]`).click();
}

/** A new survey link for the demo program's first beneficiary, issued by a relations officer. */
export async function issueLink(page: Page): Promise<string> {
	await login(page, 'relations', '/programs/1');
	await page.getByTestId('new-link').first().click();
	return (await page.getByTestId('invite-link').textContent())!.trim();
}
