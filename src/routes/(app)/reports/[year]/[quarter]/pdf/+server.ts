import { config } from '$lib/server/config';
import { error, redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth';
import { requirePermission } from '$lib/server/guard';
import { parseQuarter, quarterPath } from '$lib/server/reports/params';
import { pdfAvailable, renderPdf } from '$lib/server/reports/pdf';
import * as settings from '$lib/server/settings';
import type { RequestHandler } from './$types';

/** "Download PDF": Chromium prints the report page with the user's own session; without Chromium, back to the page to print. */
export const GET: RequestHandler = async (event) => {
	requirePermission(event, 'reports.read');
	const q = parseQuarter(event.params.year, event.params.quarter, settings.get().calendar);
	if (!q) error(404, 'reports.badQuarter');
	const path = quarterPath(q);
	if (!pdfAvailable()) redirect(303, path + '?print=1');
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) error(401, 'errors.signInRequired');
	// Chromium asks this very server over loopback (the public origin may not be reachable from inside).
	const internal = config().internalOrigin;
	const pdf = await renderPdf(new URL(path, internal).href, { name: SESSION_COOKIE, value: token });
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="report-${q.year}-q${q.q}${q.calendar === 'hijri' ? 'h' : ''}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
