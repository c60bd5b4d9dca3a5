import { error, redirect } from '@sveltejs/kit';
import { flash } from '$lib/server/flash';
import { localDateTimeInput } from '$lib/dates';
import * as beneficiaries from '$lib/server/beneficiaries';
import { requirePermission, actor } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import * as requests from '$lib/server/requests';
import { parseComplaint, parseEvent } from '$lib/server/requests/forms';
import * as delivery from '$lib/server/delivery';
import { splitDuration } from '$lib/server/requests/lifecycle';
import * as settings from '$lib/server/settings';
import { invalid } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'requests.read');
	const personal = can(me.role, 'requests.personal');
	// Subject, details and notes as typed only with requests.personal; otherwise redacted copies.
	const r = requests.get(Number(event.params.id), new Date(), { personal });
	if (!r) error(404, 'requests.err.notFound');
	const b = personal && r.beneficiaryId ? beneficiaries.get(r.beneficiaryId) : undefined;
	const tz = settings.get().timeZone;
	return {
		r: {
			id: r.id,
			code: r.code,
			channel: r.channel,
			kind: r.kind,
			subject: r.subject,
			details: r.details,
			referenceNo: r.referenceNo,
			receivedAt: r.receivedAt,
			backdateReason: r.backdateReason,
			assignee: r.assignee,
			status: r.status,
			decision: r.decision,
			decidedAt: r.decidedAt,
			dueAt: r.dueAt,
			sla: r.sla,
			response: r.responseMs == null ? null : { ms: r.responseMs, ...splitDuration(r.responseMs) },
			nextSteps: r.nextSteps,
			events: r.events,
			type: r.type,
			checklist: r.checklist,
			complete: r.complete,
			confirmedAt: r.confirmedAt,
			confirmVersion: r.confirmVersion,
			escalatedAt: r.escalatedAt,
			escalationRole: r.type ? (requests.getType(r.type.id)?.escalationRole ?? 'admin') : 'admin',
			referredTo: r.referredTo,
			complaint: r.complaint
		},
		notices: delivery.noticesOf(r.id),
		sectors: [...requests.SECTORS],
		hasBeneficiary: r.beneficiaryId != null,
		beneficiary:
			b && !b.erasedAt ? { id: b.id, name: b.name, mobile: b.mobile, email: b.email } : null,
		personal,
		canManage: can(me.role, 'requests.manage'),
		officers: can(me.role, 'requests.manage') ? requests.officers() : [],
		now: localDateTimeInput(new Date(), tz)
	};
};

export const actions: Actions = {
	step: async (event) => {
		const me = requirePermission(event, 'requests.manage');
		const id = Number(event.params.id);
		const parsed = parseEvent(await event.request.formData(), settings.get().timeZone);
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		try {
			requests.addEvent(actor(event, me), id, {
				type: parsed.type,
				at: parsed.at,
				data: parsed.data
			});
		} catch (e) {
			if (e instanceof requests.RequestError)
				return invalid(400, { [e.field]: e.key }, parsed.values);
			throw e;
		}
		redirect(303, `/requests/${id}`);
	},
	checklist: async (event) => {
		const me = requirePermission(event, 'requests.manage');
		const id = Number(event.params.id);
		const form = await event.request.formData();
		const ticked = form
			.getAll('doc')
			.map((v) => String(v))
			.filter((v) => /^\d{1,3}$/.test(v))
			.map(Number);
		try {
			requests.setChecklist(actor(event, me), id, ticked);
			if (form.get('confirmed') === 'on') requests.confirmData(actor(event, me), id);
		} catch (e) {
			if (e instanceof requests.RequestError) return invalid(400, { [e.field]: e.key }, {});
			throw e;
		}
		flash(event, 'common.saved');
		return {};
	},
	complaint: async (event) => {
		const me = requirePermission(event, 'requests.manage');
		requirePermission(event, 'requests.personal');
		const id = Number(event.params.id);
		const parsed = parseComplaint(await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		try {
			requests.saveComplaint(actor(event, me), id, parsed.input);
		} catch (e) {
			if (e instanceof requests.RequestError)
				return invalid(400, { [e.field]: e.key }, parsed.values);
			throw e;
		}
		flash(event, 'requests.complaint.saved');
		return {};
	},
	noticeSent: async (event) => {
		requirePermission(event, 'requests.manage');
		const n = Number((await event.request.formData()).get('notice'));
		if (Number.isInteger(n) && n > 0) delivery.markNoticeSent(n);
		redirect(303, `/requests/${event.params.id}`);
	}
};
