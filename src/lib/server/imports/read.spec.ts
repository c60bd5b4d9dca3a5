import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { windows1256, xlsx, xlsxParts, zip } from './fixtures';
import { MAX_UNPACKED_BYTES, readSpreadsheet, StagingStore, type FileMessages } from '.';

const messages: FileMessages = {
	tooLarge: 'tooLarge',
	fileType: 'fileType',
	legacyXls: 'legacyXls',
	unreadable: 'unreadable',
	unpackedTooLarge: 'unpackedTooLarge',
	tooManyRows: 'tooManyRows'
};
const read = (buf: Uint8Array, name = 'f.csv', maxRows = 1000) =>
	readSpreadsheet(buf, name, { maxBytes: 10_000_000, maxRows, messages });
const refusal = (buf: Uint8Array, name: string, maxRows = 1000) =>
	read(buf, name, maxRows).then(
		() => 'read',
		(e: { reason?: string }) => e.reason ?? String(e)
	);

describe('CSV', () => {
	const text = 'التاريخ;المشاهدات\r\n"٣ نوفمبر";"1,200"\r\n\r\nالإجمالي;5\r\n';
	it.each([
		['UTF-8', Buffer.from(text, 'utf8')],
		['UTF-8 with BOM', Buffer.from('\ufeff' + text, 'utf8')],
		['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
		['UTF-16BE with BOM', Buffer.from('\ufeff' + text, 'utf16le').swap16()],
		['windows-1256', windows1256(text.replace('٣', '3'))]
	])(
		'%s: decoded, delimiter found, blank lines left out, rows numbered as in Excel',
		async (_, buf) => {
			const t = await read(buf);
			expect(t.rows.map((r) => r[0])).toEqual([
				'التاريخ',
				expect.stringMatching(/^(٣|3) نوفمبر$/),
				'الإجمالي'
			]);
			expect(t.rows[0]).toEqual(['التاريخ', 'المشاهدات']);
			expect(t.rows[1][1]).toBe('1,200');
			expect(t.rowNumbers).toEqual([1, 2, 4]);
			expect(t.truncated).toBe(false);
		}
	);

	it('UTF-16 without BOM is told by its zero bytes; tabs are found as the delimiter', async () => {
		const t = await read(Buffer.from('Date\tViews\tالمدينة\r\n2025-11-01\t12\tجدة\r\n', 'utf16le'));
		expect(t.rows).toEqual([
			['Date', 'Views', 'المدينة'],
			['2025-11-01', '12', 'جدة']
		]);
	});

	it('a sep= line sets the delimiter and is not counted as a row', async () => {
		const t = await read(Buffer.from('sep=,\na;b,c\n1;2,3\n'));
		expect(t.rows).toEqual([
			['a;b', 'c'],
			['1;2', '3']
		]);
		expect(t.rowNumbers).toEqual([1, 2]);
	});

	it('stops at maxRows (truncated) and refuses files of endless empty lines', async () => {
		const t = await read(Buffer.from('a\n1\n2\n3\n'), 'f.csv', 2);
		expect(t.rows).toEqual([['a'], ['1']]);
		expect(t.truncated).toBe(true);
		expect(await refusal(Buffer.from('a\n' + ',\n'.repeat(60_000)), 'f.csv', 10)).toBe(
			'tooManyRows'
		);
	});
});

describe('what the file is', () => {
	it('is told from the bytes; names and sizes are checked first', async () => {
		expect(await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'a.xls')).toBe('legacyXls');
		expect(await refusal(Buffer.from('a,b'), 'a.xlsx')).toBe('unreadable');
		expect(await refusal(Buffer.from('PK\u0003\u0004 not a zip'), 'a.csv')).toBe('unreadable');
		expect(
			await readSpreadsheet(Buffer.from('a'), 'a.pdf', {
				maxBytes: 10,
				maxRows: 10,
				messages,
				extensions: ['.csv']
			}).catch((e) => e.reason)
		).toBe('fileType');
		expect(
			await readSpreadsheet(Buffer.alloc(11), 'a.csv', {
				maxBytes: 10,
				maxRows: 10,
				messages
			}).catch((e) => e.reason)
		).toBe('tooLarge');
	});
});

describe('XLSX', () => {
	it('reads an exceljs workbook: numbers, dates, formulas, rich text, Arabic across chunk boundaries', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('بيانات');
		ws.addRow(['الاسم', 'العدد', 'التاريخ', 'المجموع', 'ملاحظة']);
		const names = Array.from({ length: 4000 }, (_, i) => `عبدالرحمن بن سعيد الغامدي ${i}`);
		names.forEach((n, i) =>
			ws.addRow([
				n,
				i,
				new Date(Date.UTC(2025, 10, 1)),
				{ formula: `B${i + 2}*2`, result: i * 2 },
				{ richText: [{ text: 'مهم ' }, { text: 'جدًا', font: { bold: true } }] }
			])
		);
		ws.getColumn(3).numFmt = 'yyyy-mm-dd';
		const t = await read(new Uint8Array(await wb.xlsx.writeBuffer()), 'w.xlsx', 10_000);
		expect(t.rows).toHaveLength(4001);
		expect(t.rows.slice(1).map((r) => r[0])).toEqual(names);
		expect(t.rows[5]).toEqual([names[4], 4, new Date(Date.UTC(2025, 10, 1)), 8, 'مهم جدًا']);
		expect(t.rowNumbers.at(-1)).toBe(4001);
	});

	it('reads the first sheet in workbook order, with shared strings stored after it (as Excel does)', async () => {
		const parts = xlsxParts('');
		const sheet = (v: number) =>
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="3"><c r="B3" t="s"><v>${v}</v></c></row></sheetData></worksheet>`;
		const file = zip([
			parts[0],
			parts[1],
			{
				name: 'xl/workbook.xml',
				data: '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="الأولى" sheetId="2" r:id="rId2"/><sheet name="second" sheetId="1" r:id="rId1"/></sheets></workbook>'
			},
			{
				name: 'xl/_rels/workbook.xml.rels',
				data:
					'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
					'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
					'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>' +
					'<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>' +
					'</Relationships>'
			},
			{ name: 'xl/worksheets/sheet1.xml', data: sheet(0) },
			{ name: 'xl/worksheets/sheet2.xml', data: sheet(1) },
			{
				name: 'xl/strings.xml',
				data: '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>second</t></si><si><t>الأولى</t></si></sst>'
			}
		]);
		const t = await read(file, 'order.xlsx');
		expect(t.rows).toEqual([[null, 'الأولى']]);
		expect(t.rowNumbers).toEqual([3]);
	});

	it('refuses before inflating: unpacked size over the cap, too many parts', async () => {
		const bomb = xlsx([['a']], { emptyRows: 3_000_000 });
		expect(bomb.byteLength).toBeLessThan(500 * 1024);
		expect(3_000_000 * 30).toBeGreaterThan(MAX_UNPACKED_BYTES);
		expect(await refusal(bomb, 'bomb.xlsx')).toBe('unpackedTooLarge');
		const many = zip(Array.from({ length: 2001 }, (_, i) => ({ name: `x/${i}.xml`, data: '' })));
		expect(await refusal(many, 'many.xlsx')).toBe('unpackedTooLarge');
	});

	it('sizes that lie stop the inflating; empty rows count towards the scan limit', async () => {
		expect(
			await refusal(xlsx([['a']], { emptyRows: 3_000_000, claimSize: 4000 }), 'liar.xlsx')
		).toBe('unreadable');
		expect(await refusal(xlsx([['a']], { emptyRows: 100_000 }), 'empty.xlsx', 100)).toBe(
			'tooManyRows'
		);
		const t = await read(xlsx(Array.from({ length: 50 }, (_, i) => [`r${i}`])), 'cap.xlsx', 10);
		expect(t.rows).toHaveLength(10);
		expect(t.truncated).toBe(true);
	});

	it('answers other work while it reads: the event loop is never held for long', async () => {
		const file = xlsx([['a']], { emptyRows: 300_000 }); // 9 MB of XML, under the cap
		let ticks = 0;
		const timer = setInterval(() => ticks++, 1);
		const t = await read(file, 'slow.xlsx', 100_000);
		clearInterval(timer);
		expect(t.rows).toEqual([['a']]);
		expect(ticks).toBeGreaterThan(0);
	});
});

describe('StagingStore', () => {
	afterEach(() => vi.useRealTimers());

	it('keeps a value for its user only, until taken once or expired; at most N per user', () => {
		vi.useFakeTimers();
		const store = new StagingStore<string>(1000, 2);
		const a = store.put(1, 'a').id;
		expect(store.get(a, 2)).toBeNull();
		expect(store.get(a, 1)).toBe('a');
		expect(store.update(a, 2, 'x')).toBe(false);
		vi.advanceTimersByTime(900);
		expect(store.update(a, 1, 'a2')).toBe(true); // time starts again
		vi.advanceTimersByTime(900);
		expect(store.take(a, 1)).toBe('a2');
		expect(store.take(a, 1)).toBeNull();
		const b = store.put(1, 'b').id;
		const c = store.put(1, 'c').id;
		const d = store.put(1, (id) => `d:${id}`);
		expect(d.value).toBe(`d:${d.id}`);
		expect([store.get(b, 1), store.get(c, 1)]).toEqual([null, 'c']);
		vi.advanceTimersByTime(1001);
		expect(store.get(c, 1)).toBeNull();
	});
});
