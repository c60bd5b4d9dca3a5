/**
 * The password policy (OWASP ASVS 2.1): at least 12 characters, at most 200, and not a
 * common password. "Common" is judged by zxcvbn-ts with its bundled list of ~49,000 common
 * passwords, its common-words list and keyboard layouts: a password it would guess in fewer
 * than 10^10 tries (score below 4, its top band) — one on the list, or made of list entries
 * with a few digits, capitals or l33t letters, a keyboard walk, a repetition or a sequence —
 * is refused ("password password" and "football2024!!" are; "blue-river-stone" is not). No composition
 * rules (ASVS 2.1.9): any characters, Arabic and spaces included.
 *
 * One function for every place a password is chosen: the forms (validate.ts `password()`)
 * and ADMIN_PASSWORD at first start.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
const MIN_SCORE = 4;

let estimator: ZxcvbnFactory | undefined;

/** Whether zxcvbn-ts finds the password among, or built from, common passwords and patterns. */
export function isCommonPassword(password: string): boolean {
	// Built on first use: decompressing the lists takes ~0.1 s, not worth paying at start-up.
	estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
	return estimator.check(password).score < MIN_SCORE;
}

/** The i18n key (with parameters) of what is wrong with a new password, or null. */
export function passwordProblem(password: string): string | null {
	const length = [...password].length; // characters, not UTF-16 units
	if (length < PASSWORD_MIN) return `errors.passwordShort?min=${PASSWORD_MIN}`;
	if (length > PASSWORD_MAX) return `errors.tooLong?max=${PASSWORD_MAX}`;
	if (isCommonPassword(password)) return 'errors.passwordCommon';
	return null;
}
