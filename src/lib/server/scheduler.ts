/**
 * In-process scheduler (croner). Each job's last run is kept in SQLite so that a run
 * missed while the server was down is caught up at start-up. Patterns are read on the
 * association's clock (its timeZone setting); changing the setting re-times the jobs.
 */
import { Cron } from 'croner';
import { eq } from 'drizzle-orm';
import { getDb } from './db';
import { jobRun } from './db/schema';
import { log } from './log';
import { DEFAULT_TIME_ZONE } from '../dates';

export type Job = {
	name: string;
	/** Cron pattern in the association's time zone, e.g. '0 2 * * *' (02:00 daily). */
	pattern: string;
	run: () => void | Promise<void>;
};

const jobs = new Map<string, Job>();
const running: Cron[] = [];
let zone = DEFAULT_TIME_ZONE;

export function registerJob(job: Job) {
	jobs.set(job.name, job);
}

export function registeredJobs(): Job[] {
	return [...jobs.values()];
}

export async function runJob(job: Job) {
	const db = getDb();
	try {
		await job.run();
		db.insert(jobRun)
			.values({ name: job.name, lastRunAt: new Date(), lastStatus: 'ok', lastError: null })
			.onConflictDoUpdate({
				target: jobRun.name,
				set: { lastRunAt: new Date(), lastStatus: 'ok', lastError: null }
			})
			.run();
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		log('error', 'job failed', { job: job.name, error: message });
		db.insert(jobRun)
			.values({ name: job.name, lastRunAt: new Date(), lastStatus: 'error', lastError: message })
			.onConflictDoUpdate({
				target: jobRun.name,
				set: { lastRunAt: new Date(), lastStatus: 'error', lastError: message }
			})
			.run();
	}
}

/** True when the job's most recent scheduled time passed after its last recorded run. */
export function isDue(job: Job, now = new Date(), timeZone = zone): boolean {
	const last = getDb().select().from(jobRun).where(eq(jobRun.name, job.name)).get();
	if (!last) return true;
	const prev = new Cron(job.pattern, { timezone: timeZone, paused: true }).previousRuns(1, now)[0];
	return !!prev && prev.getTime() > last.lastRunAt.getTime();
}

export async function start(timeZone: string) {
	zone = timeZone;
	for (const job of jobs.values()) {
		if (isDue(job, new Date(), zone)) await runJob(job);
		schedule(job);
	}
}

function schedule(job: Job) {
	running.push(
		new Cron(job.pattern, { name: job.name, timezone: zone, protect: true }, () => runJob(job))
	);
}

/** The association changed its time zone: the running jobs follow the new clock. */
export function setTimeZone(timeZone: string) {
	if (timeZone === zone) return;
	zone = timeZone;
	if (!running.length) return;
	stop();
	for (const job of jobs.values()) schedule(job);
}

/** When each running job fires next. */
export function nextRuns(): { name: string; at: Date | null }[] {
	return running.map((c) => ({ name: c.name ?? '', at: c.nextRun() }));
}

export function stop() {
	for (const c of running.splice(0)) c.stop();
}
