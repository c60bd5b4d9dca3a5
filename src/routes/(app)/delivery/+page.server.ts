import { flash } from '$lib/server/flash';
import { fail, redirect } from '@sveltejs/kit';
import * as delivery from '$lib/server/delivery';
import { requirePermission, clientIp } from '$lib/server/guard';
import * as audit from '$lib/server/audit';
import { can } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'invitations.send');
	// The WhatsApp queue names people: only for roles that may see beneficiaries.
	const people = can(me.role, 'beneficiaries.read');
	return {
		summary: delivery.summary(),
		people,
		whatsapp: (people ? delivery.pendingManual('whatsapp') : []).map((m) => ({
			messageId: m.messageId,
			name: m.name,
			mobileMasked: m.mobileMasked,
			kind: m.kind,
			createdAt: m.createdAt.toISOString()
		})),
		failures: delivery.recentFailures().map((f) => ({ ...f, createdAt: f.createdAt.toISOString() }))
	};
};

export const actions: Actions = {
	whatsapp: async (event) => {
		const me = requirePermission(event, 'invitations.send');
		requirePermission(event, 'beneficiaries.read');
		const id = Number((await event.request.formData()).get('messageId'));
		const url = Number.isInteger(id) ? delivery.openWhatsApp(id) : null;
		if (!url) return fail(404, { errors: { _form: 'errors.notFound' }, values: {} });
		audit.record({
			actorId: me.id,
			action: 'delivery.whatsapp',
			targetType: 'outbox_message',
			targetId: id,
			ip: clientIp(event)
		});
		redirect(303, url);
	},
	retry: async (event) => {
		const me = requirePermission(event, 'invitations.send');
		const id = Number((await event.request.formData()).get('messageId'));
		if (!Number.isInteger(id) || !delivery.retry(id))
			return fail(404, { errors: { _form: 'errors.notFound' }, values: {} });
		audit.record({
			actorId: me.id,
			action: 'delivery.retry',
			targetType: 'outbox_message',
			targetId: id,
			ip: clientIp(event)
		});
		flash(event, 'delivery.retried');
		return { ok: true };
	}
};
