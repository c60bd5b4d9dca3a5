/**
 * `npm run bench [section…]`: named benchmarks of the BUILT app, each bounded in time, on
 * loopback only; each prints its figures and fails the run when its check fails.
 *   collect        POST /api/collect under load: events/s, p99, lost events
 *   writers        survey submissions and beacons at the same time: rates, p99, nothing lost
 *   survey-weight  the survey page's first-load JS+CSS (gzip), budget 50 KB
 *   dashboard      1M responses / 200k requests: the overview's data load, cold and warm (--fresh regenerates)
 */
import { loadavg } from 'node:os';
import { benchCollect } from './bench/collect';
import { surveyWeight } from './bench/survey';
import { benchWriters } from './bench/writers';

const sections: Record<string, () => Promise<void>> = {
	'survey-weight': surveyWeight,
	collect: benchCollect,
	writers: benchWriters,
	dashboard: async () => (await import('./bench-dashboard')).run()
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((n) => !sections[n]);
if (unknown.length) {
	console.error(
		`unknown section(s): ${unknown.join(', ')}; known: ${Object.keys(sections).join(', ')}`
	);
	process.exit(2);
}
for (const [name, run] of Object.entries(sections)) {
	if (wanted.length && !wanted.includes(name)) continue;
	const load = loadavg()
		.map((l) => l.toFixed(2))
		.join(', ');
	console.log(`\n# ${name}   (${new Date().toISOString()}, load average ${load})`);
	try {
		await run();
	} catch (e) {
		console.error(`${name} failed:`, e instanceof Error ? e.message : e);
		process.exitCode = 1;
	}
}
