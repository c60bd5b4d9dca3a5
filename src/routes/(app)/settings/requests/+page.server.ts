import { flash } from '$lib/server/flash';
import { requirePermission, actor } from '$lib/server/guard';
import * as requests from '$lib/server/requests';
import { ESCALATION_ROLES, parseRequestType } from '$lib/server/requests/forms';
import { DEFAULT_SERVICE_SURVEY } from '$lib/server/requests/hooks';
import { normaliseHolidays } from '$lib/server/requests/sla';
import { surveyChoices } from '$lib/server/surveys/versions';
import * as settings from '$lib/server/settings';
import { int, invalid, oneOf, optionalText, parseForm, z } from '$lib/server/validate';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'settings.manage');
	const s = settings.get();
	const counts = requests.countsByType();
	const types = requests.listTypes().map((x) => ({ ...x, requests: counts.get(x.id) ?? 0 }));
	// ?type=<id> opens that type's form, ?type=new an empty one (no JavaScript needed).
	const pick = event.url.searchParams.get('type');
	const editing = pick === 'new' ? 'new' : (types.find((x) => String(x.id) === pick)?.id ?? null);
	return {
		days: s.slaDays,
		mode: s.slaMode,
		holidays: requests.listHolidays().map((h) => h.date),
		types,
		editing,
		kinds: [...requests.KINDS],
		roles: [...ESCALATION_ROLES],
		// the empty choice is the default service survey: not listed twice
		surveys: surveyChoices(types.find((x) => x.id === editing)?.surveyId).filter(
			(x) => x.id !== DEFAULT_SERVICE_SURVEY
		)
	};
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
	},
	saveType: async (event) => {
		const me = requirePermission(event, 'settings.manage');
		const parsed = parseRequestType(await event.request.formData());
		if (!parsed.ok) return invalid(400, { ...parsed.errors, _type: '1' }, parsed.values);
		try {
			requests.saveType(actor(event, me), parsed.input, requests.recomputeDueDates);
		} catch (e) {
			if (e instanceof requests.RequestError)
				return invalid(400, { [e.field]: e.key, _type: '1' }, parsed.values);
			throw e;
		}
		flash(event, 'requests.types.saved');
		redirect(303, '/settings/requests');
	}
};
