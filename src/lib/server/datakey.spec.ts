// The data key is loaded and checked when the server starts (startup.ts → checkDataKey): each
// bad case must stop start-up with a message saying what is wrong, and leave the database and
// the key file as they were. Each case runs the real startup() on its own SQLite file, with
// fresh modules (startup() runs once per process).
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	existsSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deriveKeys, encrypt } from './crypto';
import { openDatabase } from './db';

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const hex = (b: Buffer) => b.toString('hex');

let dir = '';
let dbPath = '';
const saved = { ...process.env };

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'rida-key-'));
	dbPath = join(dir, 'rida.db');
	for (const k of ['RIDA_DATA_KEY', 'RIDA_DEMO', 'NODE_ENV', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'])
		delete process.env[k];
	Object.assign(process.env, {
		DATABASE_PATH: dbPath,
		RIDA_LOG: 'silent',
		RIDA_SCHEDULER: '0',
		RIDA_OUTBOX: '0',
		RIDA_DEMO_SIZE: 'small'
	});
	vi.spyOn(console, 'error').mockImplementation(() => {});
	vi.spyOn(console, 'log').mockImplementation(() => {});
});

afterEach(async () => {
	const { closeDb } = await import('./db');
	closeDb();
	vi.restoreAllMocks();
	process.env = { ...saved };
	rmSync(dir, { recursive: true, force: true });
});

/** A database holding one beneficiary's contact data under each given key. */
function databaseUnder(...masters: Buffer[]) {
	const db = openDatabase(dbPath);
	const ins = db.$client.prepare(
		'insert into beneficiary (name_enc, mobile_enc, created_at) values (?, ?, ?)'
	);
	for (const m of masters) {
		const k = deriveKeys(m);
		ins.run(encrypt('سالم', k), encrypt('+966501112233', k), Date.now());
	}
	db.$client.close();
}

const rowCount = () => {
	const db = openDatabase(dbPath);
	const n = (db.$client.prepare('select count(*) n from beneficiary').get() as { n: number }).n;
	const users = (db.$client.prepare('select count(*) n from user').get() as { n: number }).n;
	db.$client.close();
	return { beneficiaries: n, users };
};

/** startup() of a fresh module graph (the real one the server's init hook awaits). */
async function start(env: Record<string, string>) {
	Object.assign(process.env, env);
	vi.resetModules();
	const { resetConfig } = await import('./config');
	resetConfig();
	const { startup } = await import('./startup');
	return startup();
}

describe('the data key at start-up', () => {
	it('production without RIDA_DATA_KEY refuses to start', async () => {
		await expect(start({ NODE_ENV: 'production' })).rejects.toThrow(
			/RIDA_DATA_KEY is not set\. Production refuses to start/
		);
		expect(console.error).toHaveBeenCalledWith(expect.stringMatching(/Rida cannot start/));
		// Not even the first-run setup link was issued.
		expect(rowCount().users).toBe(0);
	});

	it('a short key refuses to start', async () => {
		await expect(start({ NODE_ENV: 'production', RIDA_DATA_KEY: 'abcd1234' })).rejects.toThrow(
			/RIDA_DATA_KEY is not a valid data key: it must be 32 bytes .* this one has 8 characters/
		);
	});

	it('a corrupt key (64 characters, not all hex) refuses to start', async () => {
		const corrupt = hex(KEY_A).slice(0, 63) + 'g';
		await expect(start({ NODE_ENV: 'production', RIDA_DATA_KEY: corrupt })).rejects.toThrow(
			/not a valid data key/
		);
	});

	it('a base64 key with stray characters refuses to start (not decoded leniently)', async () => {
		const b64 = KEY_A.toString('base64'); // 44 characters
		const mangled = b64.slice(0, 20) + '!*' + b64.slice(22);
		await expect(start({ NODE_ENV: 'production', RIDA_DATA_KEY: mangled })).rejects.toThrow(
			/not a valid data key/
		);
	});

	it('a placeholder key (every byte the same) refuses to start', async () => {
		await expect(start({ NODE_ENV: 'production', RIDA_DATA_KEY: '0'.repeat(64) })).rejects.toThrow(
			/placeholder/
		);
	});

	it('a key that is not the one the database was encrypted with refuses to start', async () => {
		databaseUnder(KEY_A);
		const idA = deriveKeys(KEY_A).id;
		const idB = deriveKeys(KEY_B).id;
		await expect(start({ NODE_ENV: 'production', RIDA_DATA_KEY: hex(KEY_B) })).rejects.toThrow(
			new RegExp(`key id ${idB}\\) is not the key .* \\(key id ${idA} \\(2 values\\)\\)`)
		);
		expect(rowCount().beneficiaries).toBe(1);
	});

	it('a database already under two keys refuses to start, whichever key is given', async () => {
		databaseUnder(KEY_A, KEY_B);
		await expect(start({ NODE_ENV: 'production', RIDA_DATA_KEY: hex(KEY_A) })).rejects.toThrow(
			/under 2 different keys/
		);
	});

	it('the right key starts (base64 accepted too)', async () => {
		databaseUnder(KEY_A);
		await expect(
			start({
				NODE_ENV: 'production',
				RIDA_DATA_KEY: KEY_A.toString('base64'),
				ADMIN_EMAIL: 'admin@example.org',
				ADMIN_PASSWORD: 'a-long-enough-password'
			})
		).resolves.toBeUndefined();
		const { shutdown } = await import('./startup');
		await shutdown();
		expect(rowCount()).toEqual({ beneficiaries: 1, users: 1 });
	});

	it('demo mode does not replace a missing key file when the database holds encrypted data', async () => {
		databaseUnder(KEY_A);
		const file = join(dir, 'data.key');
		await expect(start({ RIDA_DEMO: '1' })).rejects.toThrow(
			/data key file .*data\.key is missing, but the database holds 2 encrypted contact values .* will not generate a new key/
		);
		expect(existsSync(file)).toBe(false);
		expect(rowCount().users).toBe(0); // nothing seeded on top
	});

	it('demo mode refuses a corrupt key file, naming it, and leaves it alone', async () => {
		databaseUnder(KEY_A);
		const file = join(dir, 'data.key');
		writeFileSync(file, 'not a key\n', { mode: 0o600 });
		await expect(start({ RIDA_DEMO: '1' })).rejects.toThrow(/data\.key is not a valid data key/);
		expect(readFileSync(file, 'utf8')).toBe('not a key\n');
	});

	it('demo mode with the right key file starts, and tightens the file to 0600', async () => {
		databaseUnder(KEY_A);
		const file = join(dir, 'data.key');
		writeFileSync(file, hex(KEY_A) + '\n');
		chmodSync(file, 0o644);
		await expect(start({ RIDA_DEMO: '1' })).resolves.toBeUndefined();
		const { shutdown } = await import('./startup');
		await shutdown();
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});
});
