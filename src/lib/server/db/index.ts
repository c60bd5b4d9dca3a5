import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrationsDir } from '../paths';
import * as schema from './schema';

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databasePath(): string {
	return resolve(process.env.DATABASE_PATH || './data/rida.db');
}

/** Opens (creating if needed) the SQLite file and applies pending migrations. */
export function openDatabase(path = databasePath()): DB {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const client = new Database(path);
	client.pragma('journal_mode = WAL');
	client.pragma('foreign_keys = ON');
	client.pragma('busy_timeout = 5000');
	// Freed pages are zeroed, so erased personal data does not linger in the file.
	client.pragma('secure_delete = ON');
	// WAL makes NORMAL durable against process crashes (not power loss), and much faster.
	client.pragma('synchronous = NORMAL');
	const db = drizzle(client, { schema }) as DB;
	migrate(db, { migrationsFolder: migrationsDir });
	return db;
}

let current: DB | undefined;

/** The process-wide connection (one writer; better-sqlite3 is synchronous). */
export function getDb(): DB {
	current ??= openDatabase();
	return current;
}

/** For tests and scripts that point the app at another file. */
export function setDb(db: DB | undefined) {
	current = db;
}

export { schema };
