/**
 * Re-encrypts all contact data, and the originals of redacted free text, under a new key, in
 * one transaction (all or nothing).
 */
import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import {
	currentKeyId,
	decryptOpt,
	deriveKeys,
	demoKeyPath,
	encrypt,
	useKey,
	writeKeyFile
} from './crypto';
import { getDb } from './db';
import { beneficiary, beneficiaryNameToken } from './db/schema';

/** Other encrypted columns: originals of redacted free text (redact.ts `seal`). */
const SEALED: { table: string; columns: string[] }[] = [
	{ table: 'response', columns: ['comment_enc', 'answers_enc'] },
	{ table: 'request', columns: ['subject_enc', 'details_enc'] },
	{ table: 'request_event', columns: ['data_enc'] }
];
import { emailHash, mobileHash, nameTokens } from './beneficiaries';
import * as audit from './audit';
import { config } from './config';

export function rotateKey(newMaster: Buffer) {
	const t0 = Date.now();
	const db = getDb();
	const from = currentKeyId();
	const next = deriveKeys(newMaster);
	const rows = db.select().from(beneficiary).all();
	const enc = (v: string | null) => (v == null ? null : encrypt(decryptOpt(v)!, next));
	db.transaction((tx) => {
		tx.delete(beneficiaryNameToken).run();
		for (const r of rows) {
			const name = decryptOpt(r.nameEnc);
			const mobile = decryptOpt(r.mobileEnc);
			const email = decryptOpt(r.emailEnc);
			tx.update(beneficiary)
				.set({
					nameEnc: enc(r.nameEnc),
					mobileEnc: enc(r.mobileEnc),
					emailEnc: enc(r.emailEnc),
					mobileHash: mobile ? mobileHash(mobile, next) : null,
					emailHash: email ? emailHash(email, next) : null
				})
				.where(eq(beneficiary.id, r.id))
				.run();
			const toks = name ? nameTokens(name, next) : [];
			if (toks.length)
				tx.insert(beneficiaryNameToken)
					.values(toks.map((token) => ({ beneficiaryId: r.id, token })))
					.run();
		}
		const c = db.$client;
		for (const { table, columns } of SEALED) {
			const cols = columns.join(', ');
			const where = columns.map((x) => `${x} is not null`).join(' or ');
			const all = c.prepare(`select id, ${cols} from ${table} where ${where}`).all() as Record<
				string,
				string | number | null
			>[];
			const upd = c.prepare(
				`update ${table} set ${columns.map((x) => `${x} = ?`).join(', ')} where id = ?`
			);
			for (const r of all) upd.run(...columns.map((x) => enc(r[x] as string | null)), r.id);
		}
	});
	useKey(newMaster);
	let keyFile: string | null = null;
	if (!config().dataKey && existsSync(demoKeyPath())) {
		writeKeyFile(demoKeyPath(), newMaster);
		keyFile = demoKeyPath();
	}
	audit.record({
		actorId: null,
		action: 'crypto.rotateKey',
		details: { from, to: next.id, count: rows.length }
	});
	return { beneficiaries: rows.length, from, to: next.id, ms: Date.now() - t0, keyFile };
}
