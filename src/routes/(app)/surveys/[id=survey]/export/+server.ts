import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/guard';
import * as studio from '$lib/server/surveys/studio';
import type { RequestHandler } from './$types';

/** The survey's draft as a SurveyJS-based definition file (what import reads back). */
export const GET: RequestHandler = (event) => {
	requirePermission(event, 'surveys.manage');
	const body = studio.exportJson(event.params.id);
	if (!body) error(404, 'errors.notFound');
	return new Response(body, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${event.params.id}.json"`
		}
	});
};
