/**
 * The e2e fixtures, in one place. Every test file imports `test` and `expect` from here:
 *
 * - `server` (worker-scoped, automatic): each Playwright worker starts its own built app
 *   (`node scripts/server.js`, as `npm start`) on a free port with its own SQLite file (demo seed, small), its own
 *   log file and its own ports for the test-only servers (SMTP, SMS gateway). `baseURL` points
 *   at it, and the worker's `process.env` carries E2E_PORT, E2E_DATA, E2E_SMTP_PORT and
 *   E2E_SMS_PORT for tests that read them (the database is `join(E2E_DATA, 'e2e.db')`).
 * - `role` (option): `test.use({ role: 'quality' })` opens every page of those tests already
 *   signed in (`storageState`): one session per role and worker, made by one POST /login and
 *   reused by every test (made again when a test ended it: sign-out, password change…).
 * - `login(page, role)`: the same session put into the page's context, then the role's home
 *   page, as after signing in. `signIn(page, role)` goes through the form, for tests about
 *   signing in itself.
 */
import {
	expect,
	request as apiRequest,
	test as base,
	type APIRequestContext,
	type Page
} from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO = {
	admin: { email: 'admin@demo.rida', password: 'demo-admin-1448' },
	quality: { email: 'quality@demo.rida', password: 'demo-quality-1448' },
	relations: { email: 'relations@demo.rida', password: 'demo-relations-1448' },
	board: { email: 'board@demo.rida', password: 'demo-board-1448' }
} as const;

export type DemoRole = keyof typeof DEMO;

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A port nothing listens on right now (the OS picks it). */
export const freePort = () =>
	new Promise<number>((resolve, reject) => {
		const s = createServer()
			.once('error', reject)
			.listen(0, '127.0.0.1', () => {
				const port = (s.address() as { port: number }).port;
				s.close(() => resolve(port));
			});
	});

export type WorkerServer = {
	/** http://127.0.0.1:PORT */
	url: string;
	port: number;
	/** The worker's temp directory: e2e.db, server.log. */
	data: string;
	dbFile: string;
	logFile: string;
	/** Where the app sends mail (a test starts its SMTP server there). */
	smtpPort: number;
	/** Where the app sends SMS (SMS_GATEWAY_URL; a test starts its gateway there). */
	smsPort: number;
};

/**
 * The app's environment for one worker's server; a test-only server another feature needs
 * (e.g. an SMS gateway on `smsPort`) is wired here, once, for every worker.
 */
export function serverEnv(s: Omit<WorkerServer, 'url' | 'dbFile' | 'logFile'>) {
	const url = `http://127.0.0.1:${s.port}`;
	return {
		PORT: String(s.port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		DATABASE_PATH: join(s.data, 'e2e.db'),
		RIDA_DEMO: '1',
		RIDA_DEMO_SIZE: 'small',
		NODE_ENV: 'production',
		BODY_SIZE_LIMIT: '10M',
		RIDA_LOG_FILE: join(s.data, 'server.log'),
		SMTP_URL: `smtp://127.0.0.1:${s.smtpPort}`,
		MAIL_FROM: 'Rida <rida@demo.rida>',
		// A test that needs texts starts its gateway on E2E_SMS_PORT (tests/e2e/promises.test.ts);
		// elsewhere nothing listens and an SMS waits in the outbox (network error → retry).
		SMS_GATEWAY_URL: `http://127.0.0.1:${s.smsPort}/sms`,
		SMS_API_KEY: 'e2e-sms-key',
		SMS_SENDER: 'Rida',
		OUTBOX_INTERVAL_MS: '500',
		// Tests run at any hour; the sending-hours rule itself is covered by server specs.
		DELIVERY_HOURS: '0-24'
	};
}

async function startServer(workerIndex: number): Promise<WorkerServer & { child: ChildProcess }> {
	const data = mkdtempSync(join(tmpdir(), `rida-e2e-w${workerIndex}-`));
	const [port, smtpPort, smsPort] = [await freePort(), await freePort(), await freePort()];
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [join(root, 'scripts', 'server.js')], {
		cwd: root,
		env: { ...process.env, ...serverEnv({ port, data, smtpPort, smsPort }) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const deadline = Date.now() + 110_000;
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`worker ${workerIndex}: the app exited during start-up:\n${out}`);
		try {
			if ((await fetch(`${url}/login`)).ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline)
			throw new Error(`worker ${workerIndex}: the app did not start in time:\n${out}`);
		await new Promise((r) => setTimeout(r, 150));
	}
	return {
		child,
		url,
		port,
		data,
		dbFile: join(data, 'e2e.db'),
		logFile: join(data, 'server.log'),
		smtpPort,
		smsPort
	};
}

type StorageState = Awaited<ReturnType<APIRequestContext['storageState']>>;
/** This worker's session per role (the worker has one server). */
const states = new Map<DemoRole, StorageState>();

/**
 * A signed-in storageState for `role` on the worker's server: the session made by this
 * worker's first sign-in as that role, while it is still valid; otherwise a new one.
 */
export async function roleState(role: DemoRole, baseURL = workerURL()): Promise<StorageState> {
	const known = states.get(role);
	const cookie = known?.cookies.find((c) => c.name === 'rida_session');
	if (cookie) {
		const res = await fetch(`${baseURL}/login`, {
			headers: { cookie: `${cookie.name}=${cookie.value}` },
			redirect: 'manual'
		});
		if (res.status === 303) return known!; // signed in: /login sends to the home page
	}
	const ctx = await apiRequest.newContext({ baseURL });
	try {
		const res = await ctx.post('/login', {
			form: { email: DEMO[role].email, password: DEMO[role].password },
			// text/html: the form post of a browser (else SvelteKit answers the action as JSON)
			headers: { origin: baseURL, accept: 'text/html' },
			maxRedirects: 0
		});
		if (res.status() !== 303) throw new Error(`sign in as ${role}: HTTP ${res.status()}`);
		const state = await ctx.storageState();
		states.set(role, state);
		return state;
	} finally {
		await ctx.dispose();
	}
}

function workerURL() {
	if (!process.env.E2E_PORT) throw new Error('no worker server: import test from ./helpers');
	return `http://127.0.0.1:${process.env.E2E_PORT}`;
}

type WorkerFixtures = { server: WorkerServer };
type TestFixtures = {
	/** Pages of the test open signed in as this role (storageState); none by default. */
	role: DemoRole | undefined;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
	server: [
		// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from this pattern
		async ({}, use, workerInfo) => {
			const s = await startServer(workerInfo.workerIndex);
			// For tests that read the environment (database file, SMTP port…).
			Object.assign(process.env, {
				E2E_PORT: String(s.port),
				E2E_DATA: s.data,
				E2E_SMTP_PORT: String(s.smtpPort),
				E2E_SMS_PORT: String(s.smsPort)
			});
			const { child, ...server } = s;
			await use(server);
			states.clear();
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
				if (child.exitCode === null) child.kill('SIGKILL');
			}
			if (!process.env.E2E_KEEP) rmSync(s.data, { recursive: true, force: true });
		},
		{ scope: 'worker', auto: true, timeout: 120_000 }
	],
	role: [undefined, { option: true }],
	baseURL: async ({ server }, use) => use(server.url),
	storageState: async ({ role, server, storageState }, use) =>
		use(role ? await roleState(role, server.url) : storageState)
});

export { expect };

/** Signs in through the login form (for tests about signing in). */
export async function signIn(page: Page, role: DemoRole) {
	await page.goto('/login');
	await page.locator('input[name=email]').fill(DEMO[role].email);
	await page.locator('input[name=password]').fill(DEMO[role].password);
	await page.locator('main form button[type=submit]').click();
	await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Leaves `page` signed in as `role` with the worker's session for that role (see `roleState`):
 * on the role's home page, as signing in through the form does, or straight on `path` (the
 * home pages of admin and quality are the dashboard, a page of charts each test would load
 * only to leave it).
 */
export async function login(page: Page, role: DemoRole, path?: string) {
	await page.context().addCookies((await roleState(role)).cookies);
	await page.goto(path ?? '/login');
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

const AXE_SOURCE = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/**
 * axe-core on `page`, reporting violations only: `await axe(page).withTags([…]).exclude(sel).analyze()`.
 * axe-core is put into every frame that lacks it (same-origin frames are then checked through
 * axe's own frame messaging) and run once in the page. @axe-core/playwright did the same in its
 * legacy mode but evaluated axe's 550 KB source twice in the page and again per frame on every
 * check, half the time of a check on small pages; the rules, options and results are axe-core's.
 */
export function axe(page: Page) {
	const options: RunOptions = { resultTypes: ['violations'] };
	const exclude: string[] = [];
	const builder = {
		withTags(tags: string[]) {
			options.runOnly = { type: 'tag', values: tags };
			return builder;
		},
		exclude(selector: string) {
			exclude.push(selector);
			return builder;
		},
		async analyze(): Promise<AxeResults> {
			for (const frame of page.frames())
				if (!(await frame.evaluate('typeof window.axe === "object"')))
					await frame.evaluate(AXE_SOURCE);
			return page.evaluate(
				([exclude, options]) => {
					const core = (window as unknown as { axe: typeof import('axe-core') }).axe;
					return core.run(exclude.length ? { exclude } : document, options);
				},
				[exclude, options] as [string[], RunOptions]
			);
		}
	};
	return builder;
}
