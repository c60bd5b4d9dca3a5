/** The association's SLA settings (days, calendar/working mode, holidays). */
import { asc, eq, isNull } from 'drizzle-orm';
import * as audit from '../audit';
import type { Actor } from '../audit';
import { getDb } from '../db';
import { holiday, request, settings as settingsTable } from '../db/schema';
import * as settings from '../settings';
import { dueAt as computeDueAt, type SlaSettings } from './sla';

export function listHolidays(): { date: string; name: string }[] {
	return getDb().select().from(holiday).orderBy(asc(holiday.date)).all();
}

/** The SLA settings, in the association's time zone. */
export function slaSettings(): SlaSettings & { timeZone: string } {
	const s = settings.get();
	return {
		days: s.slaDays,
		mode: s.slaMode,
		holidays: listHolidays().map((h) => h.date),
		timeZone: s.timeZone
	};
}

/** Saves SLA days/mode and replaces the holiday list; recomputes the due date of open requests. */
export function saveSla(
	actor: Actor,
	input: { days: number; mode: 'calendar' | 'working'; holidays: string[] }
) {
	const db = getDb();
	db.transaction((tx) => {
		tx.update(settingsTable)
			.set({ slaDays: input.days, slaMode: input.mode, updatedAt: new Date() })
			.where(eq(settingsTable.id, 1))
			.run();
		tx.delete(holiday).run();
		if (input.holidays.length)
			tx.insert(holiday)
				.values([...new Set(input.holidays)].map((date) => ({ date, name: '' })))
				.run();
	});
	const sla = slaSettings();
	const open = db
		.select({ id: request.id, receivedAt: request.receivedAt })
		.from(request)
		.where(isNull(request.decidedAt))
		.all();
	const upd = db.$client.prepare('update request set due_at = ? where id = ?');
	db.$client.transaction(() => {
		for (const r of open) upd.run(computeDueAt(r.receivedAt, sla).getTime(), r.id);
	})();
	audit.record({
		actorId: actor.id,
		action: 'requests.sla.update',
		targetType: 'settings',
		targetId: 1,
		details: {
			days: input.days,
			mode: input.mode,
			holidays: input.holidays.length,
			recomputed: open.length
		},
		ip: actor.ip
	});
}
