// `npm run rotate-key -- NEW_KEY_HEX`: re-encrypts every beneficiary's contact data under a new
// key in one transaction. Then set RIDA_DATA_KEY to the new key (demo: data/data.key is updated).
import { randomBytes } from 'node:crypto';
import { rotateKey } from '../src/lib/server/keyrotation';

const arg = process.argv[2] === 'generate' ? randomBytes(32).toString('hex') : process.argv[2];
if (!arg || !/^[0-9a-f]{64}$/i.test(arg)) {
	console.error('Usage: npm run rotate-key -- <64 hex characters> | generate');
	process.exit(2);
}
const r = rotateKey(Buffer.from(arg, 'hex'));
console.log(
	`Re-encrypted ${r.beneficiaries} beneficiaries (${r.ms} ms) from key ${r.from} to key ${r.to}.`
);
console.log(
	r.keyFile
		? `The new key was written to ${r.keyFile}.`
		: `Now set RIDA_DATA_KEY=${arg} and restart Rida.`
);
