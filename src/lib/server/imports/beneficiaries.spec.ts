import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import * as beneficiaries from '../beneficiaries';
import * as imp from './beneficiaries';
import { catalogs } from '$lib/i18n/catalog';
import { windows1256, xlsx } from './fixtures';

const ctx = useTestDb();
const enc = (s: string) => new TextEncoder().encode(s);

describe('beneficiary import', () => {
	it('understands Arabic headers and Arabic-Indic digits, reports bad rows with row and column', async () => {
		beneficiaries.create(
			{ id: null },
			{ name: 'موجود', mobile: '0559990000', consentContact: true }
		);
		const csv = [
			'\ufeffالاسم,الجوال,البريد الإلكتروني,الجنس,الفئة العمرية,المدينة,اللغة,قناة التواصل,الموافقة',
			'سارة أحمد,٠٥٥١٢٣٤٥٦٧,sara@example.org,أنثى,٣٠–٤٤,الرياض,العربية,واتساب,نعم',
			'Omar,+966551112233,,ذكر,25,جدة,English,SMS,yes',
			'خالد,12345,,ذكر,,,,,نعم',
			'مكرر,0551234567,,,,,,,',
			'قديم,0559990000,,,,,,,',
			'ليلى,0551239999,,غير ذلك,,,,,نعم'
		].join('\n');
		const p = imp.check(await imp.readTable(enc(csv), 'people.csv'));
		expect(p.valid.map((v) => v.row)).toEqual([2, 3]);
		expect(p.valid[0].input).toMatchObject({
			mobile: '+966551234567',
			gender: 'female',
			ageBand: '30_44',
			preferredChannel: 'whatsapp',
			consentContact: true,
			locale: 'ar'
		});
		expect(p.valid[1].input).toMatchObject({
			ageBand: '18_29',
			locale: 'en',
			consentContact: true
		});
		expect(p.errors).toEqual([
			{ row: 4, column: 'mobile', reason: 'import.err.mobile' },
			{ row: 5, column: 'mobile', reason: 'import.err.duplicateInFile?row=2' },
			{ row: 6, column: 'mobile', reason: 'import.err.duplicateExisting' },
			{
				row: 7,
				column: 'gender',
				reason: 'import.err.choice?value=%D8%BA%D9%8A%D8%B1+%D8%B0%D9%84%D9%83'
			}
		]);
		const before = (
			ctx.db.$client.prepare('select count(*) n from beneficiary').get() as { n: number }
		).n;
		const ids = imp.commit({ id: null }, p, null);
		expect(ids).toHaveLength(2);
		expect(
			(ctx.db.$client.prepare('select count(*) n from beneficiary').get() as { n: number }).n
		).toBe(before + 2);
		expect(beneficiaries.findByMobile('0551234567')).toBe(ids[0]);
	});

	it('reads XLSX and refuses missing columns, wrong types and big files', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('x');
		ws.addRow(['Name', 'Mobile']);
		ws.addRow(['Huda', '0557778888']);
		const buf = new Uint8Array(await wb.xlsx.writeBuffer());
		const p = imp.check(await imp.readTable(buf, 'list.xlsx'));
		expect(p.valid).toHaveLength(1);
		await expect(imp.readTable(enc('a'), 'x.pdf')).rejects.toThrow('import.err.fileType');
		await expect(imp.readTable(new Uint8Array(imp.MAX_BYTES + 1), 'x.csv')).rejects.toThrow(
			'import.err.fileSize'
		);
		expect(() => imp.check([['الاسم'], ['x']])).toThrow(/missingColumns/);
	});

	it('reads an Arabic "ANSI" CSV (windows-1256, as Excel saves "CSV" on Arabic Windows)', async () => {
		const bytes = windows1256(
			'الاسم,الجوال,المدينة,الموافقة\r\nسارة أحمد,0551230001,الرياض,نعم\r\nعبدالله,0551230002,جدة,لا\r\n'
		);
		const p = imp.check(await imp.readTable(bytes, 'ansi.csv'));
		expect(p.errors).toEqual([]);
		expect(p.valid.map((v) => [v.input.name, v.input.city, v.input.consentContact])).toEqual([
			['سارة أحمد', 'الرياض', true],
			['عبدالله', 'جدة', false]
		]);
	});

	it('reads UTF-16 CSV: Excel "Unicode text" (UTF-16LE with BOM, tabs) and UTF-16BE', async () => {
		const text = 'الاسم\tالجوال\tالمدينة\r\nهند\t0551230003\tأبها\r\n';
		const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		const p = imp.check(await imp.readTable(le, 'unicode.txt'));
		expect(p.errors).toEqual([]);
		expect(p.valid.map((v) => [v.input.name, v.input.mobile, v.input.city])).toEqual([
			['هند', '+966551230003', 'أبها']
		]);
		const be = Buffer.from(Buffer.from('\ufeff' + text.replace(/\t/g, ','), 'utf16le')).swap16();
		expect(imp.check(await imp.readTable(be, 'be.csv')).valid[0].input.name).toBe('هند');
	});

	it('honours a "sep=;" first line (Excel) and numbers rows as the spreadsheet does', async () => {
		const csv = 'sep=;\nالاسم;الجوال\nأمل;0551230004\n\nبدون;123\n';
		const p = imp.check(await imp.readTable(enc(csv), 'semi.csv'));
		expect(p.valid.map((v) => v.input.name)).toEqual(['أمل']);
		// Excel hides the sep= line; the blank line is row 3, the bad mobile row 4.
		expect(p.errors).toEqual([{ row: 4, column: 'mobile', reason: 'import.err.mobile' }]);
	});

	it('refuses an XLSX that unpacks beyond the cap before parsing it (3 M empty rows)', async () => {
		const bomb = xlsx(
			[
				['الاسم', 'الجوال'],
				['هدى', '0557778888']
			],
			{ emptyRows: 3_000_000 }
		);
		expect(bomb.byteLength).toBeLessThan(imp.MAX_BYTES);
		await expect(imp.readTable(bomb, 'bomb.xlsx')).rejects.toMatchObject({
			reason: 'import.err.unpackedSize'
		});
		for (const l of ['ar', 'en'] as const)
			expect((catalogs[l] as Record<string, string>)['import.err.unpackedSize']).toMatch(/20/);
	});

	it('stops at the row cap while streaming an XLSX that unpacks under the cap', async () => {
		const many = xlsx(
			[
				['الاسم', 'الجوال'],
				['هدى', '0557778888']
			],
			{ emptyRows: 600_000 }
		);
		await expect(imp.readTable(many, 'many.xlsx')).rejects.toMatchObject({
			reason: 'import.err.tooManyRows'
		});
		const rows = Array.from({ length: imp.MAX_ROWS + 1 }, (_, i) => [
			`n${i}`,
			`05${String(50_000_000 + i)}`
		]);
		await expect(
			imp.readTable(xlsx([['name', 'mobile'], ...rows]), 'big.xlsx')
		).rejects.toMatchObject({ reason: 'import.err.tooManyRows' });
	});

	it('refuses an archive whose headers lie about the unpacked size', async () => {
		const liar = xlsx([['الاسم', 'الجوال']], { emptyRows: 3_000_000, claimSize: 4000 });
		await expect(imp.readTable(liar, 'liar.xlsx')).rejects.toMatchObject({
			reason: 'import.err.unreadable'
		});
	});
});
