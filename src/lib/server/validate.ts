import { fail, type ActionFailure } from '@sveltejs/kit';
/**
 * Form validation with zod. Error messages are i18n keys, optionally with parameters in
 * query-string form (`errors.tooLong?max=200`), translated by the page.
 */
import { z } from 'zod';
import { passwordProblem } from './password-policy';
import { toLatinDigits } from '../dates';

export { z };
/** The one digit normaliser lives in `$lib/dates`; re-exported for the form helpers' users. */
export { toLatinDigits };

export const msg = (key: string, params?: Record<string, string | number>) =>
	params
		? `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`
		: key;

/** A required single-line text. */
export const text = (max = 200) =>
	z
		.string({ error: msg('errors.required') })
		.trim()
		.min(1, msg('errors.required'))
		.max(max, msg('errors.tooLong', { max }));

/** An optional text: empty becomes undefined. */
export const optionalText = (max = 2000) =>
	z
		.string()
		.trim()
		.max(max, msg('errors.tooLong', { max }))
		.optional()
		.transform((v) => (v ? v : undefined));

export const email = () =>
	z
		.string({ error: msg('errors.required') })
		.trim()
		.toLowerCase()
		.min(1, msg('errors.required'))
		.max(254, msg('errors.tooLong', { max: 254 }))
		.pipe(z.email({ error: msg('errors.email') }));

/** A new password: the one policy in password-policy.ts (length, not a common password). */
export const password = () =>
	z.string({ error: msg('errors.required') }).superRefine((v, ctx) => {
		const problem = passwordProblem(v);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	});

/** The same, where an empty field means "no password" (an invitation link instead). */
export const optionalPassword = () =>
	z
		.string()
		.optional()
		.superRefine((v, ctx) => {
			const problem = v ? passwordProblem(v) : null;
			if (problem) ctx.addIssue({ code: 'custom', message: problem });
		})
		.transform((v) => v || undefined);

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: msg('errors.choice') });

/** Integer from a form field; accepts Arabic-Indic digits. */
export const int = (min: number, max: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' ? toLatinDigits(v.trim()) : v),
		z
			.string({ error: msg('errors.required') })
			.min(1, msg('errors.required'))
			.regex(/^-?\d+$/, msg('errors.integer'))
			.transform(Number)
			.pipe(z.number().min(min, msg('errors.min', { min })).max(max, msg('errors.max', { max })))
	);

export const checkbox = () =>
	z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true' || v === '1');

export type FieldErrors = { [field: string]: string | undefined };

/** Fields never echoed back to the browser. */
const SECRET = /password|token/i;
const MESSAGE_KEY = /^[a-z][\w-]*(\.[\w-]+)+(\?\S*)?$/i;

export type ParseResult<T> =
	| { ok: true; data: T; values: Record<string, string> }
	| { ok: false; errors: FieldErrors; values: Record<string, string> };

export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData
): ParseResult<z.output<S>> {
	const raw: Record<string, string | string[]> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
		raw[key] = all.length > 1 ? all : (all[0] ?? '');
	}
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data, values: keepValues(raw) };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? '_form');
		// Our messages are i18n keys (`domain.key`, optional `?params`); zod's own sentences are not.
		if (!errors[field])
			errors[field] = MESSAGE_KEY.test(issue.message) ? issue.message : 'errors.invalid';
	}
	return { ok: false, errors, values: keepValues(raw) };
}

export function keepValues(raw: Record<string, string | string[]>): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [k, v] of Object.entries(raw)) {
		if (SECRET.test(k)) continue;
		values[k] = Array.isArray(v) ? v.join(',') : v;
	}
	return values;
}

/**
 * The one shape of a refused form: field errors (i18n keys) and the values to put back.
 * One type for every failure of an action keeps page components simple.
 */
export type FormFailure = { errors: FieldErrors; values: Record<string, string> };

export function invalid(
	status: number,
	errors: FieldErrors,
	values: Record<string, string> = {}
): ActionFailure<FormFailure> {
	return fail(status, { errors, values } as FormFailure);
}
