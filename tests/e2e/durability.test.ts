/**
 * Survey submissions are acknowledged only after they are committed. A load of submissions
 * runs against the built server; the server is killed with SIGKILL in the middle; after a
 * restart every acknowledged submission is present and none is doubled. Cycles: 3 in the
 * suite, DURABILITY_CYCLES=10 for the figures in the README.
 */
import { expect, test } from './helpers';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/bench/lib';

const CYCLES = Number(process.env.DURABILITY_CYCLES ?? 3);
const PER_CYCLE = 60;

test('SIGKILL during a load of survey submissions: every acknowledged one is kept, none doubled', async () => {
	test.setTimeout(60_000 + CYCLES * 40_000);
	const dir = mkdtempSync(join(tmpdir(), 'rida-durability-'));
	const dbPath = join(dir, 'd.db');
	const key = randomBytes(32).toString('hex');
	Object.assign(process.env, { DATABASE_PATH: dbPath, RIDA_DATA_KEY: key, RIDA_LOG: 'silent' });
	const { getDb, setDb } = await import('../../src/lib/server/db');
	const { ensure } = await import('../../src/lib/server/settings');
	const { syncDefinitions } = await import('../../src/lib/server/surveys/versions');
	const { createInvitation } = await import('../../src/lib/server/invitations');
	const env = {
		DATABASE_PATH: dbPath,
		RIDA_DATA_KEY: key,
		ADMIN_EMAIL: 'durable@example.org',
		ADMIN_PASSWORD: 'durable-password-1',
		RIDA_OUTBOX: '0'
	};
	const figures: string[] = [];
	try {
		for (let cycle = 1; cycle <= CYCLES; cycle++) {
			// Fresh single-page invitations (the service survey: one POST = one submission).
			getDb();
			ensure();
			syncDefinitions();
			const tokens = Array.from(
				{ length: PER_CYCLE },
				() => createInvitation({ kind: 'request', surveyId: 'service-request', locale: 'ar' }).token
			);
			getDb().$client.close();
			setDb(undefined);

			const server = await startServer(env);
			const acknowledged = new Set<string>();
			let killed = false;
			let i = 0;
			const killAt = 10 + Math.floor(Math.random() * 30);
			const submit = async (token: string) => {
				const body = new URLSearchParams({
					pageIndex: '0',
					nav: 'next',
					overall: String(1 + (i % 5)),
					answered_in_time: 'true',
					courtesy: '4',
					comment: 'شكرًا'
				});
				try {
					const res = await fetch(`${server.origin}/s/${token}?/answer`, {
						method: 'POST',
						body,
						headers: {
							origin: server.origin,
							accept: 'application/json',
							'x-sveltekit-action': 'true',
							'content-type': 'application/x-www-form-urlencoded'
						}
					});
					const json = (await res.json()) as { type: string };
					if (res.ok && json.type === 'success') acknowledged.add(token);
					else if (!killed)
						throw new Error(`unexpected answer ${res.status} ${JSON.stringify(json)}`);
				} catch (e) {
					if (!killed) throw e; // after the kill, refused connections are expected
				}
			};
			const workers = Array.from({ length: 8 }, async () => {
				while (i < tokens.length) {
					const token = tokens[i++];
					await submit(token);
					if (!killed && acknowledged.size >= killAt) {
						killed = true;
						server.child.kill('SIGKILL');
					}
				}
			});
			await Promise.all(workers);
			await new Promise((r) =>
				server.child.exitCode !== null || server.child.signalCode
					? r(null)
					: server.child.once('exit', r)
			);

			// Restart: the migrations and start-up run on the file the killed process left.
			const again = await startServer(env);
			await again.stop();
			const db = new Database(dbPath, { readonly: true });
			const rows = db
				.prepare(
					`select i.token_hash as h, count(r.id) as n from invitation i left join response r on r.invitation_id = i.id where i.kind = 'request' group by i.id`
				)
				.all() as { h: string; n: number }[];
			const integrity = db.pragma('integrity_check', { simple: true });
			db.close();
			const { createHash } = await import('node:crypto');
			const count = new Map(rows.map((r) => [r.h, r.n]));
			for (const t of acknowledged)
				expect(
					count.get(createHash('sha256').update(t).digest('hex')),
					'acknowledged submission lost'
				).toBe(1);
			for (const n of count.values()) expect(n).toBeLessThanOrEqual(1);
			expect(integrity).toBe('ok');
			const stored = [...count.values()].filter((n) => n === 1).length;
			figures.push(
				`cycle ${cycle}: killed after ${acknowledged.size} acknowledged; stored ${stored} (incl. earlier cycles), 0 lost, 0 doubled`
			);
		}
	} finally {
		console.log(figures.join('\n'));
		rmSync(dir, { recursive: true, force: true });
	}
});
