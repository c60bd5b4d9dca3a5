import { describe, expect, it } from 'vitest';
import { csv, safeCell } from './spreadsheet';

describe('csv exports', () => {
	it('quote every field, empty and numeric ones too', () => {
		const out = csv([
			['id', 'score', 'comment', 'note'],
			[1, 4.5, 'plain', null],
			[2, 0, 'a, b "c"\nd', '']
		]);
		expect(out.startsWith('\uFEFF')).toBe(true);
		const lines = out.slice(1).split('\r\n');
		expect(lines[0]).toBe('"id","score","comment","note"');
		expect(lines[1]).toBe('"1","4.5","plain",""');
		// Quotes doubled, the newline kept inside the quoted field.
		expect(lines[2]).toBe('"2","0","a, b ""c""\nd",""');
		// Every record has exactly as many quoted fields as the header.
		for (const line of [lines[0], lines[1]])
			expect(line.split(',').every((f) => /^".*"$/.test(f))).toBe(true);
	});

	it('still neutralise formula cells inside the quotes', () => {
		const out = csv([
			['x'],
			['=HYPERLINK("http://evil.example","x")'],
			['+1'],
			['-2'],
			['@SUM(A1)']
		]);
		const lines = out.slice(1).split('\r\n');
		expect(lines.slice(1, 5)).toEqual([
			'"\'=HYPERLINK(""http://evil.example"",""x"")"',
			'"\'+1"',
			'"\'-2"',
			'"\'@SUM(A1)"'
		]);
		expect(safeCell(-2)).toBe(-2); // numbers are numbers (XLSX keeps them numeric)
	});
});
