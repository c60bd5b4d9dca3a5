#!/usr/bin/env node
// `npm test`: Vitest (server specs on real SQLite files), then build, then Playwright in
// Debian's Chromium against the built app. Ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args, env = {}) =>
	spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ??
	1;
const only = process.argv[2]; // 'unit' | 'e2e' | undefined

rmSync(`${root}/test-results`, { recursive: true, force: true });
mkdirSync(`${root}/test-results`, { recursive: true });
let passed = 0;
let failed = 0;
let broken = false;

if (only !== 'e2e') {
	const code = run('npx', [
		'vitest',
		'run',
		'--reporter=default',
		'--reporter=json',
		'--outputFile=test-results/unit.json'
	]);
	const file = `${root}/test-results/unit.json`;
	if (existsSync(file)) {
		const r = JSON.parse(readFileSync(file, 'utf8'));
		passed += r.numPassedTests;
		failed += r.numFailedTests;
	}
	if (code !== 0 && !existsSync(file)) broken = true;
	if (code !== 0) failed += 0; // counted above
}

if (only !== 'unit') {
	if (!existsSync('/usr/bin/chromium')) {
		console.error('Debian chromium is missing: apt-get install -y chromium');
		broken = true;
	} else if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
		broken = true;
	} else {
		run('npx', ['playwright', 'test', '-c', 'tests/playwright.config.ts']);
		const file = `${root}/test-results/e2e.json`;
		if (existsSync(file)) {
			const s = JSON.parse(readFileSync(file, 'utf8')).stats;
			passed += s.expected + (s.flaky ?? 0);
			failed += s.unexpected;
		} else broken = true;
	}
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
