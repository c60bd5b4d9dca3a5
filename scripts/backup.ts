// `npm run backup [-- FILE]`: a consistent copy of the live database (safe while the app runs).
import { backup, rotate } from '../src/lib/server/backup';

const r = await backup(process.argv[2]);
const removed = process.argv[2] ? [] : rotate();
console.log(
	`Backup written: ${r.path} (${(r.bytes / 1024).toFixed(0)} KiB, ${r.ms} ms)${removed.length ? `; rotated out ${removed.length}` : ''}`
);
console.log(
	'Keep RIDA_DATA_KEY (or data/data.key in demo mode) safe separately: without it, contact data in the backup cannot be read.'
);
