/**
 * POST /api/collect on the built server (scripts/server.js, autocannon), side by side in the
 * same run with a bare node:http server that reads the body and answers 204 (the machine's
 * ceiling): both rates, their ratio, p99 at 50 connections, lost events, and each server's
 * CPU time per request. Goal (issue 16): the app at ≥ 40 % of bare, p99 < 50 ms, nothing lost.
 *
 * Fair by construction: one client (autocannon in this process), the same connections and the
 * same beacons for both; both servers are started first and warmed up alike (BENCH_WARMUP_S,
 * default 1 s each, not counted), then measured in alternating slices (BENCH_ROUNDS, default
 * 5, of BENCH_SECONDS / rounds each; bare–app, then app–bare) so that load from the rest of a
 * shared machine falls on both alike instead of on whichever ran second. The server's CPU time
 * per request (Linux /proc) hardly moves with that load and says where the ratio comes from.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { ensureBuild, freePort, serverCpuMs, startServer } from './lib';

const BARE = `require('node:http').createServer((q, s) => { q.on('data', () => {}); q.on('end', () => { s.writeHead(204, { 'cache-control': 'no-store', 'access-control-allow-origin': '*' }); s.end(); }); }).listen(+process.env.PORT, '127.0.0.1', () => console.log('up'));`;

type Target = { name: string; origin: string; pid: number | undefined; stop: () => Promise<void> };

/** The ceiling: a bare node:http server in its own process. */
async function startBare(): Promise<Target> {
	const port = await freePort();
	const child = spawn(process.execPath, ['-e', BARE], {
		env: { ...process.env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((resolve, reject) => {
		child.stdout!.once('data', () => resolve());
		child.once('exit', () => reject(new Error('bare server exited')));
	});
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	return { name: 'bare', origin: `http://127.0.0.1:${port}`, pid: child.pid, stop };
}

const codeCounts = (r: autocannon.Result) =>
	(r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};

/** What the slices of one target add up to. */
type Tally = {
	ok: number;
	seconds: number;
	cpuMs: number;
	/** autocannon's latency figures per slice. */
	latencies: autocannon.Result['latency'][];
	other: Record<string, number>;
	errors: number;
	timeouts: number;
};
const tally = (): Tally => ({
	ok: 0,
	seconds: 0,
	cpuMs: 0,
	latencies: [],
	other: {},
	errors: 0,
	timeouts: 0
});

/** The bare server's p99 over all slices: its worst slice's (the whole run's is no higher). */
const worstP99 = (slices: autocannon.Result['latency'][]) => Math.max(...slices.map((l) => l.p99));

const percentile = (sorted: number[], p: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

export async function benchCollect() {
	ensureBuild();
	const dir = mkdtempSync(join(tmpdir(), 'rida-bench-'));
	const dbPath = join(dir, 'bench.db');
	const siteOrigin = 'https://charity.example';
	// Register a site in the fresh DB (migrated by the app's own code), before the server starts.
	const key = randomBytes(32).toString('hex');
	Object.assign(process.env, { DATABASE_PATH: dbPath, RIDA_DATA_KEY: key });
	const { openDatabase, setDb } = await import('../../src/lib/server/db');
	const sites = await import('../../src/lib/server/reach/sites');
	const db = openDatabase(dbPath);
	setDb(db);
	const site = sites.create({ id: null }, { name: 'Bench', origins: [siteOrigin] });
	db.$client.close();
	setDb(undefined);

	const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
	const seconds = Number(process.env.BENCH_SECONDS ?? 10);
	const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
	const warmup = Number(process.env.BENCH_WARMUP_S ?? 1);
	const paths = ['/', '/programs', '/donate', '/about', '/news'];
	const refs = ['', 'https://www.google.com/', 'https://t.co/x', 'https://l.instagram.com/'];
	let i = 0;
	/**
	 * One autocannon run; with `times`, every response time (ms) is kept there: only for the
	 * app, so that this small cost in the client falls on the app's figure, not the ceiling's.
	 */
	const load = (origin: string, duration: number, times?: number[]) =>
		new Promise<autocannon.Result>((resolve, reject) => {
			const instance = autocannon(
				{
					url: origin + '/api/collect',
					connections,
					timeout: 10,
					duration,
					requests: [
						{
							method: 'POST',
							setupRequest: (req) => {
								const n = i++;
								return {
									...req,
									headers: {
										'content-type': 'text/plain;charset=UTF-8',
										origin: siteOrigin,
										// ~5 000 distinct browsers so that the visitor checks do real work.
										'user-agent': `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${n % 5000} Safari/537.36`
									},
									body: JSON.stringify({
										s: site.key,
										u: `${siteOrigin}${paths[n % paths.length]}?utm_source=${n % 7 === 0 ? 'instagram' : ''}`,
										r: refs[n % refs.length],
										w: 390
									})
								};
							}
						}
					]
				},
				(error: Error | null, result: autocannon.Result) =>
					error ? reject(error) : resolve(result)
			);
			if (times)
				instance.on('response', (_c: unknown, _code: number, _bytes: number, ms: number) =>
					times.push(ms)
				);
		});

	console.log(
		`collect: ${connections} connections, the same beacons, bare node:http and the app alternating in ${rounds} × ${seconds / rounds} s slices each (after ${warmup} s warm-up each)`
	);
	const bare = await startBare();
	let app: Target | undefined;
	try {
		const server = await startServer({ DATABASE_PATH: dbPath, RIDA_DATA_KEY: key });
		app = { name: 'app', origin: server.origin, pid: server.child.pid, stop: server.stop };
		const totals = new Map<Target, Tally>([
			[bare, tally()],
			[app, tally()]
		]);
		const appTimes: number[] = [];
		let warmOk = 0; // the app's warm-up beacons are stored too: part of the lost check
		if (warmup > 0) {
			await load(bare.origin, warmup);
			warmOk = codeCounts(await load(app.origin, warmup))['204']?.count ?? 0;
		}
		for (let r = 0; r < rounds; r++) {
			for (const t of r % 2 === 0 ? [bare, app] : [app, bare]) {
				const sum = totals.get(t)!;
				const cpu0 = serverCpuMs(t.pid);
				const res = await load(t.origin, seconds / rounds, t === app ? appTimes : undefined);
				const cpu1 = serverCpuMs(t.pid);
				const codes = codeCounts(res);
				sum.ok += codes['204']?.count ?? 0;
				sum.seconds += res.duration;
				sum.latencies.push(res.latency);
				sum.cpuMs += cpu0 < 0 || cpu1 < 0 ? NaN : cpu1 - cpu0;
				sum.errors += res.errors;
				sum.timeouts += res.timeouts;
				for (const [c, v] of Object.entries(codes))
					if (c !== '204') sum.other[c] = (sum.other[c] ?? 0) + v.count;
			}
		}
		const b = totals.get(bare)!;
		const a = totals.get(app)!;
		const baseRate = b.ok / b.seconds;
		const rate = a.ok / a.seconds;
		const cpuPer = (t: Tally) => (1000 * t.cpuMs) / t.ok; // µs of server CPU per request
		console.log(
			`  bare node:http  ${baseRate.toFixed(0)} req/s   p99 ${worstP99(b.latencies)} ms   server CPU ${cpuPer(b).toFixed(0)} µs/request`
		);
		await app.stop(); // flushes and closes the database
		const check = new Database(dbPath, { readonly: true });
		const stored = check
			.prepare(
				'select coalesce(sum(views), 0) as views, coalesce(sum(visitors), 0) as visitors from site_day where site_id = ?'
			)
			.get(site.id) as { views: number; visitors: number };
		const events = (
			check.prepare('select count(*) as n from site_event where site_id = ?').get(site.id) as {
				n: number;
			}
		).n;
		check.close();
		console.log(
			`  app events/s    ${rate.toFixed(0)}  (${a.ok} stored in ${a.seconds.toFixed(2)} s)   server CPU ${cpuPer(a).toFixed(0)} µs/event`
		);
		console.log(
			`  ratio           ${((100 * rate) / baseRate).toFixed(1)} % of bare node:http (by server CPU per request: ${((100 * cpuPer(b)) / cpuPer(a)).toFixed(1)} %)`
		);
		const l = appTimes.sort((x, y) => x - y);
		const ms = (p: number) => percentile(l, p).toFixed(0);
		console.log(
			`  latency ms      p50 ${ms(50)}  p97.5 ${ms(97.5)}  p99 ${ms(99)}  max ${(l.at(-1) ?? 0).toFixed(0)}  (every response of the app)`
		);
		console.log(
			`  responses       204: ${a.ok}  other: ${JSON.stringify(a.other)}  errors: ${a.errors}  timeouts: ${a.timeouts}`
		);
		console.log(
			`  stored          site_day.views ${stored.views}  site_event rows ${events}  daily visitors ${stored.visitors}`
		);
		// A beacon in flight when a slice's time is up may be stored without its 204 being
		// counted (more stored than acknowledged); fewer stored than acknowledged is a loss.
		const acknowledged = a.ok + warmOk;
		const lost = Math.max(0, acknowledged - stored.views);
		console.log(
			`  lost events     ${lost}  (${acknowledged} acknowledged with the warm-up; in flight at the ends of slices, stored: ${Math.max(0, stored.views - acknowledged)})`
		);
		const others = Object.keys(a.other).length;
		if (lost !== 0 || events !== stored.views || others || a.errors)
			throw new Error(`collect: ${lost} lost events, ${others} non-204 codes, ${a.errors} errors`);
	} finally {
		await bare.stop();
		await app?.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}
