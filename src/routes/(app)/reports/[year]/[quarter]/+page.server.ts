import { error, redirect } from '@sveltejs/kit';
import { pdfAvailable } from '$lib/server/reports/pdf';
import { requirePermission, actor } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import { cellMode, isSmall } from '$lib/server/indicators/smallCells';
import { buildReport, markReviewed } from '$lib/server/reports';
import { promises } from '$lib/server/policies/promises';
import * as requests from '$lib/server/requests';
import { parseQuarter, quarterPath } from '$lib/server/reports/params';
import * as settings from '$lib/server/settings';
import { previousQuarter, type Quarter } from '$lib/dates';
import { invalid, optionalText, parseForm, z } from '$lib/server/validate';
import { voicesForReport } from '$lib/server/voices/panel';
import type { Actions, PageServerLoad } from './$types';

function quarterOrThrow(params: { year: string; quarter: string }): Quarter {
	const q = parseQuarter(params.year, params.quarter, settings.get().calendar);
	if (!q) error(404, 'reports.badQuarter');
	return q;
}

const next = (q: Quarter): Quarter =>
	q.q === 4 ? { ...q, year: q.year + 1, q: 1 } : { ...q, q: (q.q + 1) as Quarter['q'] };

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'reports.read');
	const q = quarterOrThrow(event.params);
	// Figures over fewer than 5 people: withheld from the board, flagged for the others.
	const mode = cellMode(me.role);
	const r = buildReport(q, new Date(), { cells: mode });
	const hide = (n: number | null) => mode === 'hide' && isSmall(n);
	const mapAction = (a: (typeof r.actions.opened)[number]) => ({
		id: a.id,
		title: a.title,
		status: a.status,
		dueDate: a.dueDate,
		indicator: a.indicator,
		programAr: a.programAr,
		programEn: a.programEn,
		baselineValue: hide(a.baselineN) ? null : a.baselineValue,
		baselineN: hide(a.baselineN) ? null : a.baselineN,
		afterValue: hide(a.afterN) ? null : a.afterValue,
		afterN: hide(a.afterN) ? null : a.afterN
	});
	const { fingerprint, review, actions, ...rest } = r;
	return {
		...rest,
		actions: {
			opened: actions.opened.map(mapAction),
			running: actions.running.map(mapAction),
			closed: actions.closed.map(mapAction)
		},
		review: review?.reviewedAt
			? {
					at: review.reviewedAt.getTime(),
					name: review.reviewerName ?? '',
					notes: review.notes,
					changed: review.fingerprint !== fingerprint
				}
			: null,
		voices: voicesForReport(r.range, settings.get()),
		// "What we promised, what we measured" (policy register, clause → indicator).
		promises: promises(r.range, { calendar: q.calendar, timeZone: settings.get().timeZone }, mode),
		// Requests by type, referrals by body, complaints: the dashboard panel's one computation.
		requestPromises: requests.promiseFigures(r.range, { withhold: mode === 'hide' }),
		canReview: can(me.role, 'reports.review'),
		canAct: can(me.role, 'actions.manage'),
		canSeeActions: can(me.role, 'actions.read'),
		pdfOnServer: pdfAvailable(),
		calendar: q.calendar,
		generatedAt: Date.now(),
		prev: quarterPath(previousQuarter(q)),
		next: r.complete ? quarterPath(next(q)) : null
	};
};

const ReviewForm = z.object({ notes: optionalText(4000) });

export const actions: Actions = {
	review: async (event) => {
		const me = requirePermission(event, 'reports.review');
		const q = quarterOrThrow(event.params);
		const res = parseForm(ReviewForm, await event.request.formData());
		if (!res.ok) return invalid(400, res.errors, res.values);
		markReviewed(actor(event, me), q, res.data.notes ?? '');
		redirect(303, quarterPath(q) + '?reviewed=1');
	}
};
