/** Shared by the bench sections: a free port, the built server on a temp DB, page weight. */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});
}

/** User + system CPU time of a process in ms (Linux /proc; -1 elsewhere). */
export function serverCpuMs(pid: number | undefined): number {
	try {
		// fields after the ")" of the command name: state is 3rd, utime 14th, stime 15th
		const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ = 100 on Linux
	} catch {
		return -1;
	}
}

export function ensureBuild() {
	if (!existsSync(join(root, 'build', 'index.js'))) {
		console.log('building…');
		execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
	}
}

/** Starts `node scripts/server.js` (as npm start) on a temp DB; resolves when it answers. */
export async function startServer(
	env: Record<string, string>
): Promise<{ origin: string; child: ChildProcess; stop: () => Promise<void> }> {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	// BENCH_SERVER_ARGS: node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p"
	// (node refuses --cpu-prof in NODE_OPTIONS; the profile is written when the server stops).
	const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(/\s+/).filter(Boolean);
	const child = spawn(process.execPath, [...nodeArgs, join(root, 'scripts', 'server.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			NODE_ENV: 'production',
			RIDA_DEMO: '0',
			RIDA_SCHEDULER: '0',
			RIDA_LOG: 'silent',
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error('server exited during start-up');
		try {
			const r = await fetch(origin + '/login');
			if (r.status < 500) break;
		} catch {
			/* not up yet */
		}
		if (Date.now() > deadline) throw new Error('server did not start in 30 s');
		await new Promise((r) => setTimeout(r, 200));
	}
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	return { origin, child, stop };
}

/** A fresh data dir and key; `prepare` runs against the DB before the server starts. */
export async function withServer<T>(
	prepare: () => Promise<unknown> | unknown,
	run: (origin: string, prepared: unknown) => Promise<T>
): Promise<T> {
	if (!existsSync(join(root, 'build', 'index.js')))
		throw new Error('No build: run `npx vite build` first.');
	const dir = mkdtempSync(join(tmpdir(), 'rida-bench-'));
	const port = await freePort();
	const env = {
		...process.env,
		DATABASE_PATH: join(dir, 'bench.db'),
		RIDA_DATA_KEY: randomBytes(32).toString('hex'),
		RIDA_DEMO: '0',
		RIDA_LOG: 'silent',
		RIDA_SCHEDULER: '0',
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${port}`,
		ADMIN_EMAIL: 'bench@example.org',
		ADMIN_PASSWORD: 'bench-password-1'
	};
	Object.assign(process.env, env);
	const prepared = await prepare();
	let child: ChildProcess | undefined;
	try {
		child = spawn(process.execPath, [join(root, 'scripts', 'server.js')], {
			cwd: root,
			env,
			stdio: 'ignore'
		});
		const origin = env.ORIGIN;
		for (let i = 0; i < 100; i++) {
			try {
				if ((await fetch(origin + '/login')).ok) break;
			} catch {
				/* not yet */
			}
			await new Promise((r) => setTimeout(r, 150));
		}
		return await run(origin, prepared);
	} finally {
		child?.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Loads a URL in Chromium; gzip -9 sizes of every JS and CSS body fetched (+ inline). */
export async function pageWeight(url: string, viewport = { width: 360, height: 740 }) {
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
	try {
		const page = await browser.newPage({ viewport });
		const bodies: { url: string; type: string; gz: number }[] = [];
		const pending: Promise<void>[] = [];
		page.on('response', (r) => {
			const type = r.request().resourceType();
			if (type !== 'script' && type !== 'stylesheet') return;
			pending.push(
				r
					.body()
					.then(
						(b) =>
							void bodies.push({
								url: new URL(r.url()).pathname,
								type,
								gz: gzipSync(b, { level: 9 }).length
							})
					)
					.catch(() => {})
			);
		});
		await page.goto(url, { waitUntil: 'networkidle' });
		await Promise.all(pending);
		const html = await page.content();
		const inline = [...html.matchAll(/<(script|style)\b[^>]*>([\s\S]*?)<\/\1>/g)]
			.map((m) => m[2])
			.join('');
		const inlineGz = gzipSync(Buffer.from(inline), { level: 9 }).length;
		const total = bodies.reduce((s, b) => s + b.gz, 0) + inlineGz;
		return { total, inlineGz, bodies };
	} finally {
		await browser.close();
	}
}
