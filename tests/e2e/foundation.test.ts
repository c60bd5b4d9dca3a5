import { gregorian, hijri } from '../../src/lib/dates';
import { DEMO, expect, login, postAction, signIn, test } from './helpers';

test('the login page renders in Arabic, right to left', async ({ page }) => {
	await page.goto('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('تسجيل الدخول');
});

test('each demo role lands on a page it may see', async ({ page }) => {
	for (const role of ['admin', 'quality', 'relations', 'board'] as const) {
		await page.context().clearCookies();
		await signIn(page, role);
		const res = await page.reload();
		expect(res?.status(), role).toBe(200);
		await expect(page.locator('h1').first()).toBeVisible();
		await page.locator('.user-menu summary').click();
		await page.getByTestId('logout').click();
		await expect(page).toHaveURL(/\/login/);
	}
});

test('the session cookie is httpOnly and logout ends the session', async ({ page, context }) => {
	await signIn(page, 'quality');
	const cookie = (await context.cookies()).find((c) => c.name === 'rida_session')!;
	expect(cookie.httpOnly).toBe(true);
	expect(cookie.sameSite).toBe('Lax');
	const saved = cookie.value;
	await page.locator('.user-menu summary').click();
	await page.getByTestId('logout').click();
	await expect(page).toHaveURL(/\/login/);
	// Replaying the old cookie does not get back in.
	await context.addCookies([{ ...cookie, value: saved }]);
	await page.goto('/');
	await expect(page).toHaveURL(/\/login/);
});

test('a board member is refused (403) on user management and every admin action', async ({
	page
}) => {
	await login(page, 'board');
	for (const path of ['/settings', '/settings/users', '/settings/users/1', '/settings/audit']) {
		const res = await page.goto(path);
		expect(res?.status(), path).toBe(403);
	}
	const attempts: [string, Record<string, string>][] = [
		[
			'/settings/users?/create',
			{
				name: 'X',
				email: 'x@example.org',
				role: 'admin',
				locale: 'ar',
				password: 'long enough password'
			}
		],
		['/settings/users/1?/update', { name: 'X', role: 'board' }],
		['/settings/users/1?/disable', {}],
		['/settings/users/1?/enable', {}],
		['/settings/users/1?/reset', {}],
		[
			'/settings',
			{
				nameAr: 'x',
				nameEn: 'x',
				licenceNumber: '',
				timeZone: 'Asia/Riyadh',
				fiscalYearStart: '1',
				calendar: 'gregorian',
				slaDays: '14',
				slaMode: 'calendar'
			}
		]
	];
	for (const [path, form] of attempts) {
		const res = await postAction(page, path, form);
		const body = await res.text();
		expect(
			res.status() === 403 || body.includes('"status":403'),
			`${path}: ${res.status()} ${body.slice(0, 120)}`
		).toBe(true);
	}
	// And nothing changed: the admin can still sign in, no user "x@example.org" exists.
	await page.context().clearCookies();
	await signIn(page, 'admin');
	await page.goto('/settings/users');
	await expect(page.getByText('x@example.org')).toHaveCount(0);
});

test('disabling a user ends their session', async ({ browser }) => {
	const admin = await (await browser.newContext()).newPage();
	const victim = await (await browser.newContext()).newPage();
	await login(admin, 'admin', '/settings/users');
	await admin.locator('input[name=name]').fill('مستخدم مؤقت');
	await admin.locator('input[name=email]').fill('temp@example.org');
	await admin.locator('select[name=role]').selectOption('quality');
	await admin.locator('input[name=password]').fill('temporary-password-1');
	await admin.locator('form[action="?/create"] button[type=submit]').click();
	await expect(admin.getByText('temp@example.org')).toBeVisible();

	await victim.goto('/login');
	await victim.locator('input[name=email]').fill('temp@example.org');
	await victim.locator('input[name=password]').fill('temporary-password-1');
	await victim.locator('main form button[type=submit]').click();
	await expect(victim).not.toHaveURL(/\/login/);

	await admin.getByRole('link', { name: 'مستخدم مؤقت' }).click();
	await admin.locator('form[action="?/disable"] button').click();
	await expect(admin.getByRole('status')).toBeVisible();

	await victim.reload();
	await expect(victim).toHaveURL(/\/login/);
});

test('six wrong passwords in a row are throttled', async ({ page }) => {
	for (let i = 0; i < 6; i++) {
		await page.goto('/login');
		await page
			.locator('input[name=email]')
			.fill(DEMO.relations.email.replace('relations', 'relations2'));
		await page.locator('input[name=password]').fill('wrong password ' + i);
		await page.locator('main form button[type=submit]').click();
		await expect(page.getByRole('alert')).toBeVisible();
	}
	await expect(page.getByRole('alert')).toContainText('محاولات كثيرة');
	// Even the right password is refused while the delay runs.
	await page.locator('input[name=password]').fill('demo-relations-1448');
	await page.locator('main form button[type=submit]').click();
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByRole('alert')).toContainText('محاولات كثيرة');
});

test('switching to English and back flips dir; today shows in both calendars', async ({ page }) => {
	await login(page, 'quality', '/');
	const today = page.getByTestId('today');
	// The association's today (Asia/Riyadh), formatted by our dates module for each language.
	const expectToday = async (locale: 'ar' | 'en') => {
		const now = new Date();
		await expect(today).toContainText(gregorian(now, locale, 'Asia/Riyadh'));
		await expect(today).toContainText(hijri(now, locale, 'Asia/Riyadh'));
	};
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectToday('ar');
	await expect(today).toContainText('هـ');
	await page.getByTestId('lang-switch').first().click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expectToday('en');
	await expect(today).toContainText(/AH/);
	await page.getByTestId('lang-switch').first().click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectToday('ar');
});

test('bad input keeps the entries and shows a translated message', async ({ page }) => {
	await login(page, 'admin', '/settings/users');
	const form = page.locator('form[action="?/create"]');
	await form.locator('input[name=name]').fill('اسم طويل'.repeat(30));
	await form.locator('input[name=email]').fill('not-an-email');
	await form.locator('input[name=email]').evaluate((el: HTMLInputElement) => (el.type = 'text'));
	await form
		.locator('input[name=name]')
		.evaluate((el: HTMLInputElement) => el.removeAttribute('maxlength'));
	await form.locator('input[name=name]').fill('اسم طويل'.repeat(30));
	await form.locator('button[type=submit]').click();
	await expect(form.getByText('أدخل بريدًا إلكترونيًا صحيحًا.')).toBeVisible();
	await expect(form.getByText('النص أطول من المسموح (100 حرفًا كحد أقصى).')).toBeVisible();
	await expect(form.locator('input[name=email]')).toHaveValue('not-an-email');

	await page.goto('/settings');
	await page.locator('input[name=slaDays]').evaluate((el: HTMLInputElement) => (el.type = 'text'));
	await page.locator('input[name=slaDays]').fill('abc');
	await page.locator('input[name=nameEn]').fill('Changed name');
	await page.locator('main form button[type=submit]').click();
	await expect(page.getByText('أدخل رقمًا صحيحًا.')).toBeVisible();
	await expect(page.locator('input[name=nameEn]')).toHaveValue('Changed name');
	await expect(page.locator('input[name=slaDays]')).toHaveValue('abc');
});
