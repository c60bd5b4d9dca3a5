import type { ParamMatcher } from '@sveltejs/kit';

/** A row id in a URL: 1 to 15 digits, no sign, no leading zero (anything else is a 404). */
export const match: ParamMatcher = (param) => /^[1-9]\d{0,14}$/.test(param);
