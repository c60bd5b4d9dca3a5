import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import * as campaigns from '$lib/server/campaigns';
import { flash } from '$lib/server/flash';
import { actor, requirePermission } from '$lib/server/guard';
import { requestOrigin } from '$lib/server/origin';
import * as segments from '$lib/server/segments';
import { currentVersion } from '$lib/server/surveys/versions';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function campaignOr404(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const c = campaigns.get(Number(event.params.id));
	if (!c) error(404, 'errors.notFound');
	return c;
}

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'campaigns.manage');
	const c = campaignOr404(event);
	const locale = event.locals.locale;
	const names = segments.names(locale);
	const token = campaigns.openLinkToken(c);
	const url = token ? `${requestOrigin(event.url)}/s/${token}` : null;
	const stats = campaigns.stats(c.id);
	return {
		campaign: {
			id: c.id,
			nameAr: c.nameAr,
			nameEn: c.nameEn,
			survey: currentVersion(c.surveyId)?.def.name[locale] ?? c.surveyId,
			status: c.status,
			schedule: c.schedule,
			calendar: c.calendar,
			startDate: c.startDate,
			nextRunDate: c.nextRunDate,
			lastRunAt: c.lastRunAt,
			personalLinks: c.personalLinks,
			reminders: c.reminders,
			audience: (JSON.parse(c.audienceSegments) as string[]).map((k) => names.get(k) ?? k),
			openSegment: c.openSegment ? (names.get(c.openSegment) ?? c.openSegment) : null
		},
		stats: {
			...stats,
			responseRate: stats.invited ? stats.completed / stats.invited : null
		},
		bySegment: campaigns.bySegment(c.id).map((r) => ({
			...r,
			label: r.segment ? (names.get(r.segment) ?? r.segment) : null
		})),
		open: url
			? {
					url,
					qr: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
				}
			: null
	};
};

export const actions: Actions = {
	run: async (event) => {
		requirePermission(event, 'campaigns.manage');
		const c = campaignOr404(event);
		const created = campaigns.run(c.id);
		flash(event, 'campaigns.ran', { n: created.length });
		return { ok: true };
	},
	openOn: async (event) => {
		const me = requirePermission(event, 'campaigns.manage');
		const c = campaignOr404(event);
		campaigns.setOpenLink(actor(event, me), c.id, true);
		return { ok: true };
	},
	openOff: async (event) => {
		const me = requirePermission(event, 'campaigns.manage');
		const c = campaignOr404(event);
		campaigns.setOpenLink(actor(event, me), c.id, false);
		return { ok: true };
	},
	close: async (event) => {
		const me = requirePermission(event, 'campaigns.manage');
		const c = campaignOr404(event);
		campaigns.setStatus(actor(event, me), c.id, 'closed');
		return { ok: true };
	},
	reopen: async (event) => {
		const me = requirePermission(event, 'campaigns.manage');
		const c = campaignOr404(event);
		campaigns.setStatus(actor(event, me), c.id, 'active');
		return { ok: true };
	}
};
