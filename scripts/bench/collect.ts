/**
 * POST /api/collect on the built server (scripts/server.js, autocannon), side by side in the
 * same run with a bare node:http server that reads the body and answers 204 (the machine's
 * ceiling): both rates, their ratio, p99 at 50 connections, lost events. Goal (issue 16):
 * the app at ≥ 40 % of bare, p99 < 50 ms, nothing lost.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { ensureBuild, freePort, startServer } from './lib';

const BARE = `require('node:http').createServer((q, s) => { q.on('data', () => {}); q.on('end', () => { s.writeHead(204, { 'cache-control': 'no-store', 'access-control-allow-origin': '*' }); s.end(); }); }).listen(+process.env.PORT, '127.0.0.1', () => console.log('up'));`;

/** The ceiling: a bare node:http server in its own process, loaded the same way. */
async function bare(load: (origin: string) => Promise<autocannon.Result>) {
	const port = await freePort();
	const child = spawn(process.execPath, ['-e', BARE], {
		env: { ...process.env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	try {
		await new Promise<void>((resolve, reject) => {
			child.stdout!.once('data', () => resolve());
			child.once('exit', () => reject(new Error('bare server exited')));
		});
		return await load(`http://127.0.0.1:${port}`);
	} finally {
		child.kill('SIGTERM');
	}
}

const codeCounts = (r: autocannon.Result) =>
	(r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};

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
	const paths = ['/', '/programs', '/donate', '/about', '/news'];
	const refs = ['', 'https://www.google.com/', 'https://t.co/x', 'https://l.instagram.com/'];
	let i = 0;
	const load = (origin: string) =>
		autocannon({
			url: origin + '/api/collect',
			connections,
			timeout: 10,
			duration: seconds,
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
		});

	console.log(
		`collect: ${seconds} s each, ${connections} connections, the same beacons: bare node:http, then the app`
	);
	const base = await bare(load);
	const baseRate = (codeCounts(base)['204']?.count ?? 0) / base.duration;
	console.log(`  bare node:http  ${baseRate.toFixed(0)} req/s   p99 ${base.latency.p99} ms`);
	const server = await startServer({ DATABASE_PATH: dbPath, RIDA_DATA_KEY: key });
	try {
		const result = await load(server.origin);
		const codes = codeCounts(result);
		const ok = codes['204']?.count ?? 0;
		const other = Object.entries(codes).filter(([c]) => c !== '204');
		await server.stop(); // flushes and closes the database
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
		const rate = ok / result.duration;
		console.log(
			`  app events/s    ${rate.toFixed(0)}  (${ok} stored in ${result.duration.toFixed(2)} s)`
		);
		console.log(`  ratio           ${((100 * rate) / baseRate).toFixed(1)} % of bare node:http`);
		console.log(
			`  latency ms      p50 ${result.latency.p50}  p97.5 ${result.latency.p97_5}  p99 ${result.latency.p99}  max ${result.latency.max}`
		);
		console.log(
			`  responses       204: ${ok}  other: ${JSON.stringify(Object.fromEntries(other.map(([c, v]) => [c, v.count])))}  errors: ${result.errors}  timeouts: ${result.timeouts}`
		);
		console.log(
			`  stored          site_day.views ${stored.views}  site_event rows ${events}  daily visitors ${stored.visitors}`
		);
		// A beacon in flight when the run's time is up may be stored without its 204 being
		// counted (more stored than acknowledged); fewer stored than acknowledged is a loss.
		const lost = Math.max(0, ok - stored.views);
		console.log(
			`  lost events     ${lost}  (in flight at the end, stored: ${Math.max(0, stored.views - ok)})`
		);
		if (lost !== 0 || events !== stored.views || other.length || result.errors)
			throw new Error(
				`collect: ${lost} lost events, ${other.length} non-204 codes, ${result.errors} errors`
			);
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}
