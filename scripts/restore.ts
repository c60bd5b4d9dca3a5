// `npm run restore -- FILE`: checks FILE (integrity_check, Rida tables) and replaces the
// database with it. Stop the app first.
import { check, restore } from '../src/lib/server/backup';
import { databasePath } from '../src/lib/server/db';

const file = process.argv[2];
if (!file) {
	console.error('Usage: npm run restore -- FILE');
	process.exit(2);
}
const c = check(file);
if (!c.ok) {
	console.error(`Refusing to restore ${file}: ${c.reason}`);
	process.exit(1);
}
const { previous, reapplied } = await restore(file);
console.log(
	`Restored ${file} into ${databasePath()}.${previous ? ` The previous database was kept as ${previous}.` : ''}`
);
console.log(
	reapplied
		? `${reapplied} erasure(s) made after this backup were applied again (from the erasure journal).`
		: 'No erasure made after this backup needed applying again.'
);
