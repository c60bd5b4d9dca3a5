/**
 * On a slow phone or a weak network the page is there before its JavaScript: what a person types,
 * ticks or picks in that time survives hydration (the controls give the server's values as
 * defaults, or are bound; scripts/defaults.spec.ts checks every component for it). Each page's
 * scripts are held back until every control in its main part has been changed, then let through;
 * once hydrated, every control still shows the change, and a form sent then carries it.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './helpers';

test.describe.configure({ mode: 'parallel' });

/** Holds the page's scripts until the returned function is called. */
async function holdScripts(page: Page) {
	let release!: () => void;
	const arrived = new Promise<void>((r) => (release = r));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await arrived;
		await route.continue();
	});
	return release;
}

const CONTROLS = 'main input, main textarea, main select';
const fixed = (el: HTMLInputElement) =>
	['hidden', 'file', 'submit', 'button'].includes(el.type) || el.disabled || el.readOnly;

/** What each control in `main` holds: "index name: value or checked". */
const readAll = (page: Page) =>
	page.evaluate((sel) => {
		const out: string[] = [];
		document.querySelectorAll(sel).forEach((node, i) => {
			const el = node as HTMLInputElement;
			if (['hidden', 'file', 'submit', 'button'].includes(el.type)) return;
			const state = el.type === 'checkbox' || el.type === 'radio' ? String(el.checked) : el.value;
			out.push(`${i} ${el.name || el.getAttribute('aria-label') || el.id}: ${state}`);
		});
		return out;
	}, CONTROLS);

/**
 * Changes every control in `main` (text, dates, numbers, boxes, radio groups, selects) as a
 * person could, whether shown or folded away.
 */
async function changeAll(page: Page) {
	await page.evaluate(
		([sel, isFixed]) => {
			const fixed = new Function('el', `return (${isFixed})(el)`) as (
				el: HTMLInputElement
			) => boolean;
			const groups = new Set<string>();
			document.querySelectorAll(sel).forEach((node, i) => {
				const el = node as HTMLInputElement;
				if (fixed(el)) return;
				if (node instanceof HTMLSelectElement) {
					if (node.options.length > 1) node.selectedIndex = node.options.length - 1;
				} else if (el.type === 'checkbox') el.checked = !el.checked;
				else if (el.type === 'radio') {
					// each group's last radio, so that the group's choice changes
					if (groups.has(el.name)) return;
					groups.add(el.name);
					const all = el.form
						? [...el.form.querySelectorAll<HTMLInputElement>('input[type=radio]')]
						: [el];
					const group = all.filter((r) => r.name === el.name);
					group[group.length - 1].checked = true;
				} else if (el.type === 'number') el.value = String(40 + (i % 50));
				else if (el.type === 'date') el.value = `2026-09-1${i % 10}`;
				else if (el.type === 'month') el.value = `2026-0${1 + (i % 9)}`;
				else if (el.type === 'email') el.value = `typed${i}@example.org`;
				else if (el.type === 'tel') el.value = `05${51000000 + i}`;
				else el.value = `مكتوب قبل السكربت ${i}`;
			});
		},
		[CONTROLS, fixed.toString()] as const
	);
	return readAll(page);
}

const PAGES: { path: string; role?: 'admin' }[] = [
	{ path: '/r' }, // the public request form: text, textarea, radios, consent box
	{ path: '/actions/new', role: 'admin' }, // text, textarea, date, selects, box
	{ path: '/dashboard/themes', role: 'admin' }, // many forms: names, keyword lists, boxes
	{ path: '/targets', role: 'admin' }, // numbers typed as text
	{ path: '/requests/new', role: 'admin' }, // radios, boxes, a search field
	{ path: '/requests', role: 'admin' }, // a GET filter form: search, dates, box
	{ path: '/settings/requests', role: 'admin' } // radios of the deadline rule
	// Not the survey studio's editor: a tool that needs its scripts (its fields have no names;
	// it saves the survey as JSON it builds), whose selects rebuild the questions they belong to.
	// Its text fields are bound, so text typed there early is kept.
];

for (const { path, role } of PAGES)
	test.describe(() => {
		if (role) test.use({ role });
		test(`${path}: what was changed before the scripts ran is still there after`, async ({
			page
		}) => {
			const release = await holdScripts(page);
			await page.goto(path, { waitUntil: 'domcontentloaded' });
			const changed = await changeAll(page);
			expect(changed.length, 'controls on the page').toBeGreaterThan(2);
			expect(await readAll(page)).toEqual(changed); // not hydrated yet: nothing can undo it
			release();
			await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
			expect(await readAll(page)).toEqual(changed);
		});
	});

test.describe(() => {
	test.use({ role: 'admin' });
	test('an action typed before the scripts ran is sent with what was typed', async ({ page }) => {
		const release = await holdScripts(page);
		await page.goto('/actions/new?indicator=withinSla', { waitUntil: 'domcontentloaded' });
		await page.getByLabel('عنوان الإجراء').fill('متابعة قبل وصول السكربت');
		await page.getByLabel('وصف التغيير').fill('كُتب على شبكة بطيئة.');
		release();
		await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
		await page.getByRole('button', { name: 'إجراء جديد' }).click();
		await expect(page).toHaveURL(/\/actions\/\d+$/);
		await expect(page.getByLabel('عنوان الإجراء')).toHaveValue('متابعة قبل وصول السكربت');
		await expect(page.getByLabel('وصف التغيير')).toHaveValue('كُتب على شبكة بطيئة.');
	});
});

test.describe(() => {
	test.use({ role: 'admin', javaScriptEnabled: false });
	// TextArea, which Field uses for its textareas too
	for (const [path, field] of [['/dashboard/themes', 'keywordsAr']])
		test(`without scripts, ${path} shows the saved ${field}, as with them`, async ({
			page,
			browser,
			context
		}) => {
			const texts = (pg: Page) =>
				pg
					.locator(`textarea[name=${field}]`)
					.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
			await page.goto(path);
			const saved = await texts(page);
			expect(
				saved.some((t) => t.length > 10),
				`a saved ${field}`
			).toBe(true);
			const withJs = await browser.newContext({
				storageState: await context.storageState(),
				javaScriptEnabled: true
			});
			const p = await withJs.newPage();
			await p.goto(path);
			await expect(p.locator('html[data-hydrated]')).toHaveCount(1);
			expect(await texts(p)).toEqual(saved);
			await withJs.close();
		});
});
