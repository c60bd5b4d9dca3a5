import { describe, expect, it } from 'vitest';
import { parseRequestType } from './forms';

const form = (o: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(o)) f.set(k, v);
	return f;
};
const base = {
	key: 'housing',
	nameAr: 'طلب سكن',
	nameEn: 'Housing request',
	kind: 'support',
	slaDays: '١٤',
	slaMode: 'working',
	escalationRole: 'quality',
	sort: '60',
	active: 'on'
};

describe('parseRequestType', () => {
	it('reads a new type: Arabic-Indic days, documents one a line as "Arabic | English"', () => {
		const p = parseRequestType(
			form({ ...base, documents: 'صورة الهوية | ID copy\r\n\n  عقد الإيجار|Lease  ' })
		);
		expect(p.ok).toBe(true);
		if (!p.ok) return;
		expect(p.input).toMatchObject({
			key: 'housing',
			slaDays: 14,
			slaMode: 'working',
			escalationRole: 'quality',
			complaint: false,
			active: true,
			documents: [
				{ ar: 'صورة الهوية', en: 'ID copy' },
				{ ar: 'عقد الإيجار', en: 'Lease' }
			]
		});
	});

	it('keeps the key of an existing type out of the update', () => {
		const p = parseRequestType(form({ ...base, id: '3', key: 'ignored' }));
		expect(p.ok && p.input).toMatchObject({ id: 3, key: undefined });
	});

	it('refuses a bad key, a document without both names, too many documents, the board as escalation', () => {
		const refused = (o: Record<string, string>) => {
			const p = parseRequestType(form({ ...base, ...o }));
			return p.ok ? null : p.errors;
		};
		expect(refused({ key: 'Housing!' })).toEqual({ key: 'errors.invalid' });
		expect(refused({ documents: 'صورة الهوية' })).toEqual({
			documents: 'requests.types.badDocuments'
		});
		expect(refused({ documents: 'أ | b | c' })).toEqual({
			documents: 'requests.types.badDocuments'
		});
		expect(refused({ documents: Array(21).fill('أ | a').join('\n') })).toEqual({
			documents: 'requests.types.tooManyDocuments'
		});
		expect(refused({ escalationRole: 'board' })).toMatchObject({ escalationRole: 'errors.choice' });
		expect(refused({ slaDays: '0' })).toMatchObject({ slaDays: 'errors.min?min=1' });
	});

	it('gives back what was typed on refusal', () => {
		const p = parseRequestType(form({ ...base, documents: 'بلا ترجمة' }));
		expect(!p.ok && p.values.documents).toBe('بلا ترجمة');
	});
});
