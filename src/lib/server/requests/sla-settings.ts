/**
 * The association's SLA settings (holidays, time zone, and the days/mode that untyped requests
 * and newly seeded request types use); a request type's own days/mode win (types.ts).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import * as audit from '../audit';
import type { Actor } from '../audit';
import { getDb } from '../db';
import { holiday, request, requestType, settings as settingsTable } from '../db/schema';
import * as settings from '../settings';
import { dueAt as computeDueAt, type SlaSettings } from './sla';

export function listHolidays(): { date: string; name: string }[] {
	return getDb().select().from(holiday).orderBy(asc(holiday.date)).all();
}

/** The SLA settings of a request type (or the association's), in the association's time zone. */
export function slaSettings(typeId?: number | null): SlaSettings & { timeZone: string } {
	const s = settings.get();
	const t = typeId
		? getDb()
				.select({ days: requestType.slaDays, mode: requestType.slaMode })
				.from(requestType)
				.where(eq(requestType.id, typeId))
				.get()
		: undefined;
	return {
		days: t?.days ?? s.slaDays,
		mode: t?.mode ?? s.slaMode,
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
	const recomputed = recomputeDueDates();
	audit.record({
		actorId: actor.id,
		action: 'requests.sla.update',
		targetType: 'settings',
		targetId: 1,
		details: {
			days: input.days,
			mode: input.mode,
			holidays: input.holidays.length,
			recomputed
		},
		ip: actor.ip
	});
}

/** Recomputes the due date of open requests (of one type, or all) with their type's SLA. */
export function recomputeDueDates(typeId?: number): number {
	const db = getDb();
	const open = db
		.select({ id: request.id, receivedAt: request.receivedAt, typeId: request.typeId })
		.from(request)
		.where(
			typeId
				? and(isNull(request.decidedAt), eq(request.typeId, typeId))
				: isNull(request.decidedAt)
		)
		.all();
	const slas = new Map<number | null, SlaSettings>();
	const upd = db.$client.prepare('update request set due_at = ? where id = ?');
	db.$client.transaction(() => {
		for (const r of open) {
			let sla = slas.get(r.typeId);
			if (!sla) slas.set(r.typeId, (sla = slaSettings(r.typeId)));
			upd.run(computeDueAt(r.receivedAt, sla).getTime(), r.id);
		}
	})();
	return open.length;
}
