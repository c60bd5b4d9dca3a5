/**
 * Backups with SQLite's online backup API (consistent while the app writes), rotation, and a
 * restore that checks integrity before replacing the live file.
 */
import Database from 'better-sqlite3';
import {
	appendFileSync,
	copyFileSync,
	existsSync,
	readFileSync,
	readdirSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { config } from './config';
import { databasePath, getDb, openDatabase, withDb } from './db';
import { dbInstance } from './db/schema';
import { journalPath, reapplyErasures } from './privacy';
import { registerJob } from './scheduler';
import { log } from './log';
import { ensurePrivateFile, tighten } from './private-file';

/** The latest copy of the erasure journal kept with the backups (it only ever grows). */
export const JOURNAL_COPY = 'erasures.jsonl';

export function backupDir(): string {
	return config().backup.dir;
}

const stamp = (d = new Date()) =>
	d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

export async function backup(dest?: string): Promise<{ path: string; bytes: number; ms: number }> {
	const t0 = Date.now();
	const path = resolve(dest ?? join(backupDir(), `rida-${stamp()}.db`));
	// Created owner-only first: the copy holds the same personal data as the database.
	ensurePrivateFile(path);
	await getDb().$client.backup(path);
	tighten(path);
	// Into the backup folder goes the newest journal too: restoring any backup from there
	// re-applies every erasure made since, even if the live journal was lost with the data.
	if (!dest && existsSync(journalPath())) {
		const copy = join(dirname(path), JOURNAL_COPY);
		copyFileSync(journalPath(), copy);
		tighten(copy);
	}
	return { path, bytes: statSync(path).size, ms: Date.now() - t0 };
}

/** Keeps the newest `keep` backups made by `backup()` in the folder. */
export function rotate(keep = config().backup.keep, dir = backupDir()): string[] {
	if (!existsSync(dir)) return [];
	const files = readdirSync(dir)
		.filter((f) => /^rida-\d{8}-\d{6}\.db$/.test(f))
		.sort()
		.reverse();
	const removed = files.slice(keep);
	for (const f of removed) rmSync(join(dir, f));
	return removed;
}

export type CheckResult = { ok: true; tables: number } | { ok: false; reason: string };

/** Is this file a sound Rida database? (integrity_check + our migrations table) */
export function check(file: string): CheckResult {
	if (!existsSync(file)) return { ok: false, reason: 'file not found' };
	let db: Database.Database | undefined;
	try {
		db = new Database(file, { readonly: true, fileMustExist: true });
		const integrity = db.pragma('integrity_check', { simple: true });
		if (integrity !== 'ok') return { ok: false, reason: `integrity_check: ${String(integrity)}` };
		const names = (
			db.prepare(`select name from sqlite_master where type='table'`).all() as { name: string }[]
		).map((r) => r.name);
		if (!names.includes('__drizzle_migrations') || !names.includes('beneficiary'))
			return { ok: false, reason: 'not a Rida database' };
		return { ok: true, tables: names.length };
	} catch (e) {
		return { ok: false, reason: e instanceof Error ? e.message : String(e) };
	} finally {
		db?.close();
	}
}

/** The identity a database file carries (db_instance), or null (none, or a file from before it). */
function instanceOf(file: string): string | null {
	if (!existsSync(file)) return null;
	let db: Database.Database | undefined;
	try {
		db = new Database(file, { readonly: true, fileMustExist: true });
		const row = db.prepare(`select id from db_instance limit 1`).get() as
			{ id: string } | undefined;
		return row?.id ?? null;
	} catch {
		return null;
	} finally {
		db?.close();
	}
}

/** Adds the lines of another copy of the journal that the live one lacks. */
function mergeJournal(copy: string) {
	const live = journalPath();
	if (!existsSync(copy) || resolve(copy) === resolve(live)) return;
	const have = new Set(existsSync(live) ? readFileSync(live, 'utf8').split('\n') : []);
	const add = readFileSync(copy, 'utf8')
		.split('\n')
		.filter((l) => l.trim() && !have.has(l));
	if (add.length) appendFileSync(live, add.join('\n') + '\n', { mode: 0o600 });
}

/**
 * Replaces the database with a checked backup (the app must be stopped). The current file is
 * kept beside it as `<name>.before-restore-<stamp>`. Then the restored file is migrated and
 * every erasure journalled since (ids only) is applied again, so a restore never brings an
 * erased person back.
 */
export async function restore(
	file: string,
	target = databasePath()
): Promise<{ previous: string | null; reapplied: number }> {
	const result = check(file);
	if (!result.ok) throw new Error(`Refusing to restore ${basename(file)}: ${result.reason}`);
	// A backup from before database identities existed belongs to the lineage it replaces.
	const lineage = instanceOf(file) ?? instanceOf(target);
	mergeJournal(join(dirname(resolve(file)), JOURNAL_COPY));
	const tmp = `${target}.restoring`;
	// Copied through the backup API as well, so the restored file is one clean file.
	const src = new Database(file, { readonly: true });
	try {
		ensurePrivateFile(tmp);
		await src.backup(tmp);
		tighten(tmp);
	} finally {
		src.close();
	}
	let previous: string | null = null;
	if (existsSync(target)) {
		previous = `${target}.before-restore-${stamp()}`;
		renameSync(target, previous);
	}
	for (const ext of ['-wal', '-shm']) if (existsSync(target + ext)) rmSync(target + ext);
	renameSync(tmp, target);
	const db = openDatabase(target);
	try {
		if (lineage) {
			db.delete(dbInstance).run();
			db.insert(dbInstance).values({ id: lineage }).run();
		}
		const { reapplied } = withDb(db, () => reapplyErasures(db));
		return { previous, reapplied };
	} finally {
		db.$client.close();
	}
}

registerJob({
	name: 'backup.daily',
	pattern: '30 3 * * *',
	run: async () => {
		if (config().backup.disabled) return;
		const r = await backup();
		const removed = rotate();
		log('info', 'backup done', { bytes: r.bytes, ms: r.ms, removed: removed.length });
	}
});
