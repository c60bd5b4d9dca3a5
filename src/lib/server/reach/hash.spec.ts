import { describe, expect, it } from 'vitest';
import { normaliseIp, reachDay, visitorHash } from './hash';

const base = { siteKey: 'site1', ip: '203.0.113.7', userAgent: 'Mozilla/5.0 X', secret: '' };

describe('visitorHash', () => {
	it('is deterministic within a local day and 32 hex chars', () => {
		const a = visitorHash({ ...base, at: new Date('2026-05-01T05:00:00Z') });
		const b = visitorHash({ ...base, at: new Date('2026-05-01T20:59:59Z') });
		expect(a).toMatch(/^[0-9a-f]{32}$/);
		expect(a).toBe(b);
	});
	it('rotates at Riyadh midnight (21:00 UTC)', () => {
		const a = visitorHash({ ...base, at: new Date('2026-05-01T20:59:59Z') });
		const b = visitorHash({ ...base, at: new Date('2026-05-01T21:00:00Z') });
		expect(a).not.toBe(b);
		expect(visitorHash({ ...base, day: '2026-05-02' })).toBe(b);
	});
	it('differs per site, ip, UA and secret', () => {
		const h = visitorHash({ ...base, day: '2026-05-01' });
		expect(visitorHash({ ...base, day: '2026-05-01', siteKey: 'site2' })).not.toBe(h);
		expect(visitorHash({ ...base, day: '2026-05-01', ip: '203.0.113.8' })).not.toBe(h);
		expect(visitorHash({ ...base, day: '2026-05-01', userAgent: 'Other' })).not.toBe(h);
		expect(visitorHash({ ...base, day: '2026-05-01', secret: 's3cret' })).not.toBe(h);
		expect(visitorHash({ ...base, day: '2026-05-01', ip: '::ffff:203.0.113.7' })).toBe(h);
	});
	it('reads REACH_HASH_SECRET when no secret is passed', () => {
		const { secret: _s, ...noSecret } = base;
		const old = process.env.REACH_HASH_SECRET;
		try {
			delete process.env.REACH_HASH_SECRET;
			const plain = visitorHash({ ...noSecret, day: '2026-05-01' });
			expect(plain).toBe(visitorHash({ ...base, day: '2026-05-01' }));
			process.env.REACH_HASH_SECRET = 'k';
			expect(visitorHash({ ...noSecret, day: '2026-05-01' })).toBe(visitorHash({ ...base, day: '2026-05-01', secret: 'k' }));
			expect(visitorHash({ ...noSecret, day: '2026-05-01' })).not.toBe(plain);
		} finally {
			if (old === undefined) delete process.env.REACH_HASH_SECRET;
			else process.env.REACH_HASH_SECRET = old;
		}
	});
});

describe('helpers', () => {
	it('reachDay', () => {
		expect(reachDay(new Date('2026-05-01T21:30:00Z'))).toBe('2026-05-02');
		expect(reachDay(new Date('2026-05-01T21:30:00Z'), 'UTC')).toBe('2026-05-01');
	});
	it('normaliseIp', () => {
		expect(normaliseIp(' ::FFFF:10.0.0.1 ')).toBe('10.0.0.1');
		expect(normaliseIp('2001:DB8::1')).toBe('2001:db8::1');
		expect(normaliseIp(undefined)).toBe('');
	});
});
