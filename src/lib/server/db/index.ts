import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { config } from '../config';
import { migrationsDir } from '../paths';
import { ensurePrivateFile, tighten } from '../private-file';
import * as schema from './schema';

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databasePath(): string {
	return config().databasePath;
}

/** Opens (creating if needed) the SQLite file and applies pending migrations. */
export function openDatabase(path = databasePath()): DB {
	if (path !== ':memory:') {
		// Owner-only before SQLite first opens it: its -wal/-shm files take the same mode.
		ensurePrivateFile(path);
		for (const ext of ['-wal', '-shm', '-journal']) tighten(path + ext);
	}
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
let closed = false;

/** The process-wide connection (one writer; better-sqlite3 is synchronous). */
export function getDb(): DB {
	if (closed) throw new Error('The database is closed: the server is stopping.');
	current ??= openDatabase();
	return current;
}

/** Closes the process-wide connection (SQLite checkpoints the WAL on the last close). */
export function closeDb() {
	closed = true;
	if (!current) return;
	const c = current.$client;
	current = undefined;
	if (c.open) c.close();
}

/** For tests and scripts that point the app at another file. */
export function setDb(db: DB | undefined) {
	closed = false;
	current = db;
}

export { schema };

const perConnectionValues = new WeakMap<DB, Map<string, unknown>>();

/**
 * A value made once per connection: state that belongs to one database (caches of its rows,
 * prepared statements), so a process that switches databases (specs, benches) never reads
 * another database's. `name` is unique per value.
 */
export function perConnection<T>(name: string, make: (db: DB) => T): T {
	const db = getDb();
	let m = perConnectionValues.get(db);
	if (!m) perConnectionValues.set(db, (m = new Map()));
	let v = m.get(name) as T | undefined;
	if (v === undefined) m.set(name, (v = make(db)));
	return v;
}

/**
 * A drizzle query prepared once per connection (`build` ends in `.prepare()`, its variable
 * parts as `sql.placeholder`): hot paths then neither rebuild the SQL nor let SQLite compile
 * it on every call. `name` is unique per query.
 */
export const prepared = <T>(name: string, build: (db: DB) => T): T =>
	perConnection(`prepared:${name}`, build);

/** Runs `fn` with `db` as the process-wide connection, then puts the previous one back. */
export function withDb<T>(db: DB, fn: () => T): T {
	const [prev, wasClosed] = [current, closed];
	current = db;
	closed = false;
	try {
		return fn();
	} finally {
		current = prev;
		closed = wasClosed;
	}
}
