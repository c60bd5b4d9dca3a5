/**
 * For server specs: a real SQLite file in a fresh temp dir, migrated, set as the app's
 * connection. Call `useTestDb()` at the top of a spec file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { resetConfig } from './config';
import { useKey } from './crypto';
import { openDatabase, setDb, type DB } from './db';
import * as segments from './segments';
import * as settings from './settings';

export function freshDb(): { db: DB; path: string; dir: string } {
	const dir = mkdtempSync(join(tmpdir(), 'rida-test-'));
	const path = join(dir, 'test.db');
	process.env.DATABASE_PATH = path;
	process.env.RIDA_LOG ??= 'silent';
	resetConfig();
	useKey(undefined); // the data key is read again for this database (env or its key file)
	const db = openDatabase(path);
	setDb(db);
	settings.ensure();
	segments.ensureDefaults();
	return { db, path, dir };
}

export function useTestDb() {
	const ctx = {} as { db: DB; path: string; dir: string };
	beforeAll(() => Object.assign(ctx, freshDb()));
	afterAll(() => {
		ctx.db?.$client.close();
		setDb(undefined);
		if (ctx.dir) rmSync(ctx.dir, { recursive: true, force: true });
	});
	return ctx;
}
