import { flash } from '$lib/server/flash';
import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import * as beneficiaries from '$lib/server/beneficiaries';
import * as delivery from '$lib/server/delivery';
import { actor, requirePermission } from '$lib/server/guard';
import * as invitations from '$lib/server/invitations';
import { requestOrigin } from '$lib/server/origin';
import { paged, parsePage } from '$lib/server/paging';
import { can } from '$lib/server/permissions';
import { cellMode, MIN_CELL, protectProgramStats } from '$lib/server/indicators/smallCells';
import * as programs from '$lib/server/programs';
import * as users from '$lib/server/users';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PAGE = 50;

function programOr404(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const p = programs.get(Number(event.params.id));
	if (!p) error(404, 'errors.notFound');
	return p;
}

export const load: PageServerLoad = async (event) => {
	const me = requirePermission(event, 'programs.read');
	const p = programOr404(event);
	const seePeople = can(me.role, 'beneficiaries.read');
	const {
		result: list,
		page: pageNo,
		pages
	} = paged(parsePage(event.url), PAGE, (limit, offset) =>
		programs.enrolled(p.id, { limit, offset })
	);
	const people = seePeople
		? new Map(beneficiaries.getMany(list.rows.map((r) => r.beneficiaryId)).map((b) => [b.id, b]))
		: new Map();
	const now = Date.now();
	const q = event.url.searchParams.get('q')?.slice(0, 100) ?? '';
	const canEnroll = can(me.role, 'beneficiaries.manage');
	const found = canEnroll && q ? beneficiaries.search(q, { limit: 100 }) : null;
	const anonToken = can(me.role, 'programs.manage') ? programs.anonymousLinkToken(p) : null;
	const anonUrl = anonToken ? `${requestOrigin(event.url)}/s/${anonToken}` : null;
	const responsible = p.responsibleUserId ? users.get(p.responsibleUserId)?.name : null;
	// Satisfaction over fewer than 5 answers: withheld from the board, flagged for staff.
	const mode = cellMode(me.role);
	const st = protectProgramStats(p, mode);
	return {
		program: {
			id: p.id,
			nameAr: p.nameAr,
			nameEn: p.nameEn,
			description: p.description,
			kind: p.kind,
			status: p.status,
			startDate: p.startDate,
			endDate: p.endDate,
			surveyId: p.surveyId,
			archived: !!p.archivedAt,
			responsible,
			stats: {
				enrolled: p.enrolled,
				invited: p.invited,
				opened: p.opened,
				started: p.started,
				completed: p.completed,
				anonymous: p.anonymous,
				responseRate: st.responseRate,
				csat: st.csat,
				csatN: st.csatN
			}
		},
		cells: { mode, min: MIN_CELL, small: st.small },
		can: {
			manage: can(me.role, 'programs.manage'),
			enroll: canEnroll,
			send: can(me.role, 'invitations.send') && seePeople,
			responses: can(me.role, 'responses.read'),
			people: seePeople
		},
		enrolled: {
			total: list.total,
			page: pageNo,
			pages,
			rows: list.rows.map((r) => {
				const b = people.get(r.beneficiaryId);
				const state = r.completedAt
					? 'completed'
					: r.invitationId
						? r.expiresAt && r.expiresAt.getTime() < now
							? 'expired'
							: r.openedAt
								? 'opened'
								: 'sent'
						: r.consent
							? 'none'
							: 'noConsent';
				return {
					beneficiaryId: r.beneficiaryId,
					invitationId: r.invitationId,
					name: b?.name ?? null,
					mobile: b ? beneficiaries.maskMobile(b.mobile) : null,
					state
				};
			})
		},
		search: found
			? {
					q,
					total: found.total,
					items: found.items.map((b) => ({
						id: b.id,
						name: b.name,
						mobile: beneficiaries.maskMobile(b.mobile),
						consent: b.consentContact
					}))
				}
			: { q, total: 0, items: [] },
		funnel: p.status === 'ended' ? delivery.funnel(p.id) : [],
		canSend: can(me.role, 'invitations.send') && can(me.role, 'beneficiaries.read'),
		anon: anonUrl
			? {
					url: anonUrl,
					qr: await QRCode.toString(anonUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
				}
			: null
	};
};

export const actions: Actions = {
	end: async (event) => {
		const me = requirePermission(event, 'programs.manage');
		const p = programOr404(event);
		const created = programs.end(actor(event, me), p.id);
		flash(event, 'programs.ended', { count: created.length });
		return { ok: true };
	},
	archive: async (event) => {
		const me = requirePermission(event, 'programs.manage');
		const p = programOr404(event);
		programs.setArchived(actor(event, me), p.id, true);
		flash(event, 'programs.archivedMsg');
		return { ok: true };
	},
	unarchive: async (event) => {
		const me = requirePermission(event, 'programs.manage');
		const p = programOr404(event);
		programs.setArchived(actor(event, me), p.id, false);
		flash(event, 'programs.unarchivedMsg');
		return { ok: true };
	},
	anonOn: async (event) => {
		const me = requirePermission(event, 'programs.manage');
		const p = programOr404(event);
		programs.setAnonymousLink(actor(event, me), p.id, true);
		return {};
	},
	anonOff: async (event) => {
		const me = requirePermission(event, 'programs.manage');
		const p = programOr404(event);
		programs.setAnonymousLink(actor(event, me), p.id, false);
		return {};
	},
	link: async (event) => {
		const me = requirePermission(event, 'invitations.send');
		requirePermission(event, 'beneficiaries.read');
		const p = programOr404(event);
		const form = await event.request.formData();
		const invitationId = Number(form.get('invitationId'));
		const belongs = invitations.listForProgram(p.id).find((i) => i.id === invitationId);
		if (!belongs) return { message: 'programs.linkRefused', ok: false };
		const token = invitations.regenerate(actor(event, me), invitationId);
		if (!token) return { message: 'programs.linkRefused', ok: false };
		// The link goes to this page only (never into a URL or a log).
		return { link: `${requestOrigin(event.url)}/s/${token}`, linkFor: belongs.beneficiaryId };
	},
	enroll: async (event) => {
		const me = requirePermission(event, 'beneficiaries.manage');
		const p = programOr404(event);
		const form = await event.request.formData();
		const ids = form
			.getAll('beneficiaryId')
			.map((v) => Number(v))
			.filter((n) => Number.isInteger(n) && n > 0)
			.slice(0, 1000);
		const existing = programs.idsExisting(ids);
		const res = programs.enroll(actor(event, me), p.id, existing);
		flash(event, 'programs.enrolledMsg', { count: res.added });
		return { ok: true };
	},
	unenroll: async (event) => {
		const me = requirePermission(event, 'beneficiaries.manage');
		const p = programOr404(event);
		const form = await event.request.formData();
		programs.unenroll(actor(event, me), p.id, Number(form.get('beneficiaryId')));
		return {};
	}
};
