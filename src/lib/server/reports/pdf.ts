/**
 * The report as a PDF, printed by headless Chromium (the Debian package the tests use)
 * from the very page the user sees, with their session: same figures, same print
 * stylesheet; scripts off (the page needs none). Limits (the machine is small): one render per
 * user at a time, two Chromiums at once, a short queue; an abandoned request stops its render.
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

/** Chromiums at once (each takes ~150 MB and a core for a second or two on a small machine). */
export const PDF_CONCURRENCY = 2;
/** Renders that may wait for a free Chromium; more are refused at once (503). */
export const PDF_MAX_WAITING = 4;

/** The render was not started: this user already has one, or the queue is full. */
export class PdfBusyError extends Error {
	constructor(readonly reason: 'user' | 'queue') {
		super(
			reason === 'user' ? 'a PDF for this user is already being made' : 'the PDF queue is full'
		);
		this.name = 'PdfBusyError';
	}
}

type Job = { owner: string; start: () => void; cancel: () => void };
let running = 0;
const waiting: Job[] = [];
/** Owners with a render running or waiting. */
const owners = new Set<string>();

function next() {
	while (running < PDF_CONCURRENCY && waiting.length) waiting.shift()!.start();
}

/**
 * Renders `url` as an A4 PDF with the user's session cookie. At most one render per `owner`
 * (a user) at a time and PDF_CONCURRENCY overall, PDF_MAX_WAITING more waiting; otherwise
 * PdfBusyError. When `signal` aborts (the browser went away) a waiting render is dropped and
 * a running one closes its Chromium at once.
 */
export function renderPdf(
	url: string,
	cookie: { name: string; value: string },
	opts: { owner: string; signal?: AbortSignal }
): Promise<Buffer> {
	const { owner, signal } = opts;
	if (signal?.aborted) return Promise.reject(signal.reason);
	if (owners.has(owner)) return Promise.reject(new PdfBusyError('user'));
	if (running >= PDF_CONCURRENCY && waiting.length >= PDF_MAX_WAITING)
		return Promise.reject(new PdfBusyError('queue'));
	owners.add(owner);
	return new Promise<Buffer>((resolve, reject) => {
		const onAbort = () => {
			const i = waiting.indexOf(job);
			if (i >= 0) {
				waiting.splice(i, 1);
				owners.delete(owner);
				reject(signal!.reason);
			}
		};
		const job: Job = {
			owner,
			start: () => {
				signal?.removeEventListener('abort', onAbort);
				running++;
				render(url, cookie, signal)
					.then(resolve, reject)
					.finally(() => {
						running--;
						owners.delete(owner);
						next();
					});
			},
			cancel: onAbort
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		waiting.push(job);
		next();
	});
}

/** playwright-core is loaded on the first PDF only (it is large), once. */
let pw: Promise<typeof import('playwright-core')> | undefined;
const playwright = () => (pw ??= import('playwright-core'));

async function render(
	url: string,
	cookie: { name: string; value: string },
	signal: AbortSignal | undefined
): Promise<Buffer> {
	signal?.throwIfAborted();
	const { chromium } = await playwright();
	const started = Date.now();
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
		args: ARGS,
		timeout: 30_000
	});
	// Closing the browser makes whatever it is doing (navigation, printing) fail at once.
	const stop = () => void browser.close().catch(() => {});
	signal?.addEventListener('abort', stop, { once: true });
	try {
		signal?.throwIfAborted();
		const context = await browser.newContext({ javaScriptEnabled: false });
		await context.addCookies([
			{ name: cookie.name, value: cookie.value, url: new URL(url).origin }
		]);
		const page = await context.newPage();
		const res = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
		signal?.throwIfAborted();
		if (!res || !res.ok()) throw new Error(`report page answered ${res?.status()}`);
		await page.emulateMedia({ media: 'print' });
		const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
		signal?.throwIfAborted();
		log('info', 'report.pdf', { ms: Date.now() - started, bytes: pdf.length });
		return pdf;
	} catch (e) {
		if (signal?.aborted) {
			log('info', 'report.pdf cancelled', { ms: Date.now() - started });
			throw signal.reason;
		}
		throw e;
	} finally {
		signal?.removeEventListener('abort', stop);
		await browser.close().catch(() => {});
	}
}
