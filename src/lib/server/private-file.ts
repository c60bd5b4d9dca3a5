/**
 * Files that hold personal data (the database, its WAL/SHM, backups) or the key to it (the
 * demo data.key) are owner-only, whatever the process umask. SQLite creates its -wal, -shm
 * and -journal files with the mode of the database file, so making the database file 0600
 * before SQLite first opens it covers them too.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Creates the folder (owner-only when new) and the empty file 0600, or tightens an existing one. */
export function ensurePrivateFile(path: string) {
	const dir = dirname(path);
	if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
	if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE));
	tighten(path);
}

/** chmod 0600 when group or others have any access (a file copied or created before). */
export function tighten(path: string) {
	if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, PRIVATE_FILE);
}
