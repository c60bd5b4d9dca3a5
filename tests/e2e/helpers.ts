import { expect, test, type Page } from '@playwright/test';

// Tests import `test` and `expect` from here, so fixtures (one server per worker, a signed-in
// state per role) can be added in one place.
export { expect, test };

export const DEMO = {
	admin: { email: 'admin@demo.rida', password: 'demo-admin-1448' },
	quality: { email: 'quality@demo.rida', password: 'demo-quality-1448' },
	relations: { email: 'relations@demo.rida', password: 'demo-relations-1448' },
	board: { email: 'board@demo.rida', password: 'demo-board-1448' }
} as const;

export type DemoRole = keyof typeof DEMO;

export async function login(page: Page, role: DemoRole) {
	await page.goto('/login');
	await page.locator('input[name=email]').fill(DEMO[role].email);
	await page.locator('input[name=password]').fill(DEMO[role].password);
	await page.locator('main form button[type=submit]').click();
	await expect(page).not.toHaveURL(/\/login/);
}

/** Posts a form action directly (as a crafted request would), with the page's cookies. */
export async function postAction(page: Page, path: string, form: Record<string, string>) {
	const origin = new URL(page.url()).origin;
	return page.request.post(path, {
		form,
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
}
