/**
 * Backups with SQLite's online backup API (consistent while the app writes), rotation, and a
 * restore that checks integrity before replacing the live file.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { config } from './config';
import { databasePath, getDb } from './db';
import { registerJob } from './scheduler';
import { log } from './log';
import { ensurePrivateFile, tighten } from './private-file';

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

/**
 * Replaces the database with a checked backup (the app must be stopped). The current file is
 * kept beside it as `<name>.before-restore-<stamp>`.
 */
export async function restore(
	file: string,
	target = databasePath()
): Promise<{ previous: string | null }> {
	const result = check(file);
	if (!result.ok) throw new Error(`Refusing to restore ${basename(file)}: ${result.reason}`);
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
	return { previous };
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
