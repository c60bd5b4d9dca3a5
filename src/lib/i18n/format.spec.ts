import { describe, expect, it } from 'vitest';
import {
	gregorianOfHijri,
	hijri,
	gregorian,
	hijriOf,
	localDate,
	quarterOf,
	quarterRange,
	startOfLocalDay
} from '../dates';

const tz = 'Asia/Riyadh';

describe('dates', () => {
	it('2026-11-25 is 15 Jumada II 1448 AH (Umm al-Qura)', () => {
		const d = new Date('2026-11-25T09:00:00Z');
		expect(hijriOf('2026-11-25')).toEqual({ year: 1448, month: 6, day: 15 });
		expect(hijri(d, 'ar', tz)).toContain('15');
		expect(hijri(d, 'ar', tz)).toContain('جمادى الآخرة');
		expect(hijri(d, 'ar', tz)).toContain('1448');
		expect(hijri(d, 'en', tz)).toMatch(/15 Jumada II 1448/);
		expect(gregorian(d, 'en', tz)).toBe('25 November 2026');
	});
	it('local dates are Riyadh dates (UTC+3, no DST)', () => {
		expect(localDate(new Date('2026-11-25T21:30:00Z'), tz)).toBe('2026-11-26');
		expect(localDate(new Date('2026-06-25T20:59:00Z'), tz)).toBe('2026-06-25');
		expect(startOfLocalDay('2026-11-26', tz).toISOString()).toBe('2026-11-25T21:00:00.000Z');
	});
	it('Hijri → Gregorian round-trips', () => {
		expect(gregorianOfHijri({ year: 1448, month: 6, day: 15 })).toBe('2026-11-25');
		for (const d of ['2024-03-11', '2025-06-26', '2030-01-01']) {
			expect(gregorianOfHijri(hijriOf(d))).toBe(d);
		}
	});
	it('quarters as [from, to) in both calendars', () => {
		expect(quarterRange({ calendar: 'gregorian', year: 2026, q: 4 })).toEqual({
			from: '2026-10-01',
			to: '2027-01-01'
		});
		expect(quarterRange({ calendar: 'gregorian', year: 2026, q: 1 })).toEqual({
			from: '2026-01-01',
			to: '2026-04-01'
		});
		// Hijri Q2 1448 = Rabi II 1 .. Jumada II end
		const r = quarterRange({ calendar: 'hijri', year: 1448, q: 2 });
		expect(hijriOf(r.from)).toEqual({ year: 1448, month: 4, day: 1 });
		expect(hijriOf(r.to)).toEqual({ year: 1448, month: 7, day: 1 });
		expect(quarterOf('2026-11-25', 'hijri')).toEqual({ calendar: 'hijri', year: 1448, q: 2 });
		// Hijri Q3 1447 spans two Gregorian years (Dec 2025 – Mar 2026)
		const s = quarterRange({ calendar: 'hijri', year: 1447, q: 3 });
		expect(s.from.slice(0, 4)).toBe('2025');
		expect(s.to.slice(0, 4)).toBe('2026');
	});
});
