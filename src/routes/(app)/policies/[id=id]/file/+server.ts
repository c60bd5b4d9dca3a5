import { error } from '@sveltejs/kit';
import * as policies from '$lib/server/policies';
import { requirePermission } from '$lib/server/guard';
import { attachment } from '$lib/server/policies/download';
import type { RequestHandler } from './$types';

/** The signed file, for staff who read the register (the public one is under /transparency). */
export const GET: RequestHandler = (event) => {
	requirePermission(event, 'policies.read');
	const f = policies.file(Number(event.params.id));
	if (!f) error(404, 'policies.notFound');
	return attachment(f, 'private, no-store');
};
