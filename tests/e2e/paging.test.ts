/**
 * Every paged list reads a hostile `?page=` as page 1 (or the last page when beyond it), never a
 * 500, and shows the one shared pager (src/lib/components/Pager.svelte).
 */
import type { Page } from '@playwright/test';
import { expect, login, roleState, test } from './helpers';

/** Each paged list, with filters wide enough that the demo data fills more than one page. */
const LISTS = [
	'/beneficiaries',
	'/programs/1',
	'/programs/1/responses',
	'/requests',
	'/requests?kind=support',
	'/dashboard/responses?from=2020-01-01&until=2030-12-31',
	'/dashboard/requests?from=2020-01-01&until=2030-12-31',
	'/dashboard/comments?from=2020-01-01&until=2030-12-31'
];
// Every hostile value is read by the one parser (src/lib/server/paging.spec.ts checks each of
// '1e308', '-1', 'abc', '0', '1.5', 'Infinity', '' and the huge ones); here, one of each
// kind, and a NUL byte in the URL, show that every list uses it.
const FIRST = ['1e308', '-1', 'abc', '%00'];
const BEYOND = ['99999999999999999999'];

const withPage = (path: string, v: string) => `${path}${path.includes('?') ? '&' : '?'}page=${v}`;

/** What identifies the page shown: the pager's position and the first row. */
async function shown(page: Page, url: string) {
	const res = await page.goto(url);
	expect(res?.status(), url).toBe(200);
	const pager = page.getByTestId('pager');
	const at = (await pager.count())
		? {
				page: Number(await pager.getAttribute('data-page')),
				pages: Number(await pager.getAttribute('data-pages'))
			}
		: { page: 1, pages: 1 };
	const row = page.locator('main tbody tr, main li.answer').first();
	const first = (await row.count()) ? await row.innerText() : '';
	return { ...at, first };
}

test('hostile page numbers read as the first or the last page on every paged list', async ({
	browser
}) => {
	test.setTimeout(180_000);
	// The pager and the rows are the server's HTML: read them without JavaScript (no hydration,
	// no charts drawn on the dashboard lists), signed in as admin.
	const ctx = await browser.newContext({
		javaScriptEnabled: false,
		storageState: await roleState('admin')
	});
	const page = await ctx.newPage();
	let multi = 0;
	for (const path of LISTS) {
		const one = await shown(page, withPage(path, '1'));
		expect(one.page, path).toBe(1);
		expect(one.first, `${path} has rows`).not.toBe('');
		if (one.pages > 1) multi++;
		const last = await shown(page, withPage(path, String(one.pages)));
		for (const v of FIRST) {
			const got = await shown(page, withPage(path, v));
			expect({ page: got.page, first: got.first }, `${path} page=${v}`).toEqual({
				page: 1,
				first: one.first
			});
		}
		for (const v of BEYOND) {
			const got = await shown(page, withPage(path, v));
			expect({ page: got.page, first: got.first }, `${path} page=${v}`).toEqual({
				page: one.pages,
				first: last.first
			});
		}
	}
	// The check means something only if lists really have several pages.
	expect(multi).toBeGreaterThanOrEqual(4);
	await ctx.close();
});

test('the pager keeps filters and moves page by page', async ({ page }) => {
	await login(page, 'admin');
	await page.goto('/requests?kind=support');
	const pager = page.getByTestId('pager');
	await expect(pager).toHaveAttribute('data-page', '1');
	await pager.getByRole('link', { name: 'التالية' }).click();
	await expect(page).toHaveURL(/kind=support/);
	await expect(page).toHaveURL(/page=2/);
	await expect(pager).toHaveAttribute('data-page', '2');
	await pager.getByRole('link', { name: 'السابقة' }).click();
	await expect(page).not.toHaveURL(/page=/);
	await expect(pager).toHaveAttribute('data-page', '1');
});
