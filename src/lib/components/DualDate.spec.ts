import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';

/** The page data the root layout sends: the locale and the association's time zone. */
const data = vi.hoisted(() => ({ locale: 'en', timeZone: 'Asia/Riyadh' }));
vi.mock('$app/state', () => ({ page: { data } }));

const { default: DualDate } = await import('./DualDate.svelte');
const html = (props: { date: Date | string; prefer?: 'gregorian' | 'hijri' }) =>
	render(DualDate, { props }).body;

describe("DualDate shows dates on the association's clock", () => {
	it("an instant falls on its local day in the association's zone", () => {
		const late = new Date('2026-11-25T22:30:00Z'); // 01:30 on the 26th in Riyadh
		data.timeZone = 'Asia/Riyadh';
		expect(html({ date: late })).toContain('26 November 2026');
		data.timeZone = 'America/New_York';
		expect(html({ date: late })).toContain('25 November 2026');
		expect(html({ date: late, prefer: 'hijri' })).toMatch(
			/15 Jumada II 1448[^<]*<\/span><small>25 November 2026/
		);
	});
	it('a local date is that day in every zone', () => {
		for (const tz of ['Asia/Riyadh', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
			data.timeZone = tz;
			expect(html({ date: '2026-11-25' })).toContain('25 November 2026');
		}
	});
});
