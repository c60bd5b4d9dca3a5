#!/usr/bin/env node
// `npm test`: Vitest (server specs on real SQLite files) and, beside it, the build (skipped when
// build/ is fresher than every input), then Playwright in Debian's Chromium against the built
// app, one server per worker. Prints each phase's time and the load average, and ends with one
// line: "N passed, N failed". The build and Vitest share no files: Vitest's SvelteKit plugin
// writes its generated files in .svelte-kit/vitest (svelte.config.js). Neither fills both cores
// alone (Vitest ~1.8, the build ~1.5), so side by side they end sooner than one after the other.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { staleBecause } from './build-state.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Runs a command to its end: its exit code. */
const run = (cmd, args) =>
	new Promise((resolve) => {
		const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
		child.on('error', () => resolve({ code: 1 }));
		child.on('close', (code) => resolve({ code: code ?? 1 }));
	});
const only = process.argv[2]; // 'unit' | 'e2e' | undefined
const load = () =>
	loadavg()
		.map((l) => l.toFixed(2))
		.join(' ');
const times = [];
async function phase(name, fn) {
	const t0 = performance.now();
	const out = await fn();
	times.push(`${name} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	return out;
}
const started = performance.now();
console.log(`load average at start: ${load()}`);

rmSync(`${root}/test-results`, { recursive: true, force: true });
mkdirSync(`${root}/test-results`, { recursive: true });
let passed = 0;
let failed = 0;
let broken = false;

/** Vitest to its end: adds its counts; marks the run broken when it could not report. */
async function unit() {
	const { code } = await phase('vitest', () =>
		run('npx', [
			'vitest',
			'run',
			'--reporter=default',
			'--reporter=json',
			'--outputFile=test-results/unit.json'
		])
	);
	const file = `${root}/test-results/unit.json`;
	if (existsSync(file)) {
		const r = JSON.parse(readFileSync(file, 'utf8'));
		passed += r.numPassedTests;
		failed += r.numFailedTests;
	}
	if (code !== 0 && !existsSync(file)) broken = true;
}

/** The build Playwright tests, when build/ is older than its inputs (always on a clean clone). */
async function build() {
	const stale = process.env.RIDA_TEST_BUILD === '1' ? 'RIDA_TEST_BUILD=1' : staleBecause();
	if (!existsSync('/usr/bin/chromium')) {
		console.error(
			'Debian chromium is missing: apt-get install -y chromium chromium-headless-shell'
		);
		broken = true;
	} else if (stale) {
		console.log(`building: ${stale}`);
		const { code } = await phase('build', () =>
			run('npx', ['vite', 'build', '--logLevel', 'warn'])
		);
		if (code !== 0) broken = true;
	} else
		console.log('build skipped: build/ is newer than src, surveys, static, drizzle and config');
}

await Promise.all([only !== 'e2e' && unit(), only !== 'unit' && build()]);

if (only !== 'unit' && !existsSync('/usr/bin/chromium-headless-shell'))
	console.log(
		'chromium-headless-shell is missing: the browser tests run in the full Chromium, which costs' +
			" a fifth more CPU. apt-get install -y chromium-headless-shell=$(dpkg-query -W -f='${Version}' chromium)"
	);

if (only !== 'unit' && !broken) {
	await phase('playwright', () =>
		run('npx', ['playwright', 'test', '-c', 'tests/playwright.config.ts'])
	);
	const file = `${root}/test-results/e2e.json`;
	if (existsSync(file)) {
		const s = JSON.parse(readFileSync(file, 'utf8')).stats;
		passed += s.expected + (s.flaky ?? 0);
		failed += s.unexpected;
	} else broken = true;
}

times.push(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`${times.join(', ')}; load average at end: ${load()}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
