import type { ParamMatcher } from '@sveltejs/kit';

/** A survey id in a URL (the surveys/*.json id format; anything else is a 404). */
export const match: ParamMatcher = (param) => /^[a-z0-9][a-z0-9_-]{0,59}$/.test(param);
