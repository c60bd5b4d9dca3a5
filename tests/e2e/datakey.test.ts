import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './helpers';

// The built server (node build/index.js, as `npm start` runs it) with a bad data key: it must
// exit with a message saying what is wrong instead of serving 500s on every personal page or
// writing contact data under a second key. Only the variables README documents are set.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir = '';

const freePort = () =>
	new Promise<number>((res) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => res(port));
		});
	});

/** Starts the built server; resolves when it is listening (then stops it) or when it exits. */
async function run(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
	const port = await freePort();
	const child = spawn(process.execPath, [join(root, 'build', 'index.js')], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? '/usr/bin:/bin',
			HOME: process.env.HOME ?? dir,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_PATH: join(dir, 'rida.db'),
			RIDA_SCHEDULER: '0',
			RIDA_OUTBOX: '0',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	return new Promise((resolve) => {
		const timer = setInterval(() => {
			if (/Rida is running at/.test(out)) {
				clearInterval(timer);
				child.once('exit', (code) => resolve({ code, out }));
				child.kill('SIGTERM');
			}
		}, 100);
		child.once('exit', (code) => {
			clearInterval(timer);
			resolve({ code, out });
		});
	});
}

test.beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'rida-datakey-'));
});
test.afterAll(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
});

test('production without RIDA_DATA_KEY, or with a short key, does not start', async () => {
	const none = await run({ NODE_ENV: 'production' });
	expect(none.code).not.toBe(0);
	expect(none.out).toContain('Rida cannot start: RIDA_DATA_KEY is not set.');
	expect(none.out).not.toContain('Rida is running');

	const short = await run({ NODE_ENV: 'production', RIDA_DATA_KEY: 'deadbeef' });
	expect(short.code).not.toBe(0);
	expect(short.out).toContain('Rida cannot start: RIDA_DATA_KEY is not a valid data key');
	// The key itself is never printed.
	expect(short.out).not.toContain('deadbeef');
});

test('demo data under one key: another key, or a lost key file, stops the server', async () => {
	rmSync(join(dir, 'rida.db'), { force: true });
	// A demo database with encrypted contact data, under a generated data.key.
	const demo = await run({ RIDA_DEMO: '1', RIDA_DEMO_SIZE: 'small' });
	expect(demo.out).toContain('Rida is running');
	const keyFile = join(dir, 'data.key');
	expect(statSync(keyFile).mode & 0o777).toBe(0o600);
	expect(statSync(join(dir, 'rida.db')).mode & 0o777).toBe(0o600);
	const key = readFileSync(keyFile, 'utf8').trim();

	const other = await run({ RIDA_DEMO: '1', RIDA_DATA_KEY: randomBytes(32).toString('hex') });
	expect(other.code).not.toBe(0);
	expect(other.out).toMatch(/Rida cannot start: The data key .* is not the key the database/);

	rmSync(keyFile);
	const lost = await run({ RIDA_DEMO: '1' });
	expect(lost.code).not.toBe(0);
	expect(lost.out).toMatch(/data key file .*data\.key is missing.* will not generate a new key/);
	expect(existsSync(keyFile)).toBe(false);

	// With the original key (here as RIDA_DATA_KEY) it starts again.
	const back = await run({ NODE_ENV: 'production', RIDA_DEMO: '0', RIDA_DATA_KEY: key });
	expect(back.out).toContain('Rida is running');
});
