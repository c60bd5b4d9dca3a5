/** POST /api/collect on the built server (autocannon): events/s, p99, lost events. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { ensureBuild, startServer } from './lib';

export async function benchCollect() {
	ensureBuild();
	const dir = mkdtempSync(join(tmpdir(), 'rida-bench-'));
	const dbPath = join(dir, 'bench.db');
	const siteOrigin = 'https://charity.example';
	// Register a site in the fresh DB (migrated by the app's own code), before the server starts.
	process.env.DATABASE_PATH = dbPath;
	const { openDatabase, setDb } = await import('../../src/lib/server/db');
	const sites = await import('../../src/lib/server/reach/sites');
	const db = openDatabase(dbPath);
	setDb(db);
	const site = sites.create({ id: null }, { name: 'Bench', origins: [siteOrigin] });
	db.$client.close();
	setDb(undefined);

	const server = await startServer({ DATABASE_PATH: dbPath });
	const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
	const amount = Number(process.env.BENCH_REQUESTS ?? 30_000);
	const paths = ['/', '/programs', '/donate', '/about', '/news'];
	const refs = ['', 'https://www.google.com/', 'https://t.co/x', 'https://l.instagram.com/'];
	let i = 0;
	try {
		console.log(
			`collect: ${amount} beacons, ${connections} connections, ${server.origin}/api/collect (bounded at 60 s)`
		);
		const result = await autocannon({
			url: server.origin + '/api/collect',
			connections,
			amount,
			timeout: 10,
			// Bound in time whatever happens.
			duration: 60,
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
		const codes =
			(result as unknown as { statusCodeStats?: Record<string, { count: number }> })
				.statusCodeStats ?? {};
		const ok = codes['204']?.count ?? 0;
		const other = Object.entries(codes).filter(([c]) => c !== '204');
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
		const seconds = result.duration;
		console.log(
			`  events/s      ${(ok / seconds).toFixed(0)}  (${ok} stored in ${seconds.toFixed(2)} s)`
		);
		console.log(
			`  latency ms    p50 ${result.latency.p50}  p97.5 ${result.latency.p97_5}  p99 ${result.latency.p99}  max ${result.latency.max}`
		);
		console.log(
			`  responses     204: ${ok}  other: ${JSON.stringify(Object.fromEntries(other.map(([c, v]) => [c, v.count])))}  errors: ${result.errors}  timeouts: ${result.timeouts}`
		);
		console.log(
			`  stored        site_day.views ${stored.views}  site_event rows ${events}  daily visitors ${stored.visitors}`
		);
		const lost = ok - stored.views;
		console.log(`  lost events   ${lost}`);
		if (lost !== 0 || events !== stored.views || other.length || result.errors)
			throw new Error(
				`collect: ${lost} lost events, ${other.length} non-204 codes, ${result.errors} errors`
			);
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}
