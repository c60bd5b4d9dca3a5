/**
 * `npm run bench`: measurements of the BUILT app (run `npx vite build` first). Each section
 * is one async function printing its figures; add yours to `sections`.
 *   npm run bench               all sections
 *   npm run bench survey-weight only the named ones
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const root = join(import.meta.dirname, '..');

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

/** A fresh data dir and key; `prepare` runs against the DB before the server starts. */
export async function withServer<T>(prepare: () => Promise<unknown> | unknown, run: (origin: string, prepared: unknown) => Promise<T>): Promise<T> {
	if (!existsSync(join(root, 'build', 'index.js'))) throw new Error('No build: run `npx vite build` first.');
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
		child = spawn(process.execPath, [join(root, 'build', 'index.js')], { cwd: root, env, stdio: 'ignore' });
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
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
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
					.then((b) => void bodies.push({ url: new URL(r.url()).pathname, type, gz: gzipSync(b, { level: 9 }).length }))
					.catch(() => {})
			);
		});
		await page.goto(url, { waitUntil: 'networkidle' });
		await Promise.all(pending);
		const html = await page.content();
		const inline = [...html.matchAll(/<(script|style)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => m[2]).join('');
		const inlineGz = gzipSync(Buffer.from(inline), { level: 9 }).length;
		const total = bodies.reduce((s, b) => s + b.gz, 0) + inlineGz;
		return { total, inlineGz, bodies };
	} finally {
		await browser.close();
	}
}

const sections: Record<string, () => Promise<void>> = {
	'survey-weight': async () => {
		await withServer(
			async () => {
				const { getDb } = await import('../src/lib/server/db/index.ts');
				getDb();
				const { syncDefinitions } = await import('../src/lib/server/surveys/versions.ts');
				syncDefinitions();
				const { ensure } = await import('../src/lib/server/settings.ts');
				ensure();
				const { createInvitation } = await import('../src/lib/server/invitations.ts');
				const inv = createInvitation({ kind: 'program', surveyId: 'post-program', locale: 'ar' });
				getDb().$client.close();
				return inv.token;
			},
			async (origin, token) => {
				const w = await pageWeight(`${origin}/s/${token as string}`);
				for (const b of w.bodies) console.log(`  ${(b.gz / 1024).toFixed(1).padStart(6)} KB  ${b.type.padEnd(10)} ${b.url}`);
				console.log(`  ${(w.inlineGz / 1024).toFixed(1).padStart(6)} KB  inline`);
				const kb = w.total / 1024;
				console.log(`survey page /s/[token] first load, JS+CSS gzip: ${kb.toFixed(1)} KB (budget 50 KB) ${kb < 50 ? 'OK' : 'OVER BUDGET'}`);
				if (kb >= 50) process.exitCode = 1;
			}
		);
	}
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(sections)) {
	if (wanted.length && !wanted.includes(name)) continue;
	console.log(`\n# ${name}`);
	await run();
}
