/**
 * Nightly upkeep for the dashboard: verify and top up the response rollups (a deletion
 * triggers a rebuild) and refresh SQLite's planner statistics (`PRAGMA optimize`), without
 * which the covering indexes' skip-scans are not chosen on large tables.
 */
import { getDb } from '../db';
import { log } from '../log';
import { registerJob } from '../scheduler';
import { clearOverviewCache } from './overview';
import { refreshRollups } from './rollup';

registerJob({
	name: 'dashboard.upkeep',
	pattern: '30 2 * * *',
	run: () => {
		const t = Date.now();
		const folded = refreshRollups({ verify: true });
		getDb().$client.pragma('optimize=0x10002');
		clearOverviewCache();
		log('info', 'dashboard upkeep', { folded, ms: Date.now() - t });
	}
});
