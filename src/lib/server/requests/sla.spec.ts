import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	dueAt,
	elapsedDays,
	isWorkingDay,
	normaliseHolidays,
	slaSettingsSchema,
	slaStatus,
	type SlaSettings
} from './sla';
import * as dates from '../../dates';

/** The association's zone in these specs is the default, Riyadh. */
const localDate = (d: Date, tz = 'Asia/Riyadh') => dates.localDate(d, tz);
const tzOffsetMs = (t: number, tz = 'Asia/Riyadh') => dates.tzOffsetMs(t, tz);

/** A Riyadh wall-clock time as an instant (Riyadh is UTC+3, no DST). */
const riyadh = (local: string) => new Date(`${local}+03:00`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const calendar14: SlaSettings = { days: 14, mode: 'calendar', holidays: [] };
const working14: SlaSettings = { days: 14, mode: 'working', holidays: [] };

describe('localDate', () => {
	it('is DST-free Riyadh time: 21:30 UTC is already the next local day', () => {
		expect(localDate(new Date('2026-03-10T21:30:00Z'))).toBe('2026-03-11');
		expect(localDate(new Date('2026-03-10T20:59:59.999Z'))).toBe('2026-03-10');
		expect(localDate(new Date('2026-03-10T21:00:00Z'))).toBe('2026-03-11');
		// Same offset in summer and winter.
		expect(localDate(new Date('2026-07-10T21:30:00Z'))).toBe('2026-07-11');
		expect(tzOffsetMs(Date.parse('2026-01-01T00:00:00Z'))).toBe(3 * HOUR);
		expect(tzOffsetMs(Date.parse('2026-07-01T00:00:00Z'))).toBe(3 * HOUR);
	});

	it('uses Intl for other zones', () => {
		expect(localDate(new Date('2026-03-10T21:30:00Z'), 'UTC')).toBe('2026-03-10');
		expect(localDate(new Date('2026-03-10T04:30:00Z'), 'America/New_York')).toBe('2026-03-10');
		expect(localDate(new Date('2026-03-10T03:30:00Z'), 'America/New_York')).toBe('2026-03-09');
		expect(tzOffsetMs(Date.parse('2026-07-01T12:00:00Z'), 'Europe/London')).toBe(HOUR);
	});
});

describe('dueAt — calendar mode', () => {
	it('is received + N × 24 h (same Riyadh clock time N days later)', () => {
		const received = riyadh('2026-11-26T20:00:00');
		const due = dueAt(received, calendar14);
		expect(due.toISOString()).toBe('2026-12-10T17:00:00.000Z');
		expect(due.getTime() - received.getTime()).toBe(14 * DAY);
	});

	it('ignores weekends and holidays', () => {
		const s: SlaSettings = { ...calendar14, holidays: ['2026-12-01', '2026-12-02'] };
		expect(dueAt(riyadh('2026-11-27T10:00:00'), s).toISOString()).toBe('2026-12-11T07:00:00.000Z');
	});

	it('keeps the local clock time across a DST change in another zone', () => {
		const s: SlaSettings = { days: 14, mode: 'calendar', holidays: [], timeZone: 'Europe/London' };
		// 2026-03-20 10:00 GMT → 2026-04-03 10:00 BST (= 09:00 UTC).
		expect(dueAt(new Date('2026-03-20T10:00:00Z'), s).toISOString()).toBe(
			'2026-04-03T09:00:00.000Z'
		);
	});

	it('property: Riyadh calendar due is always exactly N days later', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
				fc.integer({ min: 1, max: 90 }),
				(d, n) =>
					dueAt(d, { days: n, mode: 'calendar', holidays: [] }).getTime() - d.getTime() === n * DAY
			)
		);
	});
});

describe('dueAt — working mode', () => {
	it('Thursday 20:00 receipt: counting starts Sunday; day 14 is Wed 2026-12-16, due at its end', () => {
		const due = dueAt(riyadh('2026-11-26T20:00:00'), working14);
		expect(localDate(due)).toBe('2026-12-16');
		expect(due.toISOString()).toBe('2026-12-16T20:59:59.999Z'); // 23:59:59.999 Riyadh
	});

	it('a holiday on a working day inside the range moves it one working day later', () => {
		const due = dueAt(riyadh('2026-11-26T20:00:00'), { ...working14, holidays: ['2026-12-02'] });
		expect(due.toISOString()).toBe('2026-12-17T20:59:59.999Z');
		// A holiday on a weekend day changes nothing.
		const due2 = dueAt(riyadh('2026-11-26T20:00:00'), { ...working14, holidays: ['2026-12-04'] });
		expect(due2.toISOString()).toBe('2026-12-16T20:59:59.999Z');
	});

	it('the time of day does not matter: Thursday 00:00 and 23:59 give the same due', () => {
		const a = dueAt(riyadh('2026-11-26T00:00:00'), working14);
		const b = dueAt(riyadh('2026-11-26T23:59:59'), working14);
		expect(a.getTime()).toBe(b.getTime());
	});

	it('Friday receipt: the clock starts on Sunday, so it ends with the Thursday receipt', () => {
		const fri = dueAt(riyadh('2026-11-27T09:00:00'), working14);
		const sat = dueAt(riyadh('2026-11-28T22:00:00'), working14);
		expect(fri.toISOString()).toBe('2026-12-16T20:59:59.999Z');
		expect(sat.toISOString()).toBe('2026-12-16T20:59:59.999Z');
	});

	it('Sunday receipt: Monday is day 1', () => {
		const due = dueAt(riyadh('2026-11-29T08:00:00'), { ...working14, days: 1 });
		expect(localDate(due)).toBe('2026-11-30');
		const due5 = dueAt(riyadh('2026-11-29T08:00:00'), { ...working14, days: 5 });
		expect(localDate(due5)).toBe('2026-12-06'); // Mon, Tue, Wed, Thu, (weekend), Sun
	});

	it('an instant at 21:30 UTC on Thursday is Friday in Riyadh', () => {
		// 2026-11-26T21:30Z = Fri 2026-11-27 00:30 Riyadh → same as a Friday receipt.
		const due = dueAt(new Date('2026-11-26T21:30:00Z'), { ...working14, days: 1 });
		expect(localDate(due)).toBe('2026-11-29');
		// One hour earlier is still Thursday → day 1 is also Sunday.
		const due2 = dueAt(new Date('2026-11-26T20:30:00Z'), { ...working14, days: 1 });
		expect(localDate(due2)).toBe('2026-11-29');
		// Wednesday 21:30 UTC is Thursday in Riyadh → day 1 is Sunday, not Thursday.
		const due3 = dueAt(new Date('2026-11-25T21:30:00Z'), { ...working14, days: 1 });
		expect(localDate(due3)).toBe('2026-11-29');
		const due4 = dueAt(new Date('2026-11-25T20:30:00Z'), { ...working14, days: 1 });
		expect(localDate(due4)).toBe('2026-11-26');
	});

	it('Eid al-Adha 1448 holidays typed by an admin push the due date past the break', () => {
		// Received Wed 2027-05-05. Without holidays day 14 is Tue 2027-05-25.
		const received = riyadh('2027-05-05T10:00:00');
		expect(localDate(dueAt(received, working14))).toBe('2027-05-25');
		// Eid break Sat 15 → Wed 19 May 2027 typed in Arabic-Indic digits, with slashes, as a range…
		const typed = ['٢٠٢٧-٠٥-١٥', '2027/5/16', ' 2027-05-17 ', '2027-05-18..2027-05-19'];
		const s: SlaSettings = { ...working14, holidays: typed };
		expect(normaliseHolidays(typed).valid).toEqual([
			'2027-05-15',
			'2027-05-16',
			'2027-05-17',
			'2027-05-18',
			'2027-05-19'
		]);
		// 4 working days (Sun–Wed) are lost → day 14 is Mon 2027-05-31.
		expect(dueAt(received, s).toISOString()).toBe('2027-05-31T20:59:59.999Z');
	});

	it('a request received during a holiday starts after it', () => {
		const s: SlaSettings = { ...working14, days: 1, holidays: ['2027-05-15..2027-05-19'] };
		expect(localDate(dueAt(riyadh('2027-05-16T09:00:00'), s))).toBe('2027-05-20');
		expect(localDate(dueAt(riyadh('2027-05-14T09:00:00'), s))).toBe('2027-05-20');
	});

	it('rejects nonsense settings', () => {
		expect(() => dueAt(new Date(), { ...working14, days: 0 })).toThrow(RangeError);
		expect(() => dueAt(new Date(), { ...working14, days: 1.5 })).toThrow(RangeError);
		expect(() => dueAt(new Date('x'), working14)).toThrow(RangeError);
		expect(() => dueAt(new Date(), { ...working14, weekend: [0, 1, 2, 3, 4, 5, 6] })).toThrow(
			RangeError
		);
		expect(slaSettingsSchema.safeParse({ days: 14, mode: 'working', holidays: [] }).success).toBe(
			true
		);
		expect(slaSettingsSchema.safeParse({ days: 0, mode: 'working', holidays: [] }).success).toBe(
			false
		);
	});

	it('property: due is the end of a working day, after receipt, with exactly N working days', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('2024-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
				fc.integer({ min: 1, max: 40 }),
				(d, n) => {
					const s: SlaSettings = {
						days: n,
						mode: 'working',
						holidays: ['2027-05-16', '2026-09-23']
					};
					const due = dueAt(d, s);
					const day = localDate(due);
					return (
						due > d &&
						isWorkingDay(day, s) &&
						localDate(new Date(due.getTime() + 1)) !== day &&
						elapsedDays(d, due, s) === n
					);
				}
			)
		);
	});
});

describe('elapsedDays', () => {
	it('calendar: fractional days', () => {
		const from = riyadh('2026-11-26T20:00:00');
		expect(elapsedDays(from, new Date(from.getTime() + 36 * HOUR), calendar14)).toBe(1.5);
		expect(elapsedDays(from, from, calendar14)).toBe(0);
		expect(elapsedDays(from, new Date(from.getTime() - HOUR), calendar14)).toBe(0);
	});

	it('working: whole working days after the receipt day', () => {
		const thu = riyadh('2026-11-26T20:00:00');
		expect(elapsedDays(thu, riyadh('2026-11-26T23:00:00'), working14)).toBe(0);
		expect(elapsedDays(thu, riyadh('2026-11-28T12:00:00'), working14)).toBe(0); // Saturday
		expect(elapsedDays(thu, riyadh('2026-11-29T08:00:00'), working14)).toBe(1); // Sunday
		expect(elapsedDays(thu, riyadh('2026-12-03T08:00:00'), working14)).toBe(5);
		expect(
			elapsedDays(thu, riyadh('2026-12-03T08:00:00'), { ...working14, holidays: ['2026-11-30'] })
		).toBe(4);
	});
});

describe('slaStatus', () => {
	const received = riyadh('2026-11-26T20:00:00');
	const due = new Date('2026-12-16T20:59:59.999Z'); // working mode, see above

	it('met / breached once decided (the due instant itself is on time)', () => {
		expect(slaStatus(received, due, due, working14)).toEqual({
			dueAt: due,
			state: 'met',
			daysLeft: 0
		});
		const late = new Date(due.getTime() + 1);
		expect(slaStatus(received, late, late, working14)).toMatchObject({
			state: 'breached',
			daysLeft: -1
		});
		const early = riyadh('2026-12-01T09:00:00');
		const st = slaStatus(received, early, riyadh('2027-01-01T00:00:00'), working14);
		expect(st.state).toBe('met');
		expect(st.daysLeft).toBe(16); // 15 days 14:59:59.999 → rounds up
	});

	it('open → dueSoon exactly at 3 days left → overdue just after due', () => {
		const at = (ms: number) => slaStatus(received, null, new Date(due.getTime() - ms), working14);
		expect(at(3 * DAY + 1)).toMatchObject({ state: 'open', daysLeft: 4 });
		expect(at(3 * DAY)).toMatchObject({ state: 'dueSoon', daysLeft: 3 });
		expect(at(2 * DAY + 1)).toMatchObject({ state: 'dueSoon', daysLeft: 3 });
		expect(at(HOUR)).toMatchObject({ state: 'dueSoon', daysLeft: 1 });
		expect(at(0)).toMatchObject({ state: 'dueSoon', daysLeft: 0 });
		expect(at(-1)).toMatchObject({ state: 'overdue', daysLeft: -1 });
		expect(at(-DAY - 1)).toMatchObject({ state: 'overdue', daysLeft: -2 });
	});

	it('calendar mode boundaries', () => {
		const r = riyadh('2026-11-01T10:00:00');
		const dueC = new Date(r.getTime() + 14 * DAY);
		expect(slaStatus(r, null, new Date(r.getTime() + 11 * DAY), calendar14).state).toBe('dueSoon');
		expect(slaStatus(r, null, new Date(r.getTime() + 11 * DAY - 1), calendar14).state).toBe('open');
		expect(slaStatus(r, null, new Date(r.getTime() + 15 * DAY), calendar14)).toMatchObject({
			dueAt: dueC,
			state: 'overdue',
			daysLeft: -1
		});
	});
});

describe('due date shown in both calendars ($lib/dates)', () => {
	it('Thursday-evening receipt in working mode: due Wed 16 Dec 2026 = 7 Rajab 1448 (Umm al-Qura), displayed in Riyadh time', async () => {
		const { dualDate, hijri, hijriOf, gregorianOfHijri, gregorian } = dates;
		const tz = 'Asia/Riyadh';
		const due = dueAt(new Date('2026-11-26T17:00:00Z'), {
			days: 14,
			mode: 'working',
			holidays: []
		});
		expect(due.toISOString()).toBe('2026-12-16T20:59:59.999Z');
		// 20:59 UTC is 23:59 in Riyadh: still the 16th locally, whatever the server's zone.
		expect(dates.localDate(due, tz)).toBe('2026-12-16');
		expect(gregorian(due, 'en', tz)).toBe('16 December 2026');
		expect(hijri(due, 'en', tz)).toMatch(/^7 Rajab 1448/);
		expect(hijri(due, 'ar', tz)).toMatch(/^7 رجب 1448/);
		expect(hijriOf('2026-12-16')).toEqual({ year: 1448, month: 7, day: 7 });
		expect(gregorianOfHijri({ year: 1448, month: 7, day: 7 })).toBe('2026-12-16');
		expect(dualDate(due, 'ar', tz, 'hijri').primary).toBe(hijri(due, 'ar', tz));
	});
});
