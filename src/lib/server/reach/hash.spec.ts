import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { siteSalt } from '../db/schema';
import { useTestDb } from '../testing';
import * as settings from '../settings';
import { currentSalt, normaliseIp, purgeSalts, resetSaltCache, saltFor, visitorHash } from './hash';

const ctx = useTestDb();
const base = { siteKey: 'site1', ip: '203.0.113.7', userAgent: 'Mozilla/5.0 X' };

beforeEach(() => {
	ctx.db.delete(siteSalt).run();
	resetSaltCache();
});

describe('visitorHash', () => {
	it('is 32 hex chars, deterministic for one salt, different per site/ip/UA/salt', () => {
		const salt = 'ab'.repeat(32);
		const h = visitorHash({ ...base, salt });
		expect(h).toMatch(/^[0-9a-f]{32}$/);
		expect(visitorHash({ ...base, salt })).toBe(h);
		expect(visitorHash({ ...base, salt, siteKey: 'site2' })).not.toBe(h);
		expect(visitorHash({ ...base, salt, ip: '203.0.113.8' })).not.toBe(h);
		expect(visitorHash({ ...base, salt, userAgent: 'Other' })).not.toBe(h);
		expect(visitorHash({ ...base, salt: 'cd'.repeat(32) })).not.toBe(h);
		expect(visitorHash({ ...base, salt, ip: '::ffff:203.0.113.7' })).toBe(h);
	});
	it('is the documented sha256(salt ‖ site ‖ ip ‖ UA), so ids made before an upgrade still match', () => {
		const salt = 'ab'.repeat(32);
		const material = [salt, base.siteKey, base.ip, base.userAgent].join('\u0000');
		expect(visitorHash({ ...base, salt })).toBe(
			createHash('sha256').update(material, 'utf8').digest('hex').slice(0, 32)
		);
	});
	it('refuses to hash without a salt', () => {
		expect(() => visitorHash({ ...base, salt: '' })).toThrow();
	});
});

describe('daily salt', () => {
	it('is random (64 hex), stable through the day and across a restart, stored once', () => {
		const t = new Date('2026-05-01T05:00:00Z');
		const a = currentSalt(t);
		expect(a.day).toBe('2026-05-01');
		expect(a.salt).toMatch(/^[0-9a-f]{64}$/);
		expect(currentSalt(new Date('2026-05-01T20:59:59Z')).salt).toBe(a.salt);
		resetSaltCache(); // a restart: memory is empty, the DB still has today's salt
		expect(currentSalt(new Date('2026-05-01T12:00:00Z')).salt).toBe(a.salt);
		expect(ctx.db.select().from(siteSalt).all()).toHaveLength(1);
	});

	it('rotates at Riyadh midnight: the same visitor becomes a new daily unique and the old salt leaves the DB', () => {
		const before = currentSalt(new Date('2026-05-01T20:59:59Z'));
		const v1 = visitorHash({ ...base, salt: before.salt });
		const after = currentSalt(new Date('2026-05-01T21:00:00Z'));
		expect(after.day).toBe('2026-05-02');
		expect(after.salt).not.toBe(before.salt);
		expect(visitorHash({ ...base, salt: after.salt })).not.toBe(v1);
		const days = ctx.db
			.select({ day: siteSalt.day })
			.from(siteSalt)
			.all()
			.map((r) => r.day);
		expect(days).toEqual(['2026-05-02']);
	});

	it('the purge job removes salts of past days and anything older than 48 h', () => {
		ctx.db
			.insert(siteSalt)
			.values({ day: '2026-04-29', salt: 'x', createdAt: new Date('2026-04-28T21:00:00Z') })
			.run();
		saltFor('2026-05-01', new Date('2026-04-30T21:30:00Z'));
		const now = new Date('2026-05-01T10:00:00Z');
		expect(purgeSalts(now)).toBe(1);
		expect(ctx.db.select({ day: siteSalt.day }).from(siteSalt).all()).toEqual([
			{ day: '2026-05-01' }
		]);
		// 48 h later nothing of that day is left, in the DB or in memory.
		expect(purgeSalts(new Date('2026-05-03T00:00:00Z'))).toBe(1);
		expect(ctx.db.select().from(siteSalt).all()).toHaveLength(0);
		const fresh = currentSalt(new Date('2026-05-03T00:00:00Z'));
		expect(fresh.day).toBe('2026-05-03');
	});

	it("also drops a salt older than 48 h even if it carries today's date (clock trouble)", () => {
		ctx.db
			.insert(siteSalt)
			.values({ day: '2026-05-05', salt: 'y', createdAt: new Date('2026-05-02T00:00:00Z') })
			.run();
		expect(purgeSalts(new Date('2026-05-05T06:00:00Z'))).toBe(1);
		expect(ctx.db.select().from(siteSalt).all()).toHaveLength(0);
	});
});

describe('helpers', () => {
	it("the salt's day is the local day in the association's timeZone setting", () => {
		const late = new Date('2026-05-01T21:30:00Z');
		expect(currentSalt(late).day).toBe('2026-05-02'); // Riyadh, the default
		expect(currentSalt(late, 'UTC').day).toBe('2026-05-01');
		settings.ensure();
		ctx.db.$client.prepare(`update settings set time_zone = 'America/New_York'`).run();
		try {
			resetSaltCache();
			expect(currentSalt(late).day).toBe('2026-05-01');
			expect(currentSalt(new Date('2026-05-02T03:59:00Z')).day).toBe('2026-05-01');
		} finally {
			ctx.db.$client.prepare(`update settings set time_zone = 'Asia/Riyadh'`).run();
		}
	});
	it('normaliseIp', () => {
		expect(normaliseIp(' ::FFFF:10.0.0.1 ')).toBe('10.0.0.1');
		expect(normaliseIp('2001:DB8::1')).toBe('2001:db8::1');
		expect(normaliseIp(undefined)).toBe('');
	});
});

describe('ipPrefix (what one client controls)', () => {
	it('is the IPv4 address, or the /64 of an IPv6 address', async () => {
		const { ipPrefix } = await import('./hash');
		expect(ipPrefix('198.51.100.4')).toBe('198.51.100.4');
		expect(ipPrefix('::ffff:198.51.100.4')).toBe('198.51.100.4');
		expect(ipPrefix('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2');
		expect(ipPrefix('2001:0DB8:0001:0002::1')).toBe('2001:db8:1:2');
		expect(ipPrefix('2001:db8::1')).toBe('2001:db8:0:0');
		expect(ipPrefix('::1')).toBe('0:0:0:0');
	});
});
