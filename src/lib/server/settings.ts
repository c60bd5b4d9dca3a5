import { localName, type Locale } from '$lib/i18n/locales';
import { eq } from 'drizzle-orm';
import * as audit from './audit';
import { getDb, prepared } from './db';
import { settings } from './db/schema';
import { DEFAULT_TIME_ZONE } from '../dates';
import * as scheduler from './scheduler';

export type Settings = typeof settings.$inferSelect;
export type SettingsInput = Omit<Settings, 'id' | 'updatedAt'>;

const DEFAULTS: SettingsInput = {
	nameAr: 'جمعيتنا الخيرية',
	nameEn: 'Our Charity Association',
	licenceNumber: '',
	timeZone: DEFAULT_TIME_ZONE,
	fiscalYearStart: 1,
	calendar: 'gregorian',
	slaDays: 14,
	slaMode: 'calendar'
};

export function ensure(values: Partial<SettingsInput> = {}) {
	getDb()
		.insert(settings)
		.values({ id: 1, ...DEFAULTS, ...values })
		.onConflictDoNothing()
		.run();
}

/** Read on every call (never cached: a change shows at once), from one prepared query. */
export function get(): Settings {
	const row = prepared('settings.get', (db) =>
		db.select().from(settings).where(eq(settings.id, 1)).prepare()
	).get();
	if (row) return row;
	ensure();
	return getDb().select().from(settings).where(eq(settings.id, 1)).get()!;
}

export function update(actor: { id: number; ip?: string | null }, input: Partial<SettingsInput>) {
	const before = get();
	getDb()
		.update(settings)
		.set({ ...input, updatedAt: new Date() })
		.where(eq(settings.id, 1))
		.run();
	const changed = (Object.keys(input) as (keyof SettingsInput)[]).filter(
		(k) => before[k] !== input[k]
	);
	if (input.timeZone && input.timeZone !== before.timeZone) scheduler.setTimeZone(input.timeZone);
	audit.record({
		actorId: actor.id,
		action: 'settings.update',
		targetType: 'settings',
		targetId: 1,
		details: { changed },
		ip: actor.ip
	});
}

export function associationName(locale: Locale): string {
	const s = get();
	return localName(s, locale);
}
