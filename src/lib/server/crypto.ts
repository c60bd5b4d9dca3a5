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
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { config } from './config';
import { isDemo } from './mode';

export type Keys = { id: string; enc: Buffer; mac: Buffer };

function parseKey(text: string): Buffer {
	const s = text.trim();
	const buf = /^[0-9a-f]{64}$/i.test(s) ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64');
	if (buf.length !== 32)
		throw new Error('RIDA_DATA_KEY must be 32 bytes (64 hex characters or base64).');
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

function loadMaster(): Buffer {
	const configured = config().dataKey;
	if (configured) return parseKey(configured);
	if (!isDemo()) {
		throw new Error(
			'RIDA_DATA_KEY is not set. Production refuses to start without it: generate one with `openssl rand -hex 32`.'
		);
	}
	const file = demoKeyPath();
	if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'));
	mkdirSync(dirname(file), { recursive: true });
	const key = randomBytes(32);
	writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600 });
	return key;
}

let keys: Keys | undefined;
function current(): Keys {
	keys ??= deriveKeys(loadMaster());
	return keys;
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
