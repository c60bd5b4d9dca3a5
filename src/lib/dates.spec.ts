import { tzOffset } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	addDays,
	addLocalDays,
	addMonths,
	addYears,
	dateTime,
	daysBetween,
	dualDate,
	gregorian,
	gregorianOfHijri,
	hijri,
	hijriOf,
	instantAt,
	isIsoDate,
	isoDateOf,
	isTimeZone,
	localDate,
	localDateTimeInput,
	localHour,
	localParts,
	monthRange,
	nextQuarter,
	parseLocalDateTime,
	quarterOf,
	quarterRange,
	readDate,
	startOfLocalDay,
	time,
	toLatinDigits,
	tzOffsetMs,
	weekdayOf,
	yearStart,
	type Calendar
} from './dates';

const HOUR = 3_600_000;
/** Zones with and without DST, whole and half-hour offsets, both hemispheres. */
const ZONES = [
	'Asia/Riyadh',
	'UTC',
	'Asia/Kolkata',
	'America/New_York',
	'Europe/London',
	'America/Santiago',
	'Australia/Lord_Howe',
	'Pacific/Kiritimati'
];
const zone = fc.constantFrom(...ZONES);
/** Instants between 1990 and 2060. */
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
/** Local dates between 1950 and 2070 (inside Umm al-Qura's table). */
const isoDay = fc
	.integer({ min: 0, max: 120 * 366 })
	.map((n) => new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const calendar = fc.constantFrom<Calendar>('gregorian', 'hijri');

/** Days in a Gregorian month, by the leap-year rule (independent of Date). */
const daysIn = (y: number, m: number) =>
	m === 2
		? (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
			? 29
			: 28
		: [4, 6, 9, 11].includes(m)
			? 30
			: 31;

describe('toLatinDigits (the one digit normaliser)', () => {
	it('maps Arabic-Indic and Persian digits to Latin and leaves everything else', () => {
		expect(toLatinDigits('٢٠٢٦-١١-٢٥')).toBe('2026-11-25');
		expect(toLatinDigits('۲۰۲۶/۱۱/۲۵')).toBe('2026/11/25');
		expect(toLatinDigits('Q٣ ۱۴۴۸ abc')).toBe('Q3 1448 abc');
	});
	it('round-trips any Latin number written in mixed Eastern digits', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom(0x30, 0x660, 0x6f0))),
				(digits) => {
					const eastern = digits.map(([d, base]) => String.fromCharCode(base + d)).join('');
					expect(toLatinDigits(eastern)).toBe(digits.map(([d]) => d).join(''));
				}
			)
		);
	});
	it('changes nothing in text without Eastern digits', () => {
		fc.assert(
			fc.property(fc.string(), (s) => {
				const clean = s.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, '');
				expect(toLatinDigits(clean)).toBe(clean);
			})
		);
	});
});

describe('isIsoDate (the one strict date validator)', () => {
	it('refuses days that do not exist and loose spellings', () => {
		for (const bad of [
			'2025-02-31',
			'2025-02-29',
			'2025-04-31',
			'2025-13-01',
			'2025-00-10',
			'2025-01-00',
			'2026-1-5',
			' 2026-01-05',
			'2026-01-05T00:00',
			'٢٠٢٦-٠١-٠٥',
			'0000-01-01',
			'',
			null,
			20260105
		])
			expect(isIsoDate(bad), String(bad)).toBe(false);
		for (const good of ['2024-02-29', '2000-02-29', '2026-12-31', '1448-06-15'])
			expect(isIsoDate(good), good).toBe(true);
	});
	it('agrees with the leap-year rule for every year, month and day', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 100, max: 9999 }),
				fc.integer({ min: 0, max: 99 }),
				fc.integer({ min: 0, max: 99 }),
				(y, m, d) => {
					const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
					const real = m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
					expect(isIsoDate(s)).toBe(real);
					expect(isoDateOf(y, m, d)).toBe(real ? s : null);
				}
			),
			{ numRuns: 2000 }
		);
	});
	it('readDate takes what a person types, and nothing that is not a day', () => {
		expect(readDate('٢٠٢٦/١/٥')).toBe('2026-01-05');
		expect(readDate(' 2026 . 12 . 31 ')).toBe('2026-12-31');
		expect(readDate('\u200f۱۴۰۲-۰۲-۰۱')).toBe('1402-02-01');
		expect(readDate('2025/2/31')).toBeNull();
		expect(readDate('31/12/2026')).toBeNull();
	});
	it('isTimeZone', () => {
		expect(isTimeZone('Asia/Riyadh')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
		expect(isTimeZone('')).toBe(false);
		expect(() => tzOffsetMs(0, 'Mars/Olympus')).toThrow(RangeError);
	});
});

describe('zoned local dates and times', () => {
	it('Riyadh is UTC+3 all year: 21:00 UTC starts the next local day', () => {
		const tz = 'Asia/Riyadh';
		expect(localDate(new Date('2026-11-25T21:30:00Z'), tz)).toBe('2026-11-26');
		expect(localDate(new Date('2026-06-25T20:59:00Z'), tz)).toBe('2026-06-25');
		expect(startOfLocalDay('2026-11-26', tz).toISOString()).toBe('2026-11-25T21:00:00.000Z');
		expect(tzOffsetMs(Date.parse('2026-01-01T00:00:00Z'), tz)).toBe(3 * HOUR);
		expect(tzOffsetMs(Date.parse('2026-07-01T00:00:00Z'), tz)).toBe(3 * HOUR);
		expect(localHour(new Date('2026-11-25T06:00:00Z'), tz)).toBe(9);
		expect(localParts(new Date('2026-11-26T17:00:00Z'), tz)).toMatchObject({
			date: '2026-11-26',
			hour: 20,
			weekday: 4
		});
	});
	it('the kept quarter hour of steady offset gives what Intl gives, across DST changes too', () => {
		const zones = ['Asia/Riyadh', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'];
		// each zone's 2026 changes (Lord Howe moves by 30 minutes), and instants either side
		const changes = [
			'2026-03-08T07:00:00Z',
			'2026-11-01T06:00:00Z',
			'2026-03-29T01:00:00Z',
			'2026-10-25T01:00:00Z',
			'2026-04-04T15:00:00Z',
			'2026-10-03T15:30:00Z',
			// Riyadh left its local mean time (+03:06:52) in the middle of a quarter hour
			'1947-03-13T20:53:08Z'
		].map(Date.parse);
		const intl = (t: number, tz: string) => Math.round(tzOffset(tz, new Date(t)) * 60_000);
		for (const tz of zones)
			for (const c of changes)
				// walking across the change forwards, then backwards, minute by minute, each
				// instant twice: the walks read the spans they keep
				for (const step of [59_999, -59_999])
					for (let i = 0; i <= 41; i++) {
						const t = c - 20 * 60_000 * Math.sign(step) + i * step;
						for (const at of [t, t + 1, t - 1, t])
							expect(tzOffsetMs(at, tz), `${tz} ${new Date(at).toISOString()}`).toBe(intl(at, tz));
					}
	});
	it('other zones follow their own offsets and DST', () => {
		expect(localDate(new Date('2026-03-10T03:30:00Z'), 'America/New_York')).toBe('2026-03-09');
		expect(tzOffsetMs(Date.parse('2026-07-01T12:00:00Z'), 'Europe/London')).toBe(HOUR);
		expect(tzOffsetMs(Date.parse('2026-01-01T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
		// Midnight does not exist in Santiago when DST starts: the day begins at 01:00.
		expect(startOfLocalDay('2026-09-06', 'America/Santiago').toISOString()).toBe(
			'2026-09-06T04:00:00.000Z'
		);
		// The same wall clock 14 days later across London's spring change.
		expect(addLocalDays(new Date('2026-03-20T10:00:00Z'), 14, 'Europe/London').toISOString()).toBe(
			'2026-04-03T09:00:00.000Z'
		);
		expect(addLocalDays(new Date('2026-11-26T17:00:00Z'), 14, 'Asia/Riyadh').getTime()).toBe(
			Date.parse('2026-11-26T17:00:00Z') + 14 * 24 * HOUR
		);
	});
	it('every instant lies in its local day: [startOfLocalDay(d), startOfLocalDay(d + 1))', () => {
		fc.assert(
			fc.property(instant, zone, (t, tz) => {
				const d = localDate(t, tz);
				expect(startOfLocalDay(d, tz).getTime()).toBeLessThanOrEqual(t);
				expect(startOfLocalDay(addDays(d, 1), tz).getTime()).toBeGreaterThan(t);
			}),
			{ numRuns: 500 }
		);
	});
	it('localDate(startOfLocalDay(d)) = d, and the instant before it is the day before', () => {
		fc.assert(
			fc.property(isoDay, zone, (d, tz) => {
				const start = startOfLocalDay(d, tz).getTime();
				expect(localDate(start, tz)).toBe(d);
				expect(localDate(start - 1, tz)).toBe(addDays(d, -1));
			}),
			{ numRuns: 500 }
		);
	});
	it('datetime-local values round-trip through parseLocalDateTime', () => {
		fc.assert(
			fc.property(instant, zone, (t, tz) => {
				const input = localDateTimeInput(t, tz);
				const back = parseLocalDateTime(input, tz)!;
				expect(localDateTimeInput(back, tz)).toBe(input);
				expect(Math.abs(back.getTime() - t)).toBeLessThan(60_000 + 2 * HOUR); // same minute, or a DST overlap
			}),
			{ numRuns: 500 }
		);
		expect(parseLocalDateTime('٢٠٢٦-١١-٢٦T٢٠:٠٠', 'Asia/Riyadh')?.toISOString()).toBe(
			'2026-11-26T17:00:00.000Z'
		);
		expect(parseLocalDateTime('2025-02-31T10:00', 'Asia/Riyadh')).toBeNull();
		expect(parseLocalDateTime('2026-01-01T24:00', 'Asia/Riyadh')).toBeNull();
		expect(() => instantAt('2025-02-31', 'Asia/Riyadh')).toThrow(RangeError);
	});
});

describe('day arithmetic on local dates', () => {
	it('addDays and daysBetween are inverse; a week keeps the weekday', () => {
		fc.assert(
			fc.property(isoDay, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
				const e = addDays(d, n);
				expect(isIsoDate(e)).toBe(true);
				expect(daysBetween(d, e)).toBe(n);
				expect(addDays(e, -n)).toBe(d);
				expect(weekdayOf(addDays(d, 7 * (n % 50)))).toBe(weekdayOf(d));
			})
		);
		expect(weekdayOf('2026-11-27')).toBe(5); // a Friday
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
	});
	it('addMonths and addYears clamp to the month end', () => {
		expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
		expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
		expect(addYears('2024-02-29', -1, 'gregorian')).toBe('2023-02-28');
		fc.assert(
			fc.property(isoDay, fc.integer({ min: -240, max: 240 }), (d, n) => {
				const e = addMonths(d, n);
				expect(isIsoDate(e)).toBe(true);
				expect(Number(e.slice(8))).toBeLessThanOrEqual(Number(d.slice(8)));
			})
		);
	});
});

describe('Hijri (Umm al-Qura)', () => {
	it('2026-11-25 is 15 Jumada II 1448', () => {
		expect(hijriOf('2026-11-25')).toEqual({ year: 1448, month: 6, day: 15 });
		expect(gregorianOfHijri({ year: 1448, month: 6, day: 15 })).toBe('2026-11-25');
	});
	it('gregorianOfHijri(hijriOf(d)) = d', () => {
		fc.assert(
			fc.property(isoDay, (d) => {
				expect(gregorianOfHijri(hijriOf(d))).toBe(d);
			}),
			{ numRuns: 300 }
		);
	});
	it('a Hijri year later is the same Hijri day, clamped to a 29-day month', () => {
		fc.assert(
			fc.property(isoDay, fc.integer({ min: -3, max: 3 }), (d, n) => {
				const h = hijriOf(d);
				const e = hijriOf(addYears(d, n, 'hijri'));
				expect([e.year, e.month]).toEqual([h.year + n, h.month]);
				expect(e.day === h.day || (h.day === 30 && e.day === 29)).toBe(true);
			}),
			{ numRuns: 100 }
		);
	});
});

describe('months and quarters as [from, to) in either calendar', () => {
	it('the Hijri year starts on 1 Muharram', () => {
		expect(yearStart('2026-11-25', 'hijri')).toBe(
			gregorianOfHijri({ year: 1448, month: 1, day: 1 })
		);
		expect(yearStart('2026-11-25', 'gregorian')).toBe('2026-01-01');
	});
	it('every date lies in its quarter and month; quarters tile the calendar', () => {
		fc.assert(
			fc.property(isoDay, calendar, (d, cal) => {
				const q = quarterOf(d, cal);
				const r = quarterRange(q);
				expect(r.from <= d && d < r.to).toBe(true);
				expect(quarterOf(r.from, cal)).toEqual(q);
				expect(quarterRange(nextQuarter(q)).from).toBe(r.to);
				const len = daysBetween(r.from, r.to);
				expect(len).toBeGreaterThanOrEqual(cal === 'gregorian' ? 90 : 87);
				expect(len).toBeLessThanOrEqual(cal === 'gregorian' ? 92 : 90);
				const m = monthRange(d, cal);
				expect(m.from <= d && d < m.to && r.from <= m.from && m.to <= r.to).toBe(true);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('formatting in the association zone', () => {
	it('Gregorian and Hijri, both languages, Latin digits', () => {
		const d = new Date('2026-11-25T09:00:00Z');
		expect(gregorian(d, 'en', 'Asia/Riyadh')).toBe('25 November 2026');
		expect(hijri(d, 'en', 'Asia/Riyadh')).toMatch(/^15 Jumada II 1448/);
		expect(hijri(d, 'ar', 'Asia/Riyadh')).toMatch(/^15 جمادى الآخرة 1448/);
		expect(gregorian(d, 'ar', 'Asia/Riyadh')).toMatch(/^25 نوفمبر 2026/);
		expect(dualDate(d, 'ar', 'Asia/Riyadh', 'hijri').primary).toBe(hijri(d, 'ar', 'Asia/Riyadh'));
	});
	it('an instant is shown on its local day in the zone given', () => {
		const late = new Date('2026-11-25T22:00:00Z');
		expect(gregorian(late, 'en', 'Asia/Riyadh')).toBe('26 November 2026');
		expect(gregorian(late, 'en', 'UTC')).toBe('25 November 2026');
		expect(time(late, 'en', 'Asia/Riyadh')).toBe('01:00');
		expect(time(late, 'en', 'Europe/London')).toBe('22:00');
		expect(dateTime(late, 'en', 'America/New_York')).toBe('25 Nov 2026 17:00');
	});
	it('a local date is shown as that day whatever the zone', () => {
		fc.assert(
			fc.property(isoDay, zone, (d, tz) => {
				expect(gregorian(d, 'en', tz)).toBe(gregorian(d, 'en', 'UTC'));
				expect(hijri(d, 'en', tz)).toBe(hijri(d, 'en', 'UTC'));
			}),
			{ numRuns: 100 }
		);
		expect(gregorian('2026-11-25', 'en', 'America/Los_Angeles')).toBe('25 November 2026');
		expect(gregorian('2026-11-25', 'en', 'Pacific/Kiritimati')).toBe('25 November 2026');
	});
});
