// Database, WAL/SHM, backups and the demo key file hold personal data (or the key to it):
// owner-only (0600) whatever the umask, so other accounts on the machine cannot read them.
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, restore } from './backup';
import * as beneficiaries from './beneficiaries';
import { checkDataKey, demoKeyPath } from './crypto';
import { openDatabase } from './db';
import { useTestDb } from './testing';

const ctx = useTestDb();
const mode = (p: string) => statSync(p).mode & 0o777;
let previous = 0;

beforeAll(() => {
	// The loosest common umask: without explicit modes, files come out 0644 or wider.
	previous = process.umask(0o022);
});
afterAll(() => {
	process.umask(previous);
});

describe('files holding personal data are 0600', () => {
	it('the database, its WAL and SHM files', () => {
		beneficiaries.create({ id: null }, { name: 'منى', mobile: '0501112299', consentContact: true });
		for (const p of [ctx.path, ctx.path + '-wal', ctx.path + '-shm']) {
			expect(existsSync(p)).toBe(true);
			expect({ p, mode: mode(p).toString(8) }).toEqual({ p, mode: '600' });
		}
	});

	it('an existing database file with a wider mode is tightened when opened', () => {
		const dir = mkdtempSync(join(tmpdir(), 'rida-mode-'));
		try {
			const p = join(dir, 'old.db');
			openDatabase(p).$client.close();
			chmodSync(p, 0o644);
			const db = openDatabase(p);
			db.$client.prepare('create table t (x)').run();
			expect(mode(p)).toBe(0o600);
			expect(mode(p + '-wal')).toBe(0o600);
			db.$client.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('backups, and a restored database', async () => {
		const b = await backup(join(ctx.dir, 'backups', 'b.db'));
		expect(mode(b.path)).toBe(0o600);
		expect(mode(join(ctx.dir, 'backups')) & 0o077).toBe(0);
		const target = join(ctx.dir, 'restored.db');
		await restore(b.path, target);
		expect(mode(target)).toBe(0o600);
	});

	it('the demo key file', () => {
		const file = demoKeyPath();
		if (existsSync(file)) rmSync(file);
		// A database without contact data may get a new demo key.
		const empty = join(ctx.dir, 'empty.db');
		const db = openDatabase(empty);
		checkDataKey(db);
		db.$client.close();
		expect(mode(file)).toBe(0o600);
	});
});
