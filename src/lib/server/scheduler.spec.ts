import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, setDb } from './db';
import { jobRun } from './db/schema';
import { isDue, nextRuns, registerJob, start, stop, type Job } from './scheduler';
import { useTestDb } from './testing';

const ctx = useTestDb();
const DAY = 86_400_000;

afterEach(() => stop());

function lastRun(name: string) {
	return ctx.db.$client
		.prepare(
			'select last_run_at at, last_status status, last_error error from job_run where name = ?'
		)
		.get(name) as { at: number; status: string; error: string | null } | undefined;
}

function record(name: string, at: Date) {
	ctx.db
		.insert(jobRun)
		.values({ name, lastRunAt: at, lastStatus: 'ok', lastError: null })
		.onConflictDoUpdate({ target: jobRun.name, set: { lastRunAt: at } })
		.run();
}

describe('scheduler catch-up', () => {
	it('a daily run missed while the server was down runs at start; one already done does not', async () => {
		const calls: string[] = [];
		const job = (name: string): Job => ({
			name,
			pattern: '0 2 * * *',
			run: () => void calls.push(name)
		});
		const missed = job('test.missed');
		const done = job('test.done');
		const never = job('test.never');
		const failing: Job = {
			name: 'test.failing',
			pattern: '0 2 * * *',
			run: () => {
				throw new Error('gateway down');
			}
		};
		for (const j of [missed, done, never, failing]) registerJob(j);
		const now = Date.now();
		record('test.missed', new Date(now - 2 * DAY)); // yesterday's 02:00 passed since
		record('test.done', new Date(now)); // ran just now
		record('test.failing', new Date(now - 2 * DAY));

		// A restart: a new connection to the same SQLite file, the runs read from it.
		ctx.db.$client.close();
		ctx.db = openDatabase(ctx.path);
		setDb(ctx.db);

		const before = Date.now();
		await start('Asia/Riyadh');
		expect(calls.sort()).toEqual(['test.missed', 'test.never']);
		expect(lastRun('test.missed')!.at).toBeGreaterThanOrEqual(before);
		expect(lastRun('test.never')).toMatchObject({ status: 'ok', error: null });
		expect(lastRun('test.done')!.at).toBeLessThan(before);
		// A failing job is recorded with its error and does not stop the others being scheduled.
		expect(lastRun('test.failing')).toMatchObject({ status: 'error', error: 'gateway down' });
		const mine = new Set([missed, done, never, failing].map((j) => j.name));
		const next = nextRuns().filter((r) => mine.has(r.name));
		expect(next.map((r) => r.name).sort()).toEqual([
			'test.done',
			'test.failing',
			'test.missed',
			'test.never'
		]);
		for (const r of next) {
			expect(r.at!.getTime()).toBeGreaterThan(before);
			expect(r.at!.getTime()).toBeLessThanOrEqual(before + DAY);
		}
		// Caught up: nothing is due any more.
		for (const j of [missed, done, never]) expect(isDue(j)).toBe(false);
	});

	it("is read on the association's clock: 02:00 in Riyadh is 23:00 UTC the day before", () => {
		const job: Job = { name: 'test.zone', pattern: '0 2 * * *', run: () => {} };
		record('test.zone', new Date('2026-12-02T22:00:00Z')); // 01:00 in Riyadh on 3 December
		const now = new Date('2026-12-03T00:00:00Z'); // 03:00 in Riyadh, 00:00 UTC
		expect(isDue(job, now, 'Asia/Riyadh')).toBe(true); // 02:00 Riyadh (23:00Z) passed since
		expect(isDue(job, now, 'UTC')).toBe(false); // 02:00 UTC on 2 December was before it
		expect(isDue(job, new Date('2026-12-02T22:59:00Z'), 'Asia/Riyadh')).toBe(false);
	});
});
