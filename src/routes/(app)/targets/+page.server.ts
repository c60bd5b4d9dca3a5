import { flash } from '$lib/server/flash';
import { redirect } from '@sveltejs/kit';
import { requirePermission, actor } from '$lib/server/guard';
import * as settings from '$lib/server/settings';
import * as targets from '$lib/server/targets';
import { INDICATOR_KEYS, INDICATORS } from '$lib/indicators/registry';
import { invalid, type FieldErrors } from '$lib/server/validate';
import { localDate, quarterOf, toLatinDigits } from '$lib/dates';
import { fromInput, INPUT_RANGE, toInput } from '$lib/indicators/format';
import type { Actions, PageServerLoad } from './$types';

function yearOf(
	url: URL,
	calendar: 'gregorian' | 'hijri',
	tz: string
): { year: number; current: number } {
	const current = quarterOf(localDate(new Date(), tz), calendar).year;
	const y = Number(toLatinDigits(url.searchParams.get('year') ?? ''));
	return {
		year: Number.isInteger(y) && y >= current - 10 && y <= current + 5 ? y : current,
		current
	};
}

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'targets.manage');
	const s = settings.get();
	const { year, current } = yearOf(event.url, s.calendar, s.timeZone);
	const set = targets.forYear(s.calendar, year);
	return {
		calendar: s.calendar,
		slaDays: s.slaDays,
		year,
		years: [current - 1, current, current + 1],
		rows: INDICATOR_KEYS.map((key) => {
			const t = set.get(key);
			const { unit, better } = INDICATORS[key];
			return {
				key,
				unit,
				value: t ? toInput(t.value, unit) : null,
				direction: t?.direction ?? better,
				setAt: t?.setAt.getTime() ?? null
			};
		})
	};
};

export const actions: Actions = {
	default: async (event) => {
		const me = requirePermission(event, 'targets.manage');
		const s = settings.get();
		const { year } = yearOf(event.url, s.calendar, s.timeZone);
		const form = await event.request.formData();
		const values: Record<string, string> = {};
		const errors: FieldErrors = {};
		const parsed: {
			key: (typeof INDICATOR_KEYS)[number];
			value: number | null;
			direction: 'higher' | 'lower';
		}[] = [];
		for (const key of INDICATOR_KEYS) {
			const raw = toLatinDigits(String(form.get(`${key}.value`) ?? '').trim())
				.replace('٫', '.')
				.replace(',', '.');
			const dir = String(form.get(`${key}.direction`) ?? '');
			values[`${key}.value`] = raw;
			values[`${key}.direction`] = dir;
			if (dir !== 'higher' && dir !== 'lower') errors[`${key}.direction`] = 'errors.choice';
			if (raw === '') {
				parsed.push({ key, value: null, direction: dir === 'lower' ? 'lower' : 'higher' });
				continue;
			}
			const v = Number(raw);
			const u = INDICATORS[key].unit;
			const [min, max] = INPUT_RANGE[u];
			if (!/^-?\d+(\.\d+)?$/.test(raw) || v < min || v > max)
				errors[`${key}.value`] = 'targets.badValue';
			else parsed.push({ key, value: fromInput(v, u), direction: dir as 'higher' | 'lower' });
		}
		if (Object.keys(errors).length) return invalid(400, errors, values);
		const existing = targets.forYear(s.calendar, year);
		const by = actor(event, me);
		for (const p of parsed) {
			const cur = existing.get(p.key);
			if (p.value == null) {
				if (cur) targets.remove(by, { indicator: p.key, calendar: s.calendar, year });
			} else if (!cur || Math.abs(cur.value - p.value) > 1e-12 || cur.direction !== p.direction)
				targets.set(by, {
					indicator: p.key,
					calendar: s.calendar,
					year,
					value: p.value,
					direction: p.direction
				});
		}
		flash(event, 'targets.saved');
		redirect(303, `/targets?year=${year}`);
	}
};
