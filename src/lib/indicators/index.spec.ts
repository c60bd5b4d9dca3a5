import { describe, expect, it } from 'vitest';
import {
	csatShare,
	direction,
	isSmallSample,
	meanCI,
	npsFromCounts,
	percentChange,
	share
} from './index';

describe('pure indicator formulas', () => {
	it('CSAT and shares', () => {
		expect(csatShare(0, 0)).toBeNull();
		expect(csatShare(3, 4)).toBe(0.75);
		expect(share(1, 0)).toBeNull();
	});
	it('NPS from counts', () => {
		expect(npsFromCounts(0, 0, 0)).toBeNull();
		expect(npsFromCounts(5, 0, 0)).toBe(100);
		expect(npsFromCounts(0, 0, 5)).toBe(-100);
		expect(npsFromCounts(1, 2, 1)).toBe(0);
	});
	it('mean CI: empty, n = 1, symmetric and clamped', () => {
		expect(meanCI(0, 0, 0).mean).toBeNull();
		expect(meanCI(1, 3, 9)).toMatchObject({ mean: 3, low: null, high: null });
		const c = meanCI(100, 400, 1700); // mean 4, Σ(x−m)² = 100, sd = √(100/99)
		expect(c.mean).toBe(4);
		expect(c.high! - 4).toBeCloseTo(4 - c.low!, 10);
		expect(c.high! - 4).toBeCloseTo((1.959964 * Math.sqrt(100 / 99)) / 10, 5);
		expect(meanCI(2, 10, 50)).toMatchObject({ low: 5, high: 5 });
	});
	it('percent change and direction', () => {
		expect(percentChange(110, 100)).toBeCloseTo(0.1);
		expect(percentChange(1, 0)).toBeNull();
		expect(percentChange(null, 1)).toBeNull();
		expect(percentChange(-5, -10)).toBeCloseTo(0.5);
		expect(direction(2, 1)).toBe('up');
		expect(direction(1, 2)).toBe('down');
		expect(direction(1, 1)).toBe('flat');
		expect(direction(null, 1)).toBe('none');
		expect(isSmallSample(29)).toBe(true);
		expect(isSmallSample(30)).toBe(false);
	});
});
