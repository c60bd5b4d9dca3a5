/**
 * Security headers and the Content-Security-Policy on real page responses of the built app
 * (the unit spec `headers.spec.ts` covers `secureHeaders()` alone): what the header says, that
 * every script the page ships is allowed by it, and that Chromium enforces it.
 */
import type { Page, Response } from '@playwright/test';
import { expect, test } from './helpers';

function directives(csp: string): Map<string, string[]> {
	return new Map(
		csp
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...values]) => [name, values])
	);
}

async function checkPage(page: Page, res: Response | null, path: string) {
	expect(res?.status(), path).toBe(200);
	const h = res!.headers();
	expect(h['x-content-type-options'], path).toBe('nosniff');
	expect(h['x-frame-options'], path).toBe('DENY');
	expect(h['referrer-policy'], path).toBeTruthy();
	expect(h['permissions-policy'], path).toMatch(/camera=\(\)/);
	const csp = directives(h['content-security-policy'] ?? '');
	expect(csp.get('default-src'), path).toEqual(["'self'"]);
	expect(csp.get('object-src'), path).toEqual(["'none'"]);
	expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
	expect(csp.get('base-uri'), path).toEqual(["'self'"]);
	expect(csp.get('form-action'), path).toEqual(["'self'", 'https://wa.me']);
	const scriptSrc = csp.get('script-src') ?? [];
	expect(scriptSrc, path).toContain("'self'");
	expect(scriptSrc.join(' '), path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
	// Each inline script of the page carries the nonce the header allows.
	const nonces = scriptSrc.filter((s) => s.startsWith("'nonce-")).map((s) => s.slice(7, -1));
	const inline = await page
		.locator('script:not([src])')
		.evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
	expect(inline.length, path).toBeGreaterThan(0);
	for (const nonce of inline) expect(nonces, path).toContain(nonce);
}

/** Chromium's own report of a blocked script or style. */
function violations(page: Page): string[] {
	const seen: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
	});
	return seen;
}

test('public pages: headers, a CSP that allows only our scripts, and Chromium enforces it', async ({
	page
}) => {
	const seen = violations(page);
	for (const path of ['/login', '/r']) {
		await checkPage(page, await page.goto(path), path);
		// Hydrated: the page's own scripts ran under the policy.
		await expect(page.locator('body')).toBeVisible();
	}
	expect(seen).toEqual([]);
	// An injected inline script (what an XSS would add) is refused by the browser.
	const ran = await page.evaluate(async () => {
		const blocked = new Promise<string>((resolve) =>
			document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
				once: true
			})
		);
		const s = document.createElement('script');
		s.textContent = 'window.__pwned = true';
		document.body.append(s);
		return {
			directive: await blocked,
			pwned: (window as unknown as { __pwned?: boolean }).__pwned ?? false
		};
	});
	expect(ran.pwned).toBe(false);
	expect(ran.directive).toMatch(/^script-src/);
});

test.describe('signed in', () => {
	test.use({ role: 'quality' });

	test('private pages carry the same headers and are never stored', async ({ page }) => {
		const seen = violations(page);
		for (const path of ['/', '/dashboard']) {
			const res = await page.goto(path);
			await checkPage(page, res, path);
			expect(res!.headers()['cache-control'], path).toBe('no-store');
		}
		await expect(page.locator('.chart[data-ready="1"]').first()).toBeVisible();
		expect(seen).toEqual([]);
	});
});
