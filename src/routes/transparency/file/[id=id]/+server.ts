import { error } from '@sveltejs/kit';
import * as policies from '$lib/server/policies';
import { attachment } from '$lib/server/policies/download';
import type { RequestHandler } from './$types';

/** The published policy's file, for anyone; any other policy's file is not found here. */
export const GET: RequestHandler = ({ params }) => {
	const id = Number(params.id);
	const f = policies.isPublicFile(id) ? policies.file(id) : undefined;
	if (!f) error(404, 'policies.notFound');
	return attachment(f, 'public, max-age=300');
};
