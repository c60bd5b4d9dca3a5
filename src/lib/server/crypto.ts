/**
 * Encryption at rest of beneficiaries' contact data (PDPL): AES-256-GCM under a key from
 * RIDA_DATA_KEY, plus keyed hashes (HMAC-SHA-256) for exact lookups and duplicate checks.
 * Ciphertext format: `v1.<keyId>.<base64url(iv ‖ tag ‖ ciphertext)>`.
 */
import {
	createCipheriv,
	createDecipheriv,
	createHash,
	createHmac,
	hkdfSync,
	randomBytes
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { config } from './config';
import { getDb, type DB } from './db';
import { isDemo } from './mode';
import { ensurePrivateFile, tighten } from './private-file';

export type Keys = { id: string; enc: Buffer; mac: Buffer };

/** A data key that must not be used: the server refuses to start with it (see checkDataKey). */
export class DataKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DataKeyError';
	}
}

const HEX_KEY = /^[0-9a-f]{64}$/i;
// Strict base64 / base64url of exactly 32 bytes: Node's decoder skips characters it does not
// know, so a truncated or mangled key could otherwise still decode to some 32 bytes.
const B64_KEY = /^[A-Za-z0-9+/]{43}=?$|^[A-Za-z0-9_-]{43}=?$/;

/** The 32-byte master key from its text form; `where` names its source in the message. */
export function parseKey(text: string, where = 'RIDA_DATA_KEY'): Buffer {
	const s = text.trim();
	let buf: Buffer | null = null;
	if (HEX_KEY.test(s)) buf = Buffer.from(s, 'hex');
	else if (B64_KEY.test(s)) buf = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
	if (!buf || buf.length !== 32)
		throw new DataKeyError(
			`${where} is not a valid data key: it must be 32 bytes written as 64 hex characters (or 44 base64), e.g. from \`openssl rand -hex 32\`; this one has ${s.length} characters${s.length === 64 || s.length === 44 ? ' that are not all hex/base64' : ''}.`
		);
	if (buf.every((b) => b === buf[0]))
		throw new DataKeyError(
			`${where} is a placeholder (every byte the same), not a secret: generate one with \`openssl rand -hex 32\`.`
		);
	return buf;
}

export function deriveKeys(master: Buffer): Keys {
	return {
		id: createHash('sha256').update(master).digest('hex').slice(0, 8),
		enc: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'rida-enc-v1', 32)),
		mac: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'rida-mac-v1', 32))
	};
}

/** The key file demo mode generates beside the database (never used in production). */
export function demoKeyPath(): string {
	return join(dirname(config().databasePath), 'data.key');
}

/** Writes the demo key file owner-only (0600), tightening a file that already exists. */
export function writeKeyFile(file: string, master: Buffer) {
	ensurePrivateFile(file);
	writeFileSync(file, master.toString('hex') + '\n', { mode: 0o600 });
}

/** Key ids of the contact data already in the database, with how many values each. */
export function storedKeyIds(db: DB = getDb()): Map<string, number> {
	const rows = db.$client
		.prepare(
			`select substr(v, 4, 8) id, count(*) n from (
				select name_enc v from beneficiary where name_enc is not null
				union all select mobile_enc from beneficiary where mobile_enc is not null
				union all select email_enc from beneficiary where email_enc is not null
			) group by 1`
		)
		.all() as { id: string; n: number }[];
	return new Map(rows.map((r) => [r.id, r.n]));
}

export type KeyCheck = {
	keyId: string;
	source: 'RIDA_DATA_KEY' | 'file' | 'generated';
	/** Encrypted values found in the database (all under keyId). */
	values: number;
};

/**
 * Loads the data key and checks it against the database, before anything reads or writes
 * contact data (start-up, scripts, and lazily on first use). Refuses, with a message that
 * says what to do:
 * - production (not demo) without RIDA_DATA_KEY;
 * - a key that is not exactly 32 bytes of hex/base64, or a placeholder;
 * - a key whose id is not the one the database's ciphertexts were written under (or a
 *   database already under several keys): starting would make every personal page fail
 *   and new rows would be written under another key than the old ones;
 * - demo mode whose data.key is missing while the database holds encrypted data: a new
 *   key would make that data unreadable for good, so none is generated.
 */
export function checkDataKey(db: DB = getDb()): KeyCheck {
	const stored = storedKeyIds(db);
	const values = [...stored.values()].reduce((a, b) => a + b, 0);
	const describe = () =>
		[...stored].map(([id, n]) => `${id} (${n} value${n === 1 ? '' : 's'})`).join(', ');
	let master: Buffer;
	let source: KeyCheck['source'];
	const configured = config().dataKey;
	if (configured) {
		master = parseKey(configured);
		source = 'RIDA_DATA_KEY';
	} else if (!isDemo()) {
		throw new DataKeyError(
			'RIDA_DATA_KEY is not set. Production refuses to start without it: generate one with `openssl rand -hex 32`' +
				(values
					? `, or set the key the existing data was encrypted with (key id ${describe()}).`
					: '.')
		);
	} else {
		const file = demoKeyPath();
		if (existsSync(file)) {
			master = parseKey(readFileSync(file, 'utf8'), file);
			tighten(file);
			source = 'file';
		} else if (values) {
			throw new DataKeyError(
				`The data key file ${file} is missing, but the database holds ${values} encrypted contact values under key ${describe()}. ` +
					'Rida will not generate a new key (the data would become unreadable): put the original data.key back (from where you keep backups of it), or set RIDA_DATA_KEY to that key.'
			);
		} else {
			master = randomBytes(32);
			writeKeyFile(file, master);
			source = 'generated';
		}
	}
	const k = deriveKeys(master);
	const others = [...stored.keys()].filter((id) => id !== k.id);
	if (others.length) {
		throw new DataKeyError(
			stored.size > 1
				? `The database holds contact data under ${stored.size} different keys: ${describe()}. Rida refuses to start on a mixed-key database; restore a backup written under one key.`
				: `The data key (${source === 'RIDA_DATA_KEY' ? 'RIDA_DATA_KEY' : demoKeyPath()}, key id ${k.id}) is not the key the database's contact data was encrypted with (key id ${describe()}). ` +
						'Start with the original key; to change keys, run `npm run rotate-key` with the original key set.'
		);
	}
	keys = k;
	return { keyId: k.id, source, values };
}

let keys: Keys | undefined;
function current(): Keys {
	if (!keys) checkDataKey();
	return keys!;
}

/** For tests and key rotation. */
export function useKey(master: Buffer | undefined) {
	keys = master ? deriveKeys(master) : undefined;
}

export function encrypt(plain: string, k: Keys = current()): string {
	const iv = randomBytes(12);
	const c = createCipheriv('aes-256-gcm', k.enc, iv);
	const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
	return `v1.${k.id}.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
}

export function decrypt(box: string, k: Keys = current()): string {
	const [v, id, data] = box.split('.');
	if (v !== 'v1' || !data) throw new Error('Not a Rida ciphertext');
	if (id !== k.id) throw new Error(`Ciphertext is under key ${id}, not the current key ${k.id}`);
	const raw = Buffer.from(data, 'base64url');
	const d = createDecipheriv('aes-256-gcm', k.enc, raw.subarray(0, 12));
	d.setAuthTag(raw.subarray(12, 28));
	return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
}

export const encryptOpt = (v: string | null | undefined) => (v ? encrypt(v) : null);
export const decryptOpt = (v: string | null | undefined) => (v ? decrypt(v) : null);

/** Keyed hash for lookups (same input → same value under one key, useless without it). */
export function blindIndex(value: string, k: Keys = current()): string {
	return createHmac('sha256', k.mac).update(value).digest('base64url');
}

export function currentKeyId(): string {
	return current().id;
}
