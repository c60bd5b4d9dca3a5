import { flash } from '$lib/server/flash';
import { isTimeZone } from '$lib/dates';
import { requirePermission, actor } from '$lib/server/guard';
import * as settings from '$lib/server/settings';
import { invalid, int, oneOf, parseForm, text, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'settings.manage');
	const s = settings.get();
	return {
		settings: {
			nameAr: s.nameAr,
			nameEn: s.nameEn,
			licenceNumber: s.licenceNumber,
			timeZone: s.timeZone,
			fiscalYearStart: s.fiscalYearStart,
			calendar: s.calendar,
			slaDays: s.slaDays,
			slaMode: s.slaMode
		}
	};
};

const schema = z.object({
	nameAr: text(150),
	nameEn: text(150),
	licenceNumber: z.string().trim().max(40, 'errors.tooLong?max=40'),
	timeZone: text(60).refine(isTimeZone, 'errors.invalid'),
	fiscalYearStart: int(1, 12),
	calendar: oneOf(['gregorian', 'hijri']),
	slaDays: int(1, 365),
	slaMode: oneOf(['calendar', 'working'])
});

export const actions: Actions = {
	default: async (event) => {
		const me = requirePermission(event, 'settings.manage');
		const parsed = parseForm(schema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		settings.update(actor(event, me), parsed.data);
		flash(event, 'settings.saved');
		return { ok: true };
	}
};
