/**
 * The report as a PDF, printed by headless Chromium (the Debian package the tests use)
 * from the very page the user sees, with their session: same figures, same print
 * stylesheet. One PDF at a time (the machine is small); scripts off (the page needs none).
 */
import { existsSync } from 'node:fs';
import { log } from '../log';
import { config } from '../config';

export const chromiumPath = () => config().chromium;
const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export function pdfAvailable(): boolean {
	return existsSync(chromiumPath());
}

let queue: Promise<unknown> = Promise.resolve();

export function renderPdf(url: string, cookie: { name: string; value: string }): Promise<Buffer> {
	const run = async () => {
		const { chromium } = await import('playwright-core');
		const started = Date.now();
		const browser = await chromium.launch({
			executablePath: chromiumPath(),
			args: ARGS,
			timeout: 30_000
		});
		try {
			const context = await browser.newContext({ javaScriptEnabled: false });
			await context.addCookies([
				{ name: cookie.name, value: cookie.value, url: new URL(url).origin }
			]);
			const page = await context.newPage();
			const res = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
			if (!res || !res.ok()) throw new Error(`report page answered ${res?.status()}`);
			await page.emulateMedia({ media: 'print' });
			const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
			log('info', 'report.pdf', { ms: Date.now() - started, bytes: pdf.length });
			return pdf;
		} finally {
			await browser.close();
		}
	};
	const p = queue.then(run, run);
	queue = p.catch(() => undefined);
	return p;
}
