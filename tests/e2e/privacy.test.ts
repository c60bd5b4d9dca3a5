/**
 * Erasure that erases: a relations officer erases a beneficiary through the page, and then
 * nothing planted about them — name, mobile, email, a request subject, a note, a survey
 * comment — is left in the database file or its WAL (raw bytes, not only the encrypted
 * columns); the record refuses to be edited or enrolled again; the erasure is journalled
 * by id only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test, login } from './helpers';
import { dbFile, openDb, plantBeneficiary, plantComment, plantRequest, uniqueWord } from './canary';

test('erasing a beneficiary leaves none of their data or free text in the database file or its WAL', async ({
	page,
	baseURL
}) => {
	await login(page, 'relations');
	const request = page.request;
	const c = await plantBeneficiary(request, baseURL!);
	// Words with no personal-data pattern, so they are stored as typed until the erasure.
	const subject = uniqueWord('موضوع');
	const note = uniqueWord('ملاحظة');
	const comment = uniqueWord('تعليق');
	const rid = await plantRequest(request, baseURL!, c.id, `طلب ${subject}`, `اتصلت ${note}`);
	const resp = await plantComment(request, baseURL!, c.id, `شكرًا ${comment}`);

	// Before: each value is there (plain text, or its ciphertext for contact data).
	const sealed = openDb((db) => {
		const b = db
			.prepare('select name_enc, mobile_enc, email_enc from beneficiary where id = ?')
			.get(c.id) as Record<string, string>;
		const q = db.prepare('select subject from request where id = ?').get(rid) as {
			subject: string;
		};
		const r = db.prepare('select comment, answers from response where id = ?').get(resp) as {
			comment: string;
			answers: string;
		};
		expect(q.subject).toContain(subject);
		expect(r.comment).toContain(comment);
		expect(r.answers).toContain(comment);
		return [b.name_enc, b.mobile_enc, b.email_enc];
	});
	expect(sealed.every((x) => typeof x === 'string' && x.length > 20)).toBe(true);

	await page.goto(`/beneficiaries/${c.id}`);
	await page.locator('input[name=confirm]').check();
	await page.getByTestId('erase').click();
	await expect(page).toHaveURL(/\/beneficiaries\?erased=1/);

	const planted = [
		c.name,
		c.tail,
		c.mobile,
		`+96656${c.tail}`,
		c.email,
		subject,
		note,
		comment,
		...sealed
	];
	for (const file of [dbFile(), dbFile() + '-wal']) {
		const raw = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
		for (const value of planted)
			expect(raw.includes(Buffer.from(value)), `${file} still holds ${value}`).toBe(false);
	}
	// The figures keep the request and the score; nothing links them to the person.
	openDb((db) => {
		expect(
			db.prepare('select beneficiary_id b, status from request where id = ?').get(rid)
		).toEqual({ b: null, status: 'received' });
		expect(
			db.prepare('select csat, beneficiary_id b from response where id = ?').get(resp)
		).toEqual({ csat: 2, b: null });
	});

	// An erased record refuses edits (no name written back) and enrolment.
	const origin = baseURL!;
	const save = await request.post(`/beneficiaries/${c.id}?/save`, {
		form: {
			name: c.name,
			mobile: c.mobile,
			consentContact: 'on',
			locale: 'ar',
			preferredChannel: 'sms'
		},
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(save.status()).toBe(404);
	const enroll = await request.post(`/beneficiaries/${c.id}?/enroll`, {
		form: { programId: '1' },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(enroll.status()).toBe(404);
	openDb((db) => {
		expect(db.prepare('select name_enc from beneficiary where id = ?').get(c.id)).toEqual({
			name_enc: null
		});
		expect(
			db.prepare('select count(*) n from enrollment where beneficiary_id = ?').get(c.id)
		).toEqual({ n: 0 });
	});

	// Journalled for restores: ids only.
	const journal = readFileSync(dbFile() + '.erasures', 'utf8')
		.trim()
		.split('\n');
	const line = JSON.parse(journal.at(-1)!);
	expect(Object.keys(line).sort()).toEqual(['at', 'db', 'id']);
	expect(line.id).toBe(c.id);
	for (const value of [c.name, c.tail, c.email]) expect(journal.join('\n')).not.toContain(value);
});
