// `npm run seed [-- --reset]`: seed the demo association (only into an empty database unless
// --reset, which wipes every table first). Refuses in production mode.
import { sql } from 'drizzle-orm';
import { getDb } from '../src/lib/server/db';
import { user } from '../src/lib/server/db/schema';
import { isDemo } from '../src/lib/server/mode';
import { seedDemo, wipe } from '../src/lib/server/seed';
import { DEMO_USERS } from '../src/lib/server/seed/core';
import { databasePath } from '../src/lib/server/db';

const reset = process.argv.includes('--reset');
if (!isDemo()) {
	console.error(
		'Refusing to seed demo data: production mode (NODE_ENV=production without RIDA_DEMO=1).'
	);
	process.exit(1);
}
const db = getDb();
const users = db
	.select({ n: sql<number>`count(*)` })
	.from(user)
	.get()!.n;
if (users > 0 && !reset) {
	console.error(
		`The database ${databasePath()} is not empty. Use \`npm run seed -- --reset\` to wipe it and seed again.`
	);
	process.exit(1);
}
if (reset) wipe();
const t0 = Date.now();
await seedDemo();
console.log(`Demo data seeded into ${databasePath()} in ${Date.now() - t0} ms. Demo logins:`);
for (const u of DEMO_USERS)
	console.log(`  ${u.role.padEnd(10)} ${u.email.padEnd(24)} ${u.password}`);
