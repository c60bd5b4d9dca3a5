/**
 * Two concurrent writers on the built server, bounded in time, loopback only: survey
 * submissions (the one-page service survey, one POST each) and website beacons at the same
 * time. Prints submissions/s, beacons/s and p99 of each, then checks nothing acknowledged was
 * lost: stored responses = acknowledged submissions, stored page views = 204 beacons.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { ensureBuild, serverCpuMs, startServer } from './lib';

export async function benchWriters() {
	ensureBuild();
	const dir = mkdtempSync(join(tmpdir(), 'rida-bench-writers-'));
	const dbPath = join(dir, 'w.db');
	const key = randomBytes(32).toString('hex');
	// 12,000: a run of ~10 s at the goal's rate, so the server's warm-up (JIT, caches) and
	// autocannon's whole-second end weigh little (4,000 lasted ~4 s). BENCH_SUBMISSIONS overrides.
	const N = Number(process.env.BENCH_SUBMISSIONS ?? 12000);
	const siteOrigin = 'https://charity.example';
	Object.assign(process.env, { DATABASE_PATH: dbPath, RIDA_DATA_KEY: key, RIDA_LOG: 'silent' });
	// this DB explicitly: the config module is parsed once per process, so after another section
	// its DATABASE_PATH is not this one
	const { getDb, openDatabase, setDb } = await import('../../src/lib/server/db');
	const { ensure } = await import('../../src/lib/server/settings');
	const { syncDefinitions } = await import('../../src/lib/server/surveys/versions');
	const { createInvitation } = await import('../../src/lib/server/invitations');
	const sites = await import('../../src/lib/server/reach/sites');
	setDb(openDatabase(dbPath));
	ensure();
	syncDefinitions();
	const site = sites.create({ id: null }, { name: 'Bench', origins: [siteOrigin] });
	const tokens = getDb().$client.transaction(() =>
		Array.from(
			{ length: N },
			() => createInvitation({ kind: 'request', surveyId: 'service-request', locale: 'ar' }).token
		)
	)();
	getDb().$client.close();
	setDb(undefined);

	const server = await startServer({
		DATABASE_PATH: dbPath,
		RIDA_DATA_KEY: key,
		ADMIN_EMAIL: 'bench@example.org',
		ADMIN_PASSWORD: 'bench-password-1',
		RIDA_OUTBOX: '0'
	});
	const cpuAtStart = serverCpuMs(server.child.pid);
	let s = 0;
	let b = 0;
	/** Submissions the app acknowledged (an action answers 200 with its outcome in the body). */
	let thanked = 0;
	/**
	 * When the last acknowledgement arrived. autocannon ends a run on its next 1-second tick
	 * (its `duration` is whole seconds and a little more), so its rate reads 4000 / 4.0x s =
	 * 99x/s for a run that took 3.1 s; the rate to the last acknowledgement is printed beside it.
	 */
	let lastThanks = 0;
	try {
		console.log(
			`writers: ${N} survey submissions and ${N * 2} beacons at once, 20 + 20 connections, bounded at 60 s`
		);
		const started = performance.now();
		const [surveys, beacons] = await Promise.all([
			autocannon({
				url: server.origin,
				connections: 20,
				amount: N,
				duration: 60,
				timeout: 10,
				requests: [
					{
						method: 'POST',
						setupRequest: (req) => ({
							...req,
							path: `/s/${tokens[s++ % N]}?/answer`,
							headers: {
								'content-type': 'application/x-www-form-urlencoded',
								origin: server.origin,
								accept: 'application/json',
								'x-sveltekit-action': 'true'
							},
							body: new URLSearchParams({
								pageIndex: '0',
								nav: 'next',
								overall: String(1 + (s % 5)),
								answered_in_time: 'true',
								courtesy: '4'
							}).toString()
						}),
						onResponse: (status: number, body: string) => {
							if (status === 200 && body.includes('"type":"success"')) {
								thanked++;
								lastThanks = performance.now();
							}
						}
					}
				]
			}),
			autocannon({
				url: server.origin + '/api/collect',
				connections: 20,
				amount: N * 2,
				duration: 60,
				timeout: 10,
				requests: [
					{
						method: 'POST',
						setupRequest: (req) => ({
							...req,
							headers: {
								'content-type': 'text/plain;charset=UTF-8',
								origin: siteOrigin,
								'user-agent': `Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.${b % 3000} Safari/537.36`
							},
							body: JSON.stringify({ s: site.key, u: `${siteOrigin}/p${b++ % 20}`, r: '', w: 390 })
						})
					}
				]
			})
		]);
		const cpu = cpuAtStart < 0 ? -1 : serverCpuMs(server.child.pid) - cpuAtStart;
		const db = new Database(dbPath, { readonly: true });
		const responses = (db.prepare('select count(*) n from response').get() as { n: number }).n;
		const views = (
			db.prepare('select coalesce(sum(views),0) n from site_day').get() as { n: number }
		).n;
		db.close();
		const codes = (r: autocannon.Result) =>
			(r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ??
			{};
		const okSurveys = thanked;
		const okBeacons = codes(beacons)['204']?.count ?? 0;
		const exact = lastThanks > started ? okSurveys / ((lastThanks - started) / 1000) : 0;
		console.log(
			`  surveys   ${(okSurveys / surveys.duration).toFixed(0)} submissions/s (${exact.toFixed(0)}/s to the last acknowledgement)   p50 ${surveys.latency.p50} ms  p99 ${surveys.latency.p99} ms   acknowledged ${okSurveys}, stored ${responses}   codes ${JSON.stringify(Object.fromEntries(Object.entries(codes(surveys)).map(([k, v]) => [k, v.count])))}`
		);
		console.log(
			`  beacons   ${(okBeacons / beacons.duration).toFixed(0)} events/s        p50 ${beacons.latency.p50} ms  p99 ${beacons.latency.p99} ms   acknowledged ${okBeacons}, stored ${views}`
		);
		// A request still in flight when its client gave up (timeout) may be stored without its
		// acknowledgement being counted; fewer stored than acknowledged is a loss.
		const lostSurveys = Math.max(0, okSurveys - responses);
		const lostBeacons = Math.max(0, okBeacons - views);
		console.log(
			`  lost      ${lostSurveys + lostBeacons}  (stored without a counted acknowledgement: ${responses - okSurveys + views - okBeacons})`
		);
		// The server's own CPU time over the run: a figure the machine's other load hardly moves.
		if (cpu >= 0)
			console.log(
				`  server    CPU ${(cpu / 1000).toFixed(1)} s = ${(cpu / N).toFixed(2)} ms per submission with its 2 beacons`
			);
		if (lostSurveys || lostBeacons)
			throw new Error(`lost writes: surveys ${lostSurveys}, beacons ${lostBeacons}`);
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}
