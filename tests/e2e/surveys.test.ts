import type { Browser, Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axe, expect, login, postAction, test } from './helpers';
import { choose, issueLink, phone as phoneContext } from './answer';

// One story, in order: staff create a program, import people, end it, take links; the
// beneficiaries answer (with and without JavaScript); nothing personal leaks.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now().toString().slice(-6);
const PEOPLE = [
	{ name: `ريم اختبار${stamp}`, mobile: `٠٥٥٧${stamp}` }, // Arabic-Indic digits in the file
	{ name: `Huda Test${stamp}`, mobile: `+9665${'8' + stamp.slice(0, 3)}${stamp.slice(3)}1` }
];
const programName = `برنامج الاختبار ${stamp}`;
let programUrl = '';
const links: string[] = [];
const visited: string[] = [];
/** Fresh single-use links from the walk-in test, not answered there. */
const walkIns: string[] = [];

async function newLink(page: Page, row: number): Promise<string> {
	await page.goto(programUrl);
	await page.getByTestId('new-link').nth(row).click();
	const link = (await page.getByTestId('invite-link').textContent())!.trim();
	expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{32,}$/);
	return link;
}

async function phone(browser: Browser, javaScriptEnabled = true) {
	const p = await phoneContext(browser, javaScriptEnabled);
	p.page.on('request', (r) => visited.push(r.url()));
	return p;
}

/** Fills the default post-program survey in Arabic: overall 5, recommend 9. */
async function fillSurvey(page: Page) {
	await expect(page.locator('h1')).toHaveText('رأيك يهمّنا');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	// The option labelled 5 (very satisfied) must store 5, whichever side RTL draws it on.
	await page.locator('fieldset:has(input[name=overall]) label').filter({ hasText: '5' }).click();
	await expect(page.locator('input[name=overall][value="5"]')).toBeChecked();
	await page
		.locator('fieldset:has(input[name=recommend]) label')
		.filter({ hasText: /^\s*9\s*$/ })
		.click();
	await page.getByRole('button', { name: 'التالي' }).click();
	await expect(page.locator('input[name="aspects.courtesy"]').first()).toBeAttached();
	for (const a of ['courtesy', 'clarity', 'speed', 'competence', 'channel_convenience'])
		await choose(page, `aspects.${a}`, '4');
	await choose(page, 'channel_used', 'phone');
	await choose(page, 'answered_in_time', 'yes');
	await page.getByRole('button', { name: 'التالي' }).click();
	await page.locator('textarea[name=suggestion]').fill('شكرًا على التنظيم');
	await page.getByRole('button', { name: 'إرسال' }).click();
	await expect(page.getByTestId('survey-thanks')).toBeVisible();
	await expect(page.getByTestId('survey-thanks')).toContainText('جمعية البر التجريبية');
}

test('staff create a program, import beneficiaries (bad row reported), end it and take a link', async ({
	page
}) => {
	page.on('request', (r) => visited.push(r.url()));
	await login(page, 'relations', '/programs/new');
	await page.locator('input[name=nameAr]').fill(programName);
	await page.locator('input[name=nameEn]').fill(`Test program ${stamp}`);
	await page.locator('input[name=startDate]').fill('2026-09-01');
	await page.locator('input[name=endDate]').fill('2026-10-15');
	await page.locator('main form button[type=submit]').click();
	await expect(page).toHaveURL(/\/programs\/\d+/);
	programUrl = new URL(page.url()).pathname;
	const programId = programUrl.split('/').pop()!;

	const csv = [
		'الاسم,الجوال,البريد الإلكتروني,الجنس,الفئة العمرية,المدينة,اللغة,قناة التواصل,الموافقة',
		`${PEOPLE[0].name},${PEOPLE[0].mobile},,أنثى,٣٠-٤٤,الرياض,العربية,واتساب,نعم`,
		`بيانات ناقصة,12345,,ذكر,,,,,نعم`,
		`${PEOPLE[1].name},${PEOPLE[1].mobile},,female,18-29,جدة,English,SMS,yes`
	].join('\n');
	await page.goto(`/beneficiaries/import?program=${programId}`);
	await page.locator('input[name=file]').setInputFiles({
		name: 'people.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('\ufeff' + csv)
	});
	await page.getByRole('button', { name: 'معاينة' }).click();
	const errors = page.getByTestId('import-errors');
	await expect(errors).toBeVisible();
	await expect(errors.locator('tbody tr')).toHaveCount(1);
	await expect(errors.locator('tbody tr')).toContainText('3');
	await expect(errors.locator('tbody tr')).toContainText('الجوال');
	await expect(errors.locator('tbody tr')).toContainText('رقم جوال غير صحيح');
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toContainText('2');

	await page.goto(programUrl);
	await expect(page.getByTestId('enrolled-table').locator('tbody tr')).toHaveCount(2);
	await page.getByTestId('end-program').click();
	await expect(page.getByTestId('program-status')).toHaveText('منتهٍ');
	await expect(page.getByTestId('stat-invited')).toHaveText('2');
	links.push(await newLink(page, 0));
	links.push(await newLink(page, 1));
});

test('a beneficiary answers in Arabic on a phone; the program shows 1 completed and CSAT 100%', async ({
	browser,
	page
}) => {
	const { ctx, page: ben } = await phone(browser);
	// The newest enrollment comes first: Huda, who prefers English. Switch to Arabic on the page.
	await ben.goto(links[0]);
	await expect(ben.locator('html')).toHaveAttribute('lang', 'en');
	await expect(ben.locator('h1')).toHaveText('Your opinion matters to us');
	await ben.getByRole('button', { name: /العربية/ }).click();
	await expect(ben.locator('html')).toHaveAttribute('lang', 'ar');
	const found = await axe(ben).analyze();
	expect(found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual(
		[]
	);
	// Opened and left on page 2, then resumed on the same link.
	await ben.locator('fieldset:has(input[name=overall]) label').filter({ hasText: '5' }).click();
	await ben
		.locator('fieldset:has(input[name=recommend]) label')
		.filter({ hasText: /^\s*9\s*$/ })
		.click();
	await ben.getByRole('button', { name: 'التالي' }).click();
	await expect(ben.locator('input[name="aspects.courtesy"]').first()).toBeAttached();
	await ben.goto(links[0]);
	await expect(ben.locator('input[name="aspects.courtesy"]').first()).toBeAttached();
	await ben.getByRole('button', { name: 'السابق' }).click();
	await fillSurvey(ben);

	await login(page, 'relations', programUrl);
	await expect(page.getByTestId('stat-completed')).toHaveText('1');
	await expect(page.getByTestId('stat-csat')).toContainText('100');
	await page.goto(programUrl + '/responses');
	await expect(page.getByTestId('responses-table').locator('tbody tr')).toHaveCount(1);
	await expect(page.getByTestId('responses-table')).toContainText('شكرًا على التنظيم');

	// The link is single-use: the polite used-link page, naming nobody.
	await ben.goto(links[0]);
	await expect(ben.getByTestId('survey-link-state')).toHaveAttribute('data-state', 'used');
	await expect(ben.locator('body')).not.toContainText(PEOPLE[0].name);
	// A crafted second submission is refused and the first answer stays.
	const res = await ben.request.post(links[0] + '?/answer', {
		form: { pageIndex: '2', nav: 'next', suggestion: 'x' },
		headers: {
			origin: new URL(links[0]).origin,
			'x-sveltekit-action': 'true',
			accept: 'application/json'
		}
	});
	expect(await res.text()).toContain('used');
	await page.goto(programUrl);
	await expect(page.getByTestId('stat-csat')).toContainText('100');
	await ctx.close();
});

test('the survey works with JavaScript disabled, and rejects an out-of-range value', async ({
	browser
}) => {
	const { ctx, page } = await phone(browser, false);
	await page.goto(links[1]);
	// A crafted 9 on the 1–5 scale is refused by the server.
	const res = await page.request.post(links[1] + '?/answer', {
		form: {
			pageIndex: '0',
			nav: 'next',
			overall: '9',
			recommend: '5',
			_shown: 'overall recommend'
		},
		headers: { origin: new URL(links[1]).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(400);
	expect(await res.text()).toContain('يُرجى اختيار قيمة بين 1 و5');
	await page.goto(links[1]);
	await fillSurvey(page);
	await page.goto(links[1]);
	await expect(page.getByTestId('survey-link-state')).toHaveAttribute('data-state', 'used');
	await ctx.close();
});

test('on a slow network, a choice made before the JavaScript arrives is kept after it runs', async ({
	page,
	browser
}) => {
	const link = await issueLink(page);
	const { ctx, page: p } = await phone(browser);
	// The page arrives; its JavaScript waits until the beneficiary has chosen.
	let release!: () => void;
	const arrived = new Promise<void>((r) => (release = r));
	await p.route('**/_app/immutable/**/*.js', async (route) => {
		await arrived;
		await route.continue();
	});
	await p.goto(link, { waitUntil: 'domcontentloaded' });
	await p.locator('fieldset:has(input[name=overall]) label').filter({ hasText: '5' }).click();
	await expect(p.locator('input[name=overall][value="5"]')).toBeChecked();
	release();
	// Hydrated: a change now asks the server for the page's live preview (another score each
	// try, since clicking the checked one changes nothing).
	let score = 7;
	await expect(async () => {
		score = score === 9 ? 8 : 9;
		const preview = p.waitForRequest((r) => r.url().includes('?/preview'), { timeout: 1000 });
		await p
			.locator('fieldset:has(input[name=recommend]) label')
			.filter({ hasText: new RegExp(`^\\s*${score}\\s*$`) })
			.click();
		await preview;
	}).toPass({ timeout: 15_000 });
	await expect(p.locator('input[name=overall][value="5"]')).toBeChecked();
	await expect(p.locator(`input[name=recommend][value="${score}"]`)).toBeChecked();
	await ctx.close();
});

for (const javaScriptEnabled of [true, false])
	test(`switching language mid-page keeps what was chosen and not sent (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
		page,
		browser
	}) => {
		const link = await issueLink(page);
		const { ctx, page: p } = await phone(browser, javaScriptEnabled);
		await p.goto(link);
		await expect(p.locator('html')).toHaveAttribute('lang', 'ar');
		await choose(p, 'overall', '4');
		await choose(p, 'recommend', '8');
		await p.getByRole('button', { name: /English/ }).click();
		await expect(p.locator('html')).toHaveAttribute('lang', 'en');
		await expect(p.locator('html')).toHaveAttribute('dir', 'ltr');
		await expect(p.locator('input[name=overall][value="4"]')).toBeChecked();
		await expect(p.locator('input[name=recommend][value="8"]')).toBeChecked();
		// And back, with one more choice.
		await choose(p, 'recommend', '10');
		await p.getByRole('button', { name: /العربية/ }).click();
		await expect(p.locator('html')).toHaveAttribute('lang', 'ar');
		await expect(p.locator('input[name=overall][value="4"]')).toBeChecked();
		await expect(p.locator('input[name=recommend][value="10"]')).toBeChecked();
		await ctx.close();
	});

test('unknown links get the polite page', async ({ browser }) => {
	const { ctx, page } = await phone(browser, false);
	await page.goto('/s/NoSuchTokenNoSuchTokenNoSuchToken12');
	await expect(page.getByTestId('survey-link-state')).toHaveAttribute('data-state', 'unknown');
	await ctx.close();
});

test('an anonymous walk-in link starts separate anonymous surveys, rate-limited per device', async ({
	page,
	browser
}) => {
	await login(page, 'relations', programUrl);
	await page.getByRole('button', { name: 'إنشاء رابط عام' }).click();
	const link = (await page.getByTestId('anon-link').textContent())!.trim();
	await expect(page.locator('.qr svg')).toBeVisible();
	const { ctx, page: walk } = await phone(browser);
	const opened: string[] = [];
	for (let i = 0; i < 3; i++) {
		await walk.goto(link);
		expect(walk.url()).not.toBe(link); // redirected to its own single-use link
		opened.push(walk.url());
		await expect(walk.locator('h1')).toBeVisible();
	}
	expect(new Set(opened).size).toBe(3);
	walkIns.push(...opened);
	await walk.goto(link);
	await expect(walk.getByTestId('survey-link-state')).toHaveAttribute('data-state', 'limit');
	// Walk-ins are not counted as invited.
	await page.goto(programUrl);
	await expect(page.getByTestId('stat-invited')).toHaveText('2');
	await ctx.close();
});

test('an enhanced last-page answer gets the same response from the lean path as from SvelteKit', async ({
	playwright
}) => {
	// The production server answers an enhanced last-page post itself (responses/lean.ts) and
	// leaves SvelteKit every other one: a content type with a charset parameter is one it
	// leaves (lean.spec.ts shows both), so two walk-in links compare the two paths.
	const origin = new URL(walkIns[0]).origin;
	const api = await playwright.request.newContext({
		extraHTTPHeaders: { 'accept-language': 'ar' }
	});
	const post = (link: string, form: Record<string, string>, headers: Record<string, string>) =>
		api.post(link + '?/answer', {
			data: new URLSearchParams(form).toString(),
			headers: { origin, ...headers },
			maxRedirects: 0
		});
	const form = 'application/x-www-form-urlencoded';
	const enhanced = { accept: 'application/json', 'x-sveltekit-action': 'true' };
	const answers: Record<string, string>[] = [
		{ pageIndex: '0', nav: 'next', overall: '5', recommend: '9' },
		{ pageIndex: '1', nav: 'next', channel_used: 'phone', 'aspects.courtesy': '4' },
		{ pageIndex: '2', nav: 'next', suggestion: 'شكرًا' }
	];
	const replies = [];
	for (const [link, type] of [
		[walkIns[0], form],
		[walkIns[1], `${form};charset=UTF-8`]
	]) {
		// the first two pages as plain form posts (SvelteKit keeps the draft, 303)
		for (const page of answers.slice(0, 2))
			expect((await post(link, page, { 'content-type': form })).status()).toBe(303);
		const r = await post(link, answers[2], { ...enhanced, 'content-type': type });
		const headers = Object.entries(r.headers()).filter(([k]) => k !== 'date');
		replies.push({ status: r.status(), headers: headers.sort(), body: await r.text() });
	}
	expect(replies[0].body).toContain('"type":"success"');
	expect(replies[0]).toEqual(replies[1]);
	await api.dispose();
});

test('quality sees figures and comments but no names; board cannot change programs', async ({
	page
}) => {
	await login(page, 'quality', programUrl);
	await expect(page.getByTestId('enrolled-table')).toBeVisible();
	for (const p of PEOPLE) await expect(page.locator('main')).not.toContainText(p.name);
	await page.goto(programUrl + '/responses');
	await expect(page.getByTestId('responses-table')).toContainText('شكرًا على التنظيم');
	for (const p of PEOPLE) await expect(page.locator('main')).not.toContainText(p.name);
	expect((await page.goto('/beneficiaries'))?.status()).toBe(403);
	await page.context().clearCookies();
	await login(page, 'board');
	const res = await postAction(page, programUrl + '?/archive', {});
	expect(res.status()).toBe(403);
	expect((await page.goto(programUrl + '/responses'))?.status()).toBe(403);
});

test('personal data never appears in the server log or in any URL', async () => {
	const logFile = join(process.env.E2E_DATA!, 'server.log');
	const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
	const tokens = links.map((l) => l.split('/s/')[1]);
	for (const secret of [...PEOPLE.map((p) => p.name), stamp + '1', ...tokens]) {
		expect(log, 'server log').not.toContain(secret);
	}
	for (const p of PEOPLE) {
		for (const u of visited) {
			expect(decodeURIComponent(u)).not.toContain(p.name);
			expect(u).not.toContain(p.mobile.replace(/\D/g, '').slice(-7));
		}
	}
	expect(visited.length).toBeGreaterThan(10);
});

test('data subject rights: relations export a beneficiary’s data and erase it; indicators unchanged', async ({
	page
}) => {
	await login(page, 'relations', '/beneficiaries');
	await page.locator('main table tbody tr a').first().click();
	await expect(page).toHaveURL(/\/beneficiaries\/\d+$/);
	const id = page.url().split('/').pop()!;
	const name = (await page.locator('h1').textContent())!.trim();
	const json = await page.request.get(`/beneficiaries/${id}/export`);
	expect(json.status()).toBe(200);
	const data = await json.json();
	expect(data.beneficiary.name).toBe(name);
	await page.goto(`/beneficiaries/${id}/data`);
	await expect(page.getByText(name).first()).toBeVisible();

	const csatBefore = (await (await page.request.get('/programs')).text()).length; // the list renders
	expect(csatBefore).toBeGreaterThan(0);
	const db = await import('better-sqlite3').then(
		(m) => new m.default(join(process.env.E2E_DATA!, 'e2e.db'), { readonly: true })
	);
	const before = db.prepare('select count(*) n, avg(csat) a from response').get();
	await page.goto(`/beneficiaries/${id}`);
	await page.getByTestId('erase').click();
	await expect(page.getByText('ضع العلامة')).toBeVisible(); // confirmation required
	await page.locator('input[name=confirm]').check();
	await page.getByTestId('erase').click();
	await expect(page).toHaveURL(/\/beneficiaries\?erased=1/);
	expect(db.prepare('select count(*) n, avg(csat) a from response').get()).toEqual(before);
	const row = db
		.prepare(
			'select name_enc, mobile_enc, mobile_hash, email_enc, erased_at from beneficiary where id = ?'
		)
		.get(Number(id)) as Record<string, unknown>;
	db.close();
	expect(row.name_enc).toBeNull();
	expect(row.mobile_enc).toBeNull();
	expect(row.mobile_hash).toBeNull();
	expect(row.erased_at).not.toBeNull();
	expect((await page.goto(`/beneficiaries/${id}`))?.status()).toBe(404);
});
