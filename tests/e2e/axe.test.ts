/**
 * Accessibility of every page template: each route of tests/access.ts that renders a page
 * (a +page.svelte), opened with a role that may see it, checked by axe (WCAG 2.0/2.1 A and AA,
 * plus axe's best practices such as landmarks and empty table headers) in Arabic on a 360 px
 * phone and in English on a laptop, with charts drawn. Public pages too, in each state a visitor
 * meets: sign-in (and its error), the request form (and its errors), a request's status page,
 * the survey (a page, its errors, the thank-you page, a used link, an unknown link) and the
 * unsubscribe page (before and after).
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTES, type RouteSpec, type Who } from '../access';
import { answerSurvey } from './answer';
import { axe, DEMO, expect, login, test } from './helpers';

// Each test opens its own context and puts the account's language back: they may run on
// different workers (each with its own server).
test.describe.configure({ mode: 'parallel', timeout: 300_000 });

const root = fileURLToPath(new URL('../..', import.meta.url));
const LOOKS = [
	{ lang: 'ar', locale: 'ar-SA', viewport: { width: 360, height: 740 } },
	{ lang: 'en', locale: 'en-GB', viewport: { width: 1280, height: 900 } }
] as const;
type Look = (typeof LOOKS)[number];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** admin sees nearly everything; the others only where admin is refused. */
const PREFER: Exclude<Who, 'anon'>[] = ['admin', 'relations', 'quality', 'board'];

/** Page templates only: +server.ts endpoints (exports, PDF, SVG, beacon) are not documents. */
const isPage = (id: string) => existsSync(join(root, 'src/routes', id, '+page.svelte'));

function roleFor(spec: RouteSpec): Who | null {
	if (!spec.get) return null;
	if (spec.get.anon === 200) return 'anon';
	return PREFER.find((w) => spec.get![w] === 200) ?? null;
}

const templates = Object.entries(ROUTES).filter(([id, spec]) => isPage(id) && roleFor(spec));

async function open(browser: Browser, look: Look, who: Who, javaScriptEnabled = true) {
	const ctx = await browser.newContext({
		locale: look.locale,
		viewport: look.viewport,
		javaScriptEnabled
	});
	const page = await ctx.newPage();
	if (who !== 'anon') {
		await login(page, who, '/account');
		// The account's language wins over the browser's: set it, and put it back afterwards.
		await setLanguage(page, look.lang);
	}
	return { ctx, page };
}

async function setLanguage(page: Page, lang: string) {
	const res = await page.request.post('/locale', {
		form: { locale: lang, next: '/' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(303);
}

async function check(page: Page, label: string, problems: string[]) {
	await page.waitForLoadState('load');
	// Charts are drawn after the page loads; check them drawn.
	await expect(page.locator('.chart:not([data-ready])')).toHaveCount(0);
	// The studio's preview frames hold /s/preview, a page template checked on its own below.
	const result = await axe(page).withTags(TAGS).exclude('iframe').analyze();
	for (const v of result.violations)
		problems.push(
			`${label}: ${v.id} (${v.impact}) ${v.nodes
				.slice(0, 3)
				.map((n) => n.target.join(' '))
				.join(' | ')}`
		);
}

async function visit(page: Page, path: string, label: string, problems: string[]) {
	const res = await page.goto(path);
	expect(res?.status(), path).toBeLessThan(500);
	await check(page, label, problems);
}

/**
 * Goes to `path` as a click on a link in the app does (SvelteKit's client-side navigation), then
 * checks it: axe stays loaded in the page and its code stays compiled, a third less time per
 * template than a full load that evaluates axe again (the first template of each sweep is a
 * full load). SvelteKit puts the new page in within the same task as the address changes (the
 * app has no onNavigate callbacks), so the next evaluate sees it.
 */
async function follow(page: Page, path: string, label: string, problems: string[]) {
	await page.evaluate((href) => {
		const a = document.createElement('a');
		a.href = href;
		(document.querySelector('main') ?? document.body).append(a);
		a.click();
		a.remove();
	}, path);
	await page.waitForURL((u) => u.pathname + u.search === path);
	await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
	await expect(page.locator('main.err'), path).toHaveCount(0);
	await check(page, label, problems);
}

/** A role's templates in even parts of at most this many, so both workers share the long sweeps. */
const PART = 12;

// English first: the English sweeps are the long ones, and the longest should be handed out
// first so that both workers end together. axe's colour-contrast rule does most of its work on
// them: it skips Arabic text, whose joined letters its icon-font check takes for ligature icons
// (axe-core 4.11, `isIconLigature`), so in Arabic it finds next to nothing to measure.
for (const look of [...LOOKS].reverse()) {
	for (const who of [...PREFER, 'anon'] as Who[]) {
		const all = templates.filter(([, spec]) => roleFor(spec) === who);
		const size = Math.ceil(all.length / Math.ceil(all.length / PART)); // even parts
		for (let from = 0; from < all.length; from += size) {
			const mine = all.slice(from, from + size);
			const part = all.length > PART ? ` ${from + 1}–${from + mine.length}` : '';
			test(`axe: ${who}'s page templates${part} in ${look.lang} (${look.viewport.width} px)`, async ({
				browser
			}) => {
				const { ctx, page } = await open(browser, look, who);
				const problems: string[] = [];
				try {
					for (const [i, [id, spec]] of mine.entries())
						await (i === 0 ? visit : follow)(
							page,
							spec.path,
							`${spec.path} (${id}) ${look.lang}`,
							problems
						);
				} finally {
					if (who !== 'anon') await setLanguage(page, 'ar');
					await ctx.close();
				}
				expect(problems).toEqual([]);
			});
		}
	}

	test(`axe: public pages in every state in ${look.lang} (${look.viewport.width} px)`, async ({
		browser
	}) => {
		const problems: string[] = [];
		const { ctx, page } = await open(browser, look, 'anon');
		let staff: BrowserContext | undefined;
		try {
			const at = (s: string) => `${s} ${look.lang}`;
			// Sign-in with a refused password.
			await page.goto('/login');
			await page.locator('input[name=email]').fill(DEMO.quality.email);
			await page.locator('input[name=password]').fill('not the password');
			await page.locator('main form button[type=submit]').click();
			await expect(page.locator('main [role=alert]').first()).toBeVisible();
			await check(page, at('/login (refused)'), problems);

			// The request form with its errors, and a real request's status page.
			await page.goto('/r');
			await page.locator('input[name=name]').fill('اسم تجريبي');
			await page.locator('input[name=mobile]').fill('12345'); // not a mobile number
			await page.locator('input[name=subject]').fill('موضوع');
			await page.locator('textarea[name=details]').fill('تفاصيل');
			await page.locator('main form button[type=submit]').first().click(); // no consent
			await expect(page.locator('main [role=alert]').first()).toBeVisible();
			await check(page, at('/r (errors)'), problems);
			const db = await import('better-sqlite3').then(
				(m) => new m.default(join(process.env.E2E_DATA!, 'e2e.db'), { readonly: true })
			);
			const { code } = db.prepare('select code from request order by id limit 1').get() as {
				code: string;
			};
			db.close();
			await visit(page, `/r/${code}`, at('/r/<code>'), problems);

			// A survey link issued by staff: a page, its errors, thank-you, then the used link.
			const s = await open(browser, look, 'relations');
			staff = s.ctx;
			await s.page.goto('/programs/1');
			await s.page.getByTestId('new-link').first().click();
			const link = (await s.page.getByTestId('invite-link').textContent())!.trim();
			await setLanguage(s.page, 'ar');
			await page.goto(link);
			await check(page, at('/s/<token> (page 1)'), problems);
			const next = page.locator('form.sq-form button[value=next]');
			await next.click();
			await expect(page.locator('.sq-summary')).toBeVisible();
			await check(page, at('/s/<token> (errors)'), problems);
			await answerSurvey(page, 'first');
			await expect(page.getByTestId('survey-thanks')).toBeVisible();
			await check(page, at('/s/<token> (thank-you)'), problems);
			await visit(page, link, at('/s/<token> (used)'), problems);
			await visit(page, '/s/NoSuchTokenNoSuchTokenNoSuchToken12', at('/s (unknown)'), problems);

			// Unsubscribe: the confirmation, then the answer to a link that is not valid.
			await visit(page, '/u/not-a-valid-token-000000', at('/u/<token>'), problems);
			await page.locator('main form button[type=submit]').click();
			await expect(page.locator('main [role=alert]')).toBeVisible();
			await check(page, at('/u/<token> (after)'), problems);
		} finally {
			await staff?.close();
			await ctx.close();
		}
		expect(problems).toEqual([]);
	});
}

test('every page template is covered by one of the sweeps above', () => {
	expect(templates.length).toBeGreaterThanOrEqual(40);
	for (const [id, spec] of Object.entries(ROUTES))
		if (isPage(id) && spec.get) expect(roleFor(spec), id).not.toBeNull();
});
