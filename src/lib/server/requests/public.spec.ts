import { describe, expect, it } from 'vitest';
import * as beneficiaries from '../beneficiaries';
import { useTestDb } from '../testing';
import * as requests from './index';
import { allow, resetRateLimit, submit } from './public';

const form = (o: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(o)) f.set(k, v);
	return f;
};
const good = {
	name: 'هيا سعد',
	mobile: '0551230001',
	kind: 'inquiry',
	subject: 'استفسار',
	details: 'متى التوزيع؟',
	consent: 'on'
};

describe('public request form', () => {
	useTestDb();

	it('creates a website request linked to a new beneficiary, then links the same mobile again', () => {
		requests.ensureChannels();
		resetRateLimit();
		const a = submit(form(good), '10.0.0.1', 'ar');
		expect(a.ok).toBe(true);
		const b = submit(form({ ...good, subject: 'ثاني' }), '10.0.0.1', 'ar');
		expect(b.ok).toBe(true);
		const id = beneficiaries.findByMobile('0551230001')!;
		const rows = requests.list({}).items;
		expect(rows).toHaveLength(2);
		const detail = requests.get(rows[0].id)!;
		expect(detail.beneficiaryId).toBe(id);
		expect(detail.channel.key).toBe('website');
		expect(detail.assignee).toBeNull();
	});

	it('an email already on file with another mobile does not attach the request to that person', () => {
		resetRateLimit();
		expect(
			submit(form({ ...good, mobile: '0551230002', email: 'same@example.org' }), '10.0.0.3', 'ar')
				.ok
		).toBe(true);
		expect(
			submit(form({ ...good, mobile: '0551230003', email: 'same@example.org' }), '10.0.0.3', 'ar')
				.ok
		).toBe(true);
		const first = beneficiaries.findByMobile('0551230002')!;
		const second = beneficiaries.findByMobile('0551230003')!;
		expect(second).not.toBe(first);
		expect(beneficiaries.get(second)!.email).toBeNull();
	});

	it('refuses the honeypot, missing consent, bad mobile, oversized text; keeps the entries', () => {
		resetRateLimit();
		const hp = submit(form({ ...good, website: 'x' }), '10.0.0.2', 'ar');
		expect(hp).toMatchObject({ ok: false, errors: { _form: 'pub.err.spam' } });
		const noConsent = submit(form({ ...good, consent: '' }), '10.0.0.2', 'ar');
		expect(noConsent).toMatchObject({
			ok: false,
			errors: { consent: 'pub.err.consent' },
			values: { subject: 'استفسار' }
		});
		expect(submit(form({ ...good, mobile: '12' }), '10.0.0.2', 'ar')).toMatchObject({
			ok: false,
			errors: { mobile: 'pub.err.mobile' }
		});
		expect(submit(form({ ...good, details: 'x'.repeat(3001) }), '10.0.0.2', 'ar')).toMatchObject({
			ok: false,
			errors: { details: 'errors.tooLong?max=3000' }
		});
		expect(requests.list({}).total).toBe(4);
	});

	it('rate-limits per IP (5 per 15 minutes)', () => {
		resetRateLimit();
		const t = 1_000_000;
		for (let i = 0; i < 5; i++) expect(allow('1.2.3.4', t + i)).toBe(true);
		expect(allow('1.2.3.4', t + 10)).toBe(false);
		expect(allow('5.6.7.8', t + 10)).toBe(true);
		expect(allow('1.2.3.4', t + 15 * 60_000 + 10)).toBe(true);
		for (let i = 0; i < 5; i++) allow('9.9.9.9');
		expect(submit(form({ ...good, mobile: '0551230009' }), '9.9.9.9', 'en')).toMatchObject({
			ok: false,
			status: 429
		});
	});
});
