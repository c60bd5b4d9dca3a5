import { describe, expect, it } from 'vitest';
import { catalogs, duplicateKeys } from './catalog';

describe('i18n catalogs', () => {
	it('Arabic and English have exactly the same keys', () => {
		const ar = Object.keys(catalogs.ar).sort();
		const en = Object.keys(catalogs.en).sort();
		expect(en).toEqual(ar);
	});
	it('no two domain files define the same key', () => {
		expect(duplicateKeys()).toEqual([]);
	});
	it('no message is empty, and placeholders match between languages', () => {
		const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
		for (const [k, v] of Object.entries(catalogs.ar)) {
			const e = (catalogs.en as Record<string, string>)[k];
			expect(v.trim(), k).not.toBe('');
			expect(e.trim(), k).not.toBe('');
			expect(ph(e), k).toBe(ph(v));
		}
	});
});
