import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';
import { parseForm, password, z } from './validate';
import { DEMO_USERS } from './seed/core';

const check = (pw: string) => {
	const form = new FormData();
	form.set('password', pw);
	const r = parseForm(z.object({ password: password() }), form);
	return r.ok ? null : r.errors.password;
};

describe('password policy', () => {
	it('needs at least 12 characters', () => {
		expect(check('Zq8#vL2!pW9')).toBe('errors.passwordShort?min=12'); // 11, random
		expect(check('Zq8#vL2!pW9x')).toBeNull(); // 12
		expect(passwordProblem('Zq8#vL2!pW9')).toBe('errors.passwordShort?min=12');
	});

	it.each([
		'password1234',
		'Password1234!',
		'P@ssw0rd1234',
		'qwertyuiop123',
		'123456789012',
		'1qaz2wsx3edc',
		'iloveyou1234',
		'letmein12345',
		'aaaaaaaaaaaa',
		'abcdefghijklmnop',
		'password password',
		'football2024!!',
		'iloveyou iloveyou'
	])('refuses %j: a common password, or made of one', (pw) => {
		expect(check(pw)).toBe('errors.passwordCommon');
	});

	it('accepts the demo passwords and ordinary passphrases', () => {
		for (const u of DEMO_USERS) expect(check(u.password), u.password).toBeNull();
		for (const pw of [
			'demo-admin-1448',
			'durable-password-1',
			'correct horse battery',
			'blue-river-stone',
			'Ahmad@Riyadh2025',
			'رضا-الجمعية-٢٠٢٦',
			'كلمة سر طويلة جدا'
		])
			expect(check(pw), pw).toBeNull();
	});

	it('caps the length at 200', () => {
		expect(check('x9'.repeat(101))).toBe('errors.tooLong?max=200');
	});
});
