import { config } from '$lib/server/config';
import { error, redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth';
import { requirePermission } from '$lib/server/guard';
import { parseQuarter, quarterPath } from '$lib/server/reports/params';
import { PdfBusyError, pdfAvailable, renderPdf } from '$lib/server/reports/pdf';
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
	let pdf: Buffer;
	try {
		pdf = await renderPdf(
			new URL(path, internal).href,
			{ name: SESSION_COOKIE, value: token },
			// The browser that asked may go away (closed tab, second click): its render stops.
			{ owner: `user:${event.locals.user!.id}`, signal: event.request.signal }
		);
	} catch (e) {
		if (e instanceof PdfBusyError)
			error(
				e.reason === 'user' ? 429 : 503,
				e.reason === 'user' ? 'errors.pdfOwnBusy' : 'errors.pdfBusy'
			);
		// Nobody is waiting for an answer any more.
		if (event.request.signal.aborted) return new Response(null, { status: 499 });
		throw e;
	}
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="report-${q.year}-q${q.q}${q.calendar === 'hijri' ? 'h' : ''}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
