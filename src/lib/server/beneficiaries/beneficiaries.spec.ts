import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import * as beneficiaries from './index';

const ctx = useTestDb();

describe('beneficiaries', () => {
	it('normalises Saudi mobiles to E.164', () => {
		for (const raw of [
			'0551234567',
			'551234567',
			'966551234567',
			'+966551234567',
			'00966551234567',
			'٠٥٥١٢٣٤٥٦٧',
			'055 123 4567'
		]) {
			expect(beneficiaries.normaliseMobile(raw), raw).toBe('+966551234567');
		}
		expect(beneficiaries.normaliseMobile('0112345678')).toBeNull(); // landline
		expect(beneficiaries.normaliseMobile('12345')).toBeNull();
	});

	it('stores contact data encrypted, finds by mobile, name prefix, and refuses duplicates', () => {
		const id = beneficiaries.create(
			{ id: null },
			{
				name: 'فاطمة الزهراني',
				mobile: '0551234567',
				email: 'Fatima@Example.org',
				consentContact: true
			}
		);
		const raw = JSON.stringify(ctx.db.$client.prepare('select * from beneficiary').all());
		expect(raw).not.toContain('551234567');
		expect(raw).not.toContain('فاطمة');
		expect(raw).not.toContain('example.org');
		expect(beneficiaries.get(id)).toMatchObject({
			name: 'فاطمة الزهراني',
			mobile: '+966551234567',
			email: 'fatima@example.org'
		});
		expect(beneficiaries.findByMobile('+966551234567')).toBe(id);
		expect(beneficiaries.search('فاطمه').items.map((b) => b.id)).toEqual([id]); // taa marbuta ≈ haa
		expect(beneficiaries.search('الزهر').items.map((b) => b.id)).toEqual([id]);
		expect(beneficiaries.search('0551234567').total).toBe(1);
		expect(beneficiaries.search('خالد').total).toBe(0);
		expect(() =>
			beneficiaries.create(
				{ id: null },
				{ name: 'x', mobile: '966551234567', consentContact: false }
			)
		).toThrow(beneficiaries.DuplicateBeneficiaryError);
		expect(() =>
			beneficiaries.create(
				{ id: null },
				{ name: 'x', mobile: '0559999999', email: 'fatima@example.org', consentContact: false }
			)
		).toThrow(beneficiaries.DuplicateBeneficiaryError);
	});
});

describe('encryption at rest', () => {
	it('the database file itself holds no name, mobile or email in clear text', async () => {
		const { execFileSync } = await import('node:child_process');
		const { existsSync, readFileSync } = await import('node:fs');
		const people = [
			{ name: 'عائشة المطيري', mobile: '0531112222', email: 'aisha.m@example.org' },
			{ name: 'Yousef Alharthi', mobile: '+966541239876', email: 'yousef@example.org' }
		];
		for (const p of people) beneficiaries.create({ id: null }, { ...p, consentContact: true });
		ctx.db.$client.pragma('wal_checkpoint(TRUNCATE)');
		const raw = readFileSync(ctx.path);
		// What the sqlite3 CLI would show (.dump), when it is installed, and the raw bytes.
		const dump = existsSync('/usr/bin/sqlite3')
			? execFileSync('/usr/bin/sqlite3', [ctx.path, '.dump']).toString('utf8')
			: '';
		for (const p of people) {
			for (const secret of [
				p.name,
				p.name.split(' ')[1],
				p.email,
				p.mobile.replace(/^\+966|^0/, '')
			]) {
				expect(raw.includes(Buffer.from(secret)), secret).toBe(false);
				expect(dump.includes(secret), secret).toBe(false);
			}
		}
	});
});
