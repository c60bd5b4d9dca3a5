import { flash } from '$lib/server/flash';
import { requirePermission, actor } from '$lib/server/guard';
import * as requests from '$lib/server/requests';
import { normaliseHolidays } from '$lib/server/requests/sla';
import * as settings from '$lib/server/settings';
import { int, invalid, oneOf, optionalText, parseForm, z } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'settings.manage');
	const s = settings.get();
	return { days: s.slaDays, mode: s.slaMode, holidays: requests.listHolidays().map((h) => h.date) };
};

const schema = z.object({
	days: int(1, 365),
	mode: oneOf(['calendar', 'working']),
	holidays: optionalText(20_000)
});

export const actions: Actions = {
	save: async (event) => {
		const me = requirePermission(event, 'settings.manage');
		const parsed = parseForm(schema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const entries = (parsed.data.holidays ?? '')
			.split(/[\n,،]+/)
			.map((x) => x.trim())
			.filter(Boolean);
		const { valid, invalid: bad } = normaliseHolidays(entries);
		if (bad.length)
			return invalid(
				400,
				{
					holidays: `requests.settings.badHolidays?list=${encodeURIComponent(bad.slice(0, 5).join(' '))}`
				},
				parsed.values
			);
		requests.saveSla(actor(event, me), {
			days: parsed.data.days,
			mode: parsed.data.mode,
			holidays: valid
		});
		flash(event, 'requests.settings.saved');
		return { ok: true };
	}
};
