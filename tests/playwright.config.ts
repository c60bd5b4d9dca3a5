import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Decided once in the runner process; workers inherit the environment.
process.env.E2E_PORT ??= String(41000 + (process.pid % 8000));
process.env.E2E_DATA ??= mkdtempSync(join(tmpdir(), 'rida-e2e-'));
// The SMTP server the delivery test starts itself; the app sends to it.
process.env.E2E_SMTP_PORT ??= String(Number(process.env.E2E_PORT) + 1);
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
	testDir: './e2e',
	testMatch: '**/*.test.ts',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI
		? [['list'], ['json', { outputFile: '../test-results/e2e.json' }]]
		: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
	outputDir: '../test-results/e2e',
	use: {
		baseURL,
		locale: 'ar-SA',
		timezoneId: 'Asia/Riyadh',
		trace: 'off',
		screenshot: 'only-on-failure',
		launchOptions: {
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
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: {
		// The built app (npm test builds it first), on its own SQLite file with the demo seed.
		command: 'node scripts/server.js',
		cwd: '..',
		url: `${baseURL}/login`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATABASE_PATH: join(process.env.E2E_DATA, 'e2e.db'),
			RIDA_DEMO: '1',
			RIDA_DEMO_SIZE: 'small',
			NODE_ENV: 'production',
			BODY_SIZE_LIMIT: '10M',
			RIDA_LOG_FILE: join(process.env.E2E_DATA, 'server.log'),
			SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
			MAIL_FROM: 'Rida <rida@demo.rida>',
			OUTBOX_INTERVAL_MS: '500',
			// Tests run at any hour; the sending-hours rule itself is covered by server specs.
			DELIVERY_HOURS: '0-24'
		}
	}
});
