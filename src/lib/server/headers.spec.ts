import { afterEach, describe, expect, it } from 'vitest';
import { resetConfig } from './config';
import { secureHeaders } from './headers';

const saved = { origin: process.env.ORIGIN, proto: process.env.PROTOCOL_HEADER };
afterEach(() => {
	if (saved.origin === undefined) delete process.env.ORIGIN;
	else process.env.ORIGIN = saved.origin;
	if (saved.proto === undefined) delete process.env.PROTOCOL_HEADER;
	else process.env.PROTOCOL_HEADER = saved.proto;
	resetConfig();
});

function headersFor(url: string, signedIn: boolean, init: Record<string, string> = {}) {
	const h = new Headers(init);
	secureHeaders(h, new URL(url), signedIn);
	return h;
}

describe('security headers', () => {
	it('HSTS only when the browser reached us over HTTPS', () => {
		process.env.ORIGIN = 'https://rida.example.org';
		resetConfig();
		expect(
			headersFor('https://rida.example.org/login', false).get('strict-transport-security')
		).toBe('max-age=31536000; includeSubDomains');
		// npm start without ORIGIN: plain http, whatever adapter-node guessed.
		delete process.env.ORIGIN;
		resetConfig();
		expect(headersFor('https://localhost:3000/login', false).has('strict-transport-security')).toBe(
			false
		);
		process.env.ORIGIN = 'http://localhost:3000';
		resetConfig();
		expect(headersFor('http://localhost:3000/login', false).has('strict-transport-security')).toBe(
			false
		);
	});

	it('turns off camera, microphone, geolocation, payment and other powerful features', () => {
		const policy = headersFor('http://localhost:3000/', false).get('permissions-policy')!;
		for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
			expect(policy).toMatch(new RegExp(`(^|, )${feature}=\\(\\)`));
	});

	it('signed-in responses are never stored; a private cache setting of a route stays', () => {
		expect(headersFor('http://localhost:3000/dashboard', true).get('cache-control')).toBe(
			'no-store'
		);
		expect(
			headersFor('http://localhost:3000/x', true, { 'cache-control': 'public, max-age=600' }).get(
				'cache-control'
			)
		).toBe('no-store');
		expect(
			headersFor('http://localhost:3000/x.svg', true, {
				'cache-control': 'private, max-age=300'
			}).get('cache-control')
		).toBe('private, max-age=300');
		expect(headersFor('http://localhost:3000/login', false).has('cache-control')).toBe(false);
	});

	it('keeps the basics: nosniff, no framing, a referrer policy a route may tighten', () => {
		const h = headersFor('http://localhost:3000/', false);
		expect(h.get('x-content-type-options')).toBe('nosniff');
		expect(h.get('x-frame-options')).toBe('DENY');
		expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(
			headersFor('http://localhost:3000/s/x', false, { 'referrer-policy': 'same-origin' }).get(
				'referrer-policy'
			)
		).toBe('same-origin');
	});
});
