/**
 * The demo association. Each domain adds its own seeder here, in dependency order; each
 * is deterministic (seeded random) so screenshots and tests are stable.
 */
import { getDb } from '../db';
import { seedCore } from './core';
import { seedPrograms } from './programs';
import { seedRequests } from './requests';
import { seedReach } from './reach';
import { seedDelivery } from './delivery';
import { seedReports } from './reports';
import { seedStakeholders } from './stakeholders';
import { seedPolicies } from './policies';
import { ensureThemes } from '../voices/themes';
import { recordPending } from '../voices/record';

type Seeder = { name: string; run: (now: Date) => unknown };

export const seeders: Seeder[] = [
	{ name: 'core', run: () => seedCore() },
	{ name: 'programs', run: (now) => seedPrograms(now) },
	{ name: 'delivery', run: () => seedDelivery() },
	{ name: 'requests', run: (now) => seedRequests(now) },
	{ name: 'reach', run: (now) => seedReach(now) },
	// Written answers of the responses seeded above (inserted without the submit path) go to
	// answer_text now: recordPending() continues after the highest response already recorded,
	// and the campaign seed below records its own answers through the submit path.
	{ name: 'voices', run: () => (ensureThemes(), recordPending()) },
	{ name: 'stakeholders', run: (now) => seedStakeholders(now) },
	// last: it measures the demo data the others seed
	{ name: 'reports', run: (now) => seedReports(now) },
	{ name: 'policies', run: (now) => seedPolicies(now) }
];

export async function seedDemo(now = new Date()) {
	for (const s of seeders) await s.run(now);
}

/** Deletes every row of every table (keeps the schema and migrations). */
export function wipe() {
	const client = getDb().$client;
	const tables = client
		.prepare(
			`select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not like '__drizzle%'`
		)
		.all() as { name: string }[];
	client.pragma('foreign_keys = OFF');
	client.transaction(() => {
		for (const { name } of tables) client.prepare(`delete from "${name}"`).run();
	})();
	client.pragma('foreign_keys = ON');
}
