import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTestDb } from './testing';
import * as beneficiaries from './beneficiaries';
import * as imp from './beneficiary-import';

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
});
