import { describe, expect, it } from 'vitest';
import { tokenBucket } from './ratelimit';

describe('tokenBucket', () => {
	it('allows a burst, then the refill rate', () => {
		const b = tokenBucket({ burst: 3, perSecond: 0.5 });
		const t = 1_000_000;
		expect([1, 2, 3, 4].map(() => b.take('k', t))).toEqual([true, true, true, false]);
		expect(b.take('k', t + 1000)).toBe(false); // half a token
		expect(b.take('k', t + 2000)).toBe(true);
		expect(b.take('k', t + 2000)).toBe(false);
		expect(b.take('other', t)).toBe(true);
	});
	it('keeps at most maxKeys buckets, dropping the fullest first', () => {
		const b = tokenBucket({ burst: 2, perSecond: 1, maxKeys: 4 });
		const t = 1_000_000;
		b.take('a', t);
		b.take('a', t); // a is empty
		b.take('b', t);
		b.take('c', t);
		b.take('c', t); // c is empty too
		b.take('d', t);
		// A fifth key makes room by dropping the fullest (b, d); a and c stay limited.
		expect(b.take('e', t + 100)).toBe(true);
		expect(b.take('a', t + 100)).toBe(false);
		expect(b.take('c', t + 100)).toBe(false);
	});
});
