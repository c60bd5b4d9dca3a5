import { describe, expect, it } from 'vitest';
import * as beneficiaries from './beneficiaries';
import { clampPage, MAX_PAGE, paged, parsePage } from './paging';
import { useTestDb } from './testing';

useTestDb();

const at = (v: string) => new URL(`http://x.test/list?q=a&page=${encodeURIComponent(v)}`);

describe('parsePage', () => {
	it('reads hostile or malformed values as page 1', () => {
		for (const v of [
			'1e308',
			'-1',
			'abc',
			'0',
			'1.5',
			'Infinity',
			'NaN',
			'',
			' ',
			'0x10',
			'+2',
			'2abc',
			'١e٣'
		])
			expect(parsePage(at(v)), v).toBe(1);
		expect(parsePage(new URL('http://x.test/list'))).toBe(1);
		expect(parsePage(null)).toBe(1);
	});

	it('reads whole numbers, Arabic-Indic and Persian digits included', () => {
		expect(parsePage(at('2'))).toBe(2);
		expect(parsePage(at('007'))).toBe(7);
		expect(parsePage(at('٣'))).toBe(3);
		expect(parsePage(at('۴'))).toBe(4);
		expect(parsePage(new URLSearchParams('page=12'))).toBe(12);
		expect(parsePage('5')).toBe(5);
	});

	it('caps huge whole numbers so an OFFSET stays a valid integer', () => {
		expect(parsePage(at('99999999'))).toBe(99_999_999);
		expect(parsePage(at('999999999999999999999'))).toBe(1); // more than 20 digits: not a page
		expect(parsePage(at('99999999999999999999'))).toBe(MAX_PAGE);
	});
});

describe('paged', () => {
	const rows = Array.from({ length: 23 }, (_, i) => i + 1);
	const run = (limit: number, offset: number) => ({
		items: rows.slice(offset, offset + limit),
		total: rows.length
	});

	it('serves the requested page', () => {
		const p = paged(2, 10, run);
		expect(p).toMatchObject({ page: 2, pages: 3 });
		expect(p.result.items[0]).toBe(11);
	});

	it('reads a page past the end as the last page', () => {
		const p = paged(99_999_999, 10, run);
		expect(p).toMatchObject({ page: 3, pages: 3 });
		expect(p.result.items).toEqual([21, 22, 23]);
	});

	it('an empty list has one (empty) page', () => {
		const p = paged(5, 10, () => ({ items: [], total: 0 }));
		expect(p).toMatchObject({ page: 1, pages: 1 });
	});

	it('never passes a bad number on', () => {
		for (const bad of [NaN, -1, 0, Infinity, 1e308, 1.5]) {
			const p = paged(bad, 10, run);
			expect(p.page, String(bad)).toBe(1);
		}
	});

	it('clampPage keeps a page inside [1, pages]', () => {
		expect(clampPage(0, 23, 10)).toBe(1);
		expect(clampPage(7, 23, 10)).toBe(3);
		expect(clampPage(2, 0, 10)).toBe(1);
	});

	it('runs a real SQL list with the parsed page (1e308 once made SQLite throw)', () => {
		for (let i = 0; i < 3; i++)
			beneficiaries.create({ id: null }, {
				name: `مستفيد تجربة ${i}`,
				mobile: `05510000${10 + i}`,
				email: null,
				gender: null,
				ageBand: null,
				city: null,
				locale: 'ar',
				preferredChannel: 'sms',
				consentContact: true
			} as never);
		for (const v of ['1e308', 'Infinity', '99999999']) {
			const p = paged(parsePage(at(v)), 2, (limit, offset) =>
				beneficiaries.search('', { limit, offset })
			);
			expect(p.result.items.length, v).toBeGreaterThan(0);
		}
		expect(() => beneficiaries.search('', { limit: 2, offset: (1e308 - 1) * 2 })).toThrow();
	});
});
