import { flash } from '$lib/server/flash';
import * as delivery from '$lib/server/delivery';
import { requirePermission, clientIp } from '$lib/server/guard';
import * as audit from '$lib/server/audit';
import { invalid, msg, type FieldErrors } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

/** Survey messages, then the requester notices (acknowledgement and the three decisions). */
const KEYS = ['invitation', 'reminder', ...delivery.NOTICE_KEYS] as const;
/** What a notice cannot do without (besides {link}): the code on receipt, the body on referral. */
const NEEDS: Partial<Record<(typeof KEYS)[number], string>> = {
	requestAck: '{code}',
	requestReferred: '{body}'
};
const PARTS = ['emailSubject', 'emailBody', 'sms', 'whatsapp'] as const;
const LOCALES = ['ar', 'en'] as const;
const MAX = { emailSubject: 150, emailBody: 3000, sms: 480, whatsapp: 1000 } as const;
const field = (k: string, p: string, l: string) => `${k}.${p}.${l}`;

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'settings.manage');
	const texts: Record<string, string> = {};
	for (const k of KEYS)
		for (const p of PARTS)
			for (const l of LOCALES) texts[field(k, p, l)] = delivery.getTemplate(k, p, l);
	return {
		texts,
		keys: [...KEYS],
		notices: [...delivery.NOTICE_KEYS] as string[],
		parts: [...PARTS],
		max: MAX
	};
};

export const actions: Actions = {
	default: async (event) => {
		const me = requirePermission(event, 'settings.manage');
		const form = await event.request.formData();
		const values: Record<string, string> = {};
		const errors: FieldErrors = {};
		for (const k of KEYS)
			for (const p of PARTS)
				for (const l of LOCALES) {
					const name = field(k, p, l);
					const v = String(form.get(name) ?? '').trim();
					values[name] = v;
					if (!v) errors[name] = 'errors.required';
					else if (v.length > MAX[p]) errors[name] = `errors.tooLong?max=${MAX[p]}`;
					else if (p !== 'emailSubject' && !v.includes('{link}'))
						errors[name] = 'messages.needLink';
					else if (p !== 'emailSubject' && NEEDS[k] && !v.includes(NEEDS[k]))
						errors[name] = msg('messages.needPlaceholder', { placeholder: NEEDS[k] });
				}
		if (Object.keys(errors).length) return invalid(400, errors, values);
		for (const k of KEYS)
			for (const p of PARTS)
				for (const l of LOCALES) delivery.setTemplate(k, p, l, values[field(k, p, l)]);
		audit.record({ actorId: me.id, action: 'messages.update', ip: clientIp(event) });
		flash(event, 'messages.saved');
		return { ok: true };
	}
};
