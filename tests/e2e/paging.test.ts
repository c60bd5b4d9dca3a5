/**
 * Every paged list reads a hostile `?page=` as page 1 (or the last page when beyond it), never a
 * 500, and shows the one shared pager (src/lib/components/Pager.svelte).
 */
import type { APIRequestContext } from '@playwright/test';
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

/**
 * What identifies the page shown: the pager's position and the first row, read from the
 * server's HTML (the pager and the rows are server-rendered; no browser needs to lay them out).
 */
async function shown(request: APIRequestContext, url: string) {
	const res = await request.get(url, { headers: { accept: 'text/html' } });
	expect(res.status(), url).toBe(200);
	const html = await res.text();
	const main = html.slice(html.indexOf('<main'));
	const pager = /<[^>]*data-testid="pager"[^>]*>/.exec(main)?.[0];
	const attr = (name: string) => Number(new RegExp(`${name}="(\\d+)"`).exec(pager ?? '')?.[1]);
	const at = pager ? { page: attr('data-page'), pages: attr('data-pages') } : { page: 1, pages: 1 };
	// the first row of the list: a table body's first row, or the first answer's id on the
	// comments list
	const row =
		/<tbody[^>]*>\s*(?:<!--[^>]*-->\s*)*(<tr[\s\S]*?<\/tr>)/.exec(main)?.[1] ??
		/<li[^>]*data-answer="([^"]+)"/.exec(main)?.[1];
	const first = row ?? '';
	return { ...at, first };
}

test('hostile page numbers read as the first or the last page on every paged list', async ({
	browser
}) => {
	test.setTimeout(180_000);
	// The pager and the rows are the server's HTML: read it as it is sent, signed in as admin.
	const ctx = await browser.newContext({ storageState: await roleState('admin') });
	const request = ctx.request;
	let multi = 0;
	for (const path of LISTS) {
		const one = await shown(request, withPage(path, '1'));
		expect(one.page, path).toBe(1);
		expect(one.first, `${path} has rows`).not.toBe('');
		if (one.pages > 1) multi++;
		const last = await shown(request, withPage(path, String(one.pages)));
		if (one.pages > 1) expect(last.first, `${path}: the last page's first row`).not.toBe(one.first);
		for (const v of FIRST) {
			const got = await shown(request, withPage(path, v));
			expect({ page: got.page, first: got.first }, `${path} page=${v}`).toEqual({
				page: 1,
				first: one.first
			});
		}
		for (const v of BEYOND) {
			const got = await shown(request, withPage(path, v));
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
	await login(page, 'admin', '/requests?kind=support');
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
