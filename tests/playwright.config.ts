import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// No webServer here: each worker starts its own built app on a free port with its own SQLite
// file (the `server` fixture in e2e/helpers.ts), so workers share nothing and run in parallel.
// E2E_WORKERS overrides the count (1 to debug in order).
const workers = Number(process.env.E2E_WORKERS ?? 2);

// Debian's headless shell (package chromium-headless-shell: the same Chromium build as
// /usr/bin/chromium, run the way Playwright runs Chromium headless by default). The full browser
// in headless mode makes a whole browser profile for every context: 528 ms of CPU per context
// against 248 ms, measured here, and the suite opens a few hundred contexts (one per test at
// least), so its end-to-end half used a fifth more CPU. Without the shell, the full browser.
const SHELL = '/usr/bin/chromium-headless-shell';
const executablePath = existsSync(SHELL) ? SHELL : '/usr/bin/chromium';

export default defineConfig({
	testDir: './e2e',
	testMatch: '**/*.test.ts',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	// Files run in parallel; tests inside a file in order unless the file opts in with
	// `test.describe.configure({ mode: 'parallel' })`.
	fullyParallel: false,
	workers,
	retries: 0,
	reporter: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
	outputDir: '../test-results/e2e',
	use: {
		locale: 'ar-SA',
		timezoneId: 'Asia/Riyadh',
		// Charts draw their final state at once instead of animating (less CPU, and nothing
		// read mid-animation); polish.test.ts checks the animated bars once.
		reducedMotion: 'reduce',
		trace: 'off',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	// Two projects, so that the accessibility sweeps run last: Playwright hands out files in
	// the order of their names, one file to one worker, and a long file near the end (studio,
	// surveys) left one worker idle for up to 19 s while the other finished it. The sweeps are
	// thirty-odd independent tests of 2-20 s, so handed out last they keep both workers busy to
	// the end. A worker of one project cannot run the other's tests: each worker starts once more
	// (its own server, about 3 s). No dependency between them: a failure in one project does not
	// skip the other.
	projects: [
		{
			name: 'chromium',
			testIgnore: '**/axe.test.ts',
			use: { ...devices['Desktop Chrome'], channel: undefined }
		},
		{
			name: 'axe',
			testMatch: '**/axe.test.ts',
			use: { ...devices['Desktop Chrome'], channel: undefined }
		}
	]
});
