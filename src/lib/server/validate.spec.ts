import { describe, expect, it } from 'vitest';
import {
	checkbox,
	email,
	int,
	invalid,
	keepValues,
	msg,
	oneOf,
	optionalPassword,
	optionalText,
	parseForm,
	text,
	z
} from './validate';

const form = (entries: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};

const schema = z.object({
	name: text(10),
	email: email(),
	note: optionalText(20),
	count: int(1, 99),
	role: oneOf(['board', 'quality'] as const),
	agree: checkbox()
});

describe('parseForm', () => {
	it('returns typed data: trimmed text, lower-cased email, Arabic-Indic digits, checkbox', () => {
		const r = parseForm(
			schema,
			form([
				['name', '  ريم  '],
				['email', ' Reem@Example.ORG '],
				['note', ''],
				['count', '٤٢'],
				['role', 'board'],
				['agree', 'on']
			])
		);
		expect(r).toEqual({
			ok: true,
			data: {
				name: 'ريم',
				email: 'reem@example.org',
				note: undefined,
				count: 42,
				role: 'board',
				agree: true
			},
			values: {
				name: '  ريم  ',
				email: ' Reem@Example.ORG ',
				note: '',
				count: '٤٢',
				role: 'board',
				agree: 'on'
			}
		});
	});

	it('refuses with one i18n key per field and gives back what was typed', () => {
		const r = parseForm(
			schema,
			form([
				['name', 'a name that is too long'],
				['email', 'not-an-email'],
				['note', 'x'.repeat(21)],
				['count', '100'],
				['role', 'admin']
			])
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({
			name: 'errors.tooLong?max=10',
			email: 'errors.email',
			note: 'errors.tooLong?max=20',
			count: 'errors.max?max=99',
			role: 'errors.choice'
		});
		expect(r.values).toMatchObject({ name: 'a name that is too long', email: 'not-an-email' });
		expect(r.values.agree).toBeUndefined();
	});

	it('says "required" for a missing or blank field and "integer" for a word', () => {
		const r = parseForm(
			schema,
			form([
				['name', '   '],
				['count', 'abc'],
				['role', 'board']
			])
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toMatchObject({
			name: 'errors.required',
			email: 'errors.required',
			count: 'errors.integer'
		});
		expect(parseForm(z.object({ n: int(5, 9) }), form([['n', '3']]))).toMatchObject({
			ok: false,
			errors: { n: 'errors.min?min=5' }
		});
	});

	it('never echoes a password or token back; a repeated field keeps all its values', () => {
		const r = parseForm(
			z.object({ password: optionalPassword(), token: z.string(), tag: z.array(z.string()) }),
			form([
				['password', 'password1234'],
				['token', 'abc'],
				['tag', 'a'],
				['tag', 'b']
			])
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.password).toMatch(/^[a-z]+(\.[\w-]+)+/i); // the policy's own message key
		expect(r.values).toEqual({ tag: 'a,b' });
		expect(keepValues({ newPassword: 'x', resetToken: 'y', name: 'z' })).toEqual({ name: 'z' });
	});

	it("a zod sentence that is not one of our keys becomes 'errors.invalid'; form-wide errors go to _form", () => {
		const r = parseForm(
			z
				.object({ a: z.string(), b: z.string() })
				.refine((v) => v.a === v.b, { message: 'must match' }),
			form([
				['a', '1'],
				['b', '2']
			])
		);
		expect(r).toMatchObject({ ok: false, errors: { _form: 'errors.invalid' } });
	});
});

describe('validate helpers', () => {
	it('msg puts parameters in query-string form', () => {
		expect(msg('errors.required')).toBe('errors.required');
		expect(msg('errors.tooLong', { max: 200 })).toBe('errors.tooLong?max=200');
		expect(msg('login.throttled', { seconds: 30, who: 'أ ب' })).toBe(
			'login.throttled?seconds=30&who=%D8%A3+%D8%A8'
		);
	});

	it('checkbox is true only for on/true/1', () => {
		for (const [v, want] of [
			['on', true],
			['true', true],
			['1', true],
			['', false],
			['off', false],
			[undefined, false]
		] as const)
			expect(checkbox().parse(v)).toBe(want);
	});

	it('invalid() is a 400-style failure carrying errors and values', () => {
		const f = invalid(400, { name: 'errors.required' }, { name: '' });
		expect(f.status).toBe(400);
		expect(f.data).toEqual({ errors: { name: 'errors.required' }, values: { name: '' } });
	});
});
