import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import * as beneficiaries from '../beneficiaries';
import * as imp from '../imports/beneficiaries';
import * as privacy from '../privacy';
import * as segments from '.';

const ctx = useTestDb();
const enc = (s: string) => new TextEncoder().encode(s);

describe('stakeholder segments', () => {
	it('has the seven default segments, editable, with a new one added', () => {
		expect(segments.list().map((s) => s.key)).toEqual([
			'beneficiary',
			'donor',
			'volunteer',
			'partner',
			'staff',
			'member',
			'community'
		]);
		const id = segments.create({ id: null }, { key: 'alumni', nameAr: 'خريج', nameEn: 'Alumnus' });
		expect(() =>
			segments.create({ id: null }, { key: 'alumni', nameAr: 'x', nameEn: 'y' })
		).toThrow(segments.DuplicateSegmentError);
		segments.update({ id: null }, id, { nameAr: 'خريجون', nameEn: 'Alumni', archived: true });
		expect(segments.list().some((s) => s.key === 'alumni')).toBe(false);
		expect(segments.names('en').get('alumni')).toBe('Alumni');
	});

	it('puts a new contact in "beneficiary" unless told otherwise, and backfills older rows', () => {
		const a = beneficiaries.create(
			{ id: null },
			{ name: 'أ', mobile: '0551000001', consentContact: true }
		);
		const d = beneficiaries.create(
			{ id: null },
			{ name: 'د', mobile: '0551000002', consentContact: true, segments: ['donor', 'volunteer'] }
		);
		expect(segments.keysOf(a)).toEqual(['beneficiary']);
		expect(segments.keysOf(d)).toEqual(['donor', 'volunteer']);
		ctx.db.$client.prepare('delete from contact_segment where contact_id = ?').run(a);
		segments.ensureDefaults();
		expect(segments.keysOf(a)).toEqual(['beneficiary']);
	});

	it('imports a segment column (Arabic or English names, several per cell) and refuses unknown ones', async () => {
		const csv = [
			'الاسم,الجوال,الشريحة,الموافقة',
			'متبرع,0552000001,متبرع,نعم',
			'Both,0552000002,"donors; Volunteer",yes',
			'Plain,0552000003,,yes',
			'Bad,0552000004,سائح,yes'
		].join('\n');
		const p = imp.check(await imp.readTable(enc(csv), 'people.csv'));
		expect(p.errors).toEqual([
			{ row: 5, column: 'segment', reason: expect.stringContaining('import.err.choice') }
		]);
		const ids = imp.commit({ id: null }, p, null);
		expect(ids.map((id) => segments.keysOf(id))).toEqual([
			['donor'],
			['donor', 'volunteer'],
			['beneficiary']
		]);
	});

	it('a donor gets the same export and erasure as a beneficiary', () => {
		const d = beneficiaries.create(
			{ id: null },
			{ name: 'متبرع كريم', mobile: '0553000001', consentContact: true, segments: ['donor'] }
		);
		const out = privacy.exportData(d);
		expect(out?.beneficiary.name).toBe('متبرع كريم');
		expect(out?.segments).toEqual(['donor']);
		expect(privacy.erase({ id: null }, d)).toBe(true);
		expect(beneficiaries.get(d)?.name).toBe('');
		expect(segments.keysOf(d)).toEqual([]);
	});
});
