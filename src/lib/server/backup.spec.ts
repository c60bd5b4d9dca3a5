import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTestDb } from './testing';
import { backup, check, restore, rotate } from './backup';
import * as beneficiaries from './beneficiaries';
import { rotateKey } from './keyrotation';

const ctx = useTestDb();

describe('backup and restore', () => {
	it('backs up while writing, restores only a sound file', async () => {
		beneficiaries.create(
			{ id: null },
			{ name: 'سالم العنزي', mobile: '0501112233', consentContact: true }
		);
		const b = await backup(join(ctx.dir, 'b1.db'));
		expect(check(b.path)).toMatchObject({ ok: true });
		const copy = new Database(b.path, { readonly: true });
		expect((copy.prepare('select count(*) n from beneficiary').get() as { n: number }).n).toBe(1);
		copy.close();

		// A corrupted file is refused and the live database is left alone.
		const bad = join(ctx.dir, 'bad.db');
		copyFileSync(b.path, bad);
		const buf = randomBytes(4096);
		const fd = openSync(bad, 'r+');
		writeSync(fd, buf, 0, buf.length, 4096);
		closeSync(fd);
		expect(check(bad).ok).toBe(false);
		writeFileSync(join(ctx.dir, 'text.db'), 'not sqlite');
		expect(check(join(ctx.dir, 'text.db')).ok).toBe(false);
		await expect(restore(bad, join(ctx.dir, 'target.db'))).rejects.toThrow(/Refusing/);

		const target = join(ctx.dir, 'target.db');
		copyFileSync(b.path, target);
		const r = await restore(b.path, target);
		expect(r.previous).toContain('before-restore');
		expect(check(target).ok).toBe(true);
	});

	it('rotation keeps the newest N', () => {
		const dir = join(ctx.dir, 'rot');
		mkdirSync(dir);
		for (const d of ['20261101-010000', '20261102-010000', '20261103-010000'])
			writeFileSync(join(dir, `rida-${d}.db`), '');
		expect(rotate(2, dir)).toEqual(['rida-20261101-010000.db']);
	});
});

describe('key rotation', () => {
	it('re-encrypts everything; lookups and search keep working under the new key', () => {
		const id = beneficiaries.create(
			{ id: null },
			{ name: 'منيرة الشمري', mobile: '0507778899', email: 'm@example.org', consentContact: true }
		);
		const before = ctx.db.$client
			.prepare('select name_enc, mobile_hash from beneficiary where id = ?')
			.get(id) as { name_enc: string; mobile_hash: string };
		const r = rotateKey(randomBytes(32));
		expect(r.beneficiaries).toBeGreaterThanOrEqual(2);
		const after = ctx.db.$client
			.prepare('select name_enc, mobile_hash from beneficiary where id = ?')
			.get(id) as { name_enc: string; mobile_hash: string };
		expect(after.name_enc).not.toBe(before.name_enc);
		expect(after.name_enc.split('.')[1]).toBe(r.to);
		expect(after.mobile_hash).not.toBe(before.mobile_hash);
		expect(beneficiaries.get(id)).toMatchObject({
			name: 'منيرة الشمري',
			mobile: '+966507778899',
			email: 'm@example.org'
		});
		expect(beneficiaries.findByMobile('0507778899')).toBe(id);
		expect(beneficiaries.search('منيره').items.map((b) => b.id)).toEqual([id]);
	});
});
