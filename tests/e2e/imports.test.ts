/**
 * Hostile spreadsheets at both imports: a 230 KB XLSX of 3 M empty rows (it unpacks to ~90 MB)
 * is refused with a translated message, and the server answers other requests while several
 * such uploads are being refused (before: one froze it for 14–113 s at 2–4 GB).
 */
import type { APIRequestContext } from '@playwright/test';
import { xlsx } from '../../src/lib/server/imports/fixtures';
import { DEMO, expect, test, type DemoRole } from './helpers';

async function signedIn(
	playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
	baseURL: string,
	role: DemoRole
) {
	const request = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html' }
	});
	const login = await request.post('/login', {
		form: { email: DEMO[role].email, password: DEMO[role].password },
		maxRedirects: 0
	});
	expect(login.status()).toBe(303);
	return request;
}

test('an XLSX that unpacks past 20 MB is refused in words while other requests are answered', async ({
	playwright,
	baseURL
}) => {
	const bomb = xlsx([['الاسم', 'الجوال']], { emptyRows: 3_000_000 });
	expect(bomb.byteLength).toBeLessThan(500 * 1024);
	const relations = await signedIn(playwright, baseURL!, 'relations');
	const quality = await signedIn(playwright, baseURL!, 'quality');
	const file = { name: 'bomb.xlsx', mimeType: 'application/octet-stream', buffer: bomb };

	const uploads = [
		...Array.from({ length: 3 }, () =>
			relations.post('/beneficiaries/import?/preview', { multipart: { file }, maxRedirects: 0 })
		),
		quality.post('/reach/import?/upload', { multipart: { file }, maxRedirects: 0 })
	];
	// Sent while the uploads are in flight; each must be answered normally.
	const others = Array.from({ length: 4 }, (_, i) =>
		(i % 2 ? quality : relations).get(i % 2 ? '/reach' : '/beneficiaries', { maxRedirects: 0 })
	);
	const [b1, b2, b3, reach, ...pages] = await Promise.all([...uploads, ...others]);

	for (const page of pages) expect(page.status()).toBe(200);
	for (const res of [b1, b2, b3]) {
		expect(res.status()).toBe(400);
		expect(await res.text()).toContain('الملف يتجاوز 20 ميغابايت بعد فك ضغطه');
	}
	expect(reach.status()).toBe(400);
	expect(await reach.text()).toContain('الملف يتجاوز 20 ميغابايت بعد فك ضغطه');

	// And afterwards the server is as it was.
	expect((await relations.get('/beneficiaries/import')).status()).toBe(200);
	await relations.dispose();
	await quality.dispose();
});
