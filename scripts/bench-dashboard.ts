/**
 * Dashboard bench: a large database (≥ 1,000,000 responses, 200,000 requests, two years
 * of visits and social reach; cached in /tmp, regenerated with --fresh), then the server
 * time of the overview's data load — the same function `+page.server.ts` calls — cold
 * (first call in a fresh connection) and warm (median of repeated calls) for each view, beside
 * the same view from the raw rows (`withoutRollups`, the reference), with each view's slowest
 * indicator; then the rollups' upkeep after a busy hour of status changes (rolled back).
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { openDatabase, setDb } from '../src/lib/server/db';
import * as settings from '../src/lib/server/settings';
import * as ind from '../src/lib/server/indicators';
import { generate } from './bench-data';
import { refreshRollups, withoutRollups } from '../src/lib/server/indicators/rollup';

const PATH = process.env.BENCH_DB ?? '/tmp/rida-bench-dashboard.db';

function time<T>(fn: () => T): [T, number] {
	const t = performance.now();
	const v = fn();
	return [v, performance.now() - t];
}
/** CPU time (user + system) of `fn`: less swayed than wall time by other processes on a shared machine. */
function cpu(fn: () => unknown): number {
	const t = process.cpuUsage();
	fn();
	const d = process.cpuUsage(t);
	return (d.user + d.system) / 1000;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run() {
	if (process.argv.includes('--fresh') || !existsSync(PATH)) {
		console.log(`generating ${PATH} (1,000,000 responses, 200,000 requests, 730 days)…`);
		const [db, ms] = time(() => generate(PATH));
		db.$client.close();
		console.log(`  generated in ${(ms / 1000).toFixed(1)} s`);
	}
	const db = openDatabase(PATH);
	setDb(db);
	const c = db.$client;
	const counts = c
		.prepare(
			`select (select count(*) from response) responses, (select count(*) from response_aspect) aspects, (select count(*) from request) requests, (select count(*) from site_day) siteDays, (select count(*) from social_reach) social`
		)
		.get();
	console.log('rows:', counts);
	const s = settings.get();
	const url = (q = '') => new URL('http://bench/dashboard' + q);
	const filters = (q = '') => ind.parseFilters(url(q), s);

	const [folded, build] = time(() => refreshRollups());
	console.log(
		`rollups: ${folded.responses} new responses folded in, ${folded.invitationDays} days of invitations, ${folded.decisionDays} of decisions and ${folded.receivedDays} of received requests aggregated: ${build.toFixed(0)} ms (one-time; a few probes when up to date)`
	);
	{
		// A busy hour in the recent window, then rolled back: 2,000 invitations completed and
		// 500 requests decided now (the triggers mark their hours; the read re-aggregates them).
		c.exec('begin');
		const now = Date.now();
		c.prepare(
			`update invitation set completed_at = ? where id in (select id from invitation where completed_at is null order by id desc limit 2000)`
		).run(now);
		c.prepare(
			`update request set decided_at = ?, decision = 'accepted' where id in (select id from request where decided_at is null order by id desc limit 500)`
		).run(now);
		const [r, ms] = time(() => refreshRollups());
		c.exec('rollback');
		console.log(
			`rollups after 2,000 completions + 500 decisions: ${r.invitationDays} + ${r.decisionDays} + ${r.receivedDays} days re-aggregated in ${ms.toFixed(0)} ms`
		);
	}
	{
		// A person's record edited (another city and age band): every day holding one of their
		// invitations or requests is re-aggregated on the next read (rolled back).
		c.exec('begin');
		c.prepare(
			`update beneficiary set city = 'تبوك', age_band = '45_59' where id = (select beneficiary_id from invitation order by id desc limit 1)`
		).run();
		const [r, ms] = time(() => refreshRollups());
		c.exec('rollback');
		console.log(
			`rollups after one person's city and age band edited: ${r.invitationDays} + ${r.decisionDays} + ${r.receivedDays} days re-aggregated in ${ms.toFixed(0)} ms`
		);
	}
	const [, cold] = time(() => ind.loadOverview(filters(), s.slaDays));
	console.log(`overview (default: last 12 months) cold, computed: ${cold.toFixed(0)} ms`);
	{
		const runs: number[] = [];
		ind.clearOverviewCache();
		for (let i = 0; i < 7; i++) runs.push(time(() => ind.cachedOverview(filters(), s.slaDays))[1]);
		console.log(
			`overview as the page loads it (cachedOverview): first ${runs[0].toFixed(0)} ms, warm median ${median(runs.slice(1)).toFixed(1)} ms`
		);
	}

	// Each indicator alone (fresh filters each time so nothing is memoised).
	const parts: [string, (f: ind.Filters) => unknown][] = [
		['scores (csat+mean+nps, both periods)', (f) => [ind.csat(f), ind.satisfaction(f), ind.nps(f)]],
		['satisfactionTrend', ind.satisfactionTrend],
		['satisfactionByProgram', ind.satisfactionByProgram],
		['aspects', ind.aspects],
		['responseRate', ind.responseRate],
		['responseRateByProgram', ind.responseRateByProgram],
		[
			'time to decision (median+p90)',
			(f) => [ind.medianTimeToDecision(f), ind.p90TimeToDecision(f)]
		],
		['decisionDistribution', ind.decisionDistribution],
		['withinSla', ind.withinSla],
		['slaTrend', ind.slaTrend],
		['openOverdue', (f) => ind.openOverdue(f)],
		['channelMix', ind.channelMix],
		['channelSeries', ind.channelSeries],
		['indirectReach', ind.indirectReach],
		['reachSeries', ind.reachSeries],
		['directBeneficiaries', ind.directBeneficiaries]
	];
	const slowest = (q: string) => {
		const rows = parts.map(([name, fn]) => {
			const runs: number[] = [];
			for (let i = 0; i < 3; i++) runs.push(time(() => fn(filters(q)))[1]);
			return { name, ms: median(runs) };
		});
		return rows.sort((a, b) => b.ms - a.ms);
	};

	console.log(
		'overview computed from scratch (loadOverview, no cache) per view: raw rows (the reference, once) · cold (first call) · warm median of 5 (wall; CPU time median of 5 more) · slowest queries (wall)'
	);
	const views = [
		['default: last 12 months', ''],
		['last quarter', '?preset=lastQuarter'],
		['by quarter, vs last year', '?grain=quarter&compare=lastYear'],
		['one program', '?program=7'],
		['women, 30-44', '?gender=female&ageBand=30_44'],
		['channel web', '?channel=web'],
		['city', '?city=' + encodeURIComponent('جدة')],
		['one program, women', '?program=7&gender=female']
	] as const;
	let worst = 0;
	for (const [label, q] of views) {
		const [, raw] = time(() => withoutRollups(() => ind.loadOverview(filters(q), s.slaDays)));
		const [, first] = time(() => ind.loadOverview(filters(q), s.slaDays));
		const runs: number[] = [];
		for (let i = 0; i < 5; i++) runs.push(time(() => ind.loadOverview(filters(q), s.slaDays))[1]);
		const cpus: number[] = [];
		for (let i = 0; i < 5; i++) cpus.push(cpu(() => ind.loadOverview(filters(q), s.slaDays)));
		const top = slowest(q).slice(0, 3);
		worst = Math.max(worst, first, ...runs);
		console.log(
			`  [${label}] raw ${raw.toFixed(0)} ms · cold ${first.toFixed(0)} ms · warm ${median(runs).toFixed(0)} ms (max ${Math.max(...runs).toFixed(0)}; CPU ${median(cpus).toFixed(0)} ms) · slowest: ${top.map((t) => `${t.name} ${t.ms.toFixed(1)}`).join(', ')} ms · load ${loadavg()[0].toFixed(2)}`
		);
	}
	console.log(`slowest computed view: ${worst.toFixed(0)} ms (goal 300 ms)`);

	const rows = slowest('');
	console.log('per indicator (warm median, default filters):');
	for (const r of rows) console.log(`  ${r.ms.toFixed(1).padStart(7)} ms  ${r.name}`);
	console.log(`heaviest single query: ${rows[0].name} (${rows[0].ms.toFixed(0)} ms)`);
	c.close();
}
