/** Yearly targets per indicator, in the association's calendar, with the better direction. */
import { and, eq } from 'drizzle-orm';
import * as audit from '../audit';
import { getDb } from '../db';
import { target } from '../db/schema';
import type { Calendar } from '../../dates';
import type { IndicatorKey } from '../../indicators/registry';

export type Direction = 'higher' | 'lower';
export type Target = {
	indicator: IndicatorKey;
	year: number;
	calendar: Calendar;
	value: number;
	direction: Direction;
	setBy: number | null;
	setAt: Date;
};

/** "near" = within this share of the target, on the wrong side. */
export const NEAR = 0.05;

export type Status = 'met' | 'near' | 'missed' | 'none';

/**
 * Met when the actual is at or beyond the target in the better direction; near when it
 * misses by no more than NEAR × |target| (at least a hair, so a 0 target has a band too).
 */
export function status(
	actual: number | null,
	t: { value: number; direction: Direction } | null | undefined,
	near = NEAR
): Status {
	if (actual == null || !t) return 'none';
	const tol = Math.max(Math.abs(t.value) * near, 1e-9);
	const gap = t.direction === 'higher' ? t.value - actual : actual - t.value;
	if (gap <= 1e-12) return 'met';
	return gap <= tol + 1e-12 ? 'near' : 'missed';
}

export function forYear(calendar: Calendar, year: number): Map<IndicatorKey, Target> {
	const rows = getDb()
		.select()
		.from(target)
		.where(and(eq(target.calendar, calendar), eq(target.year, year)))
		.all();
	return new Map(
		rows.map((r) => [
			r.indicator,
			{
				indicator: r.indicator,
				year: r.year,
				calendar: r.calendar,
				value: r.value,
				direction: r.direction,
				setBy: r.setBy,
				setAt: r.setAt
			}
		])
	);
}

export function years(calendar: Calendar): number[] {
	return getDb()
		.selectDistinct({ y: target.year })
		.from(target)
		.where(eq(target.calendar, calendar))
		.all()
		.map((r) => r.y)
		.sort((a, b) => b - a);
}

export function set(
	actor: { id: number | null; ip?: string | null },
	input: {
		indicator: IndicatorKey;
		calendar: Calendar;
		year: number;
		value: number;
		direction: Direction;
	}
) {
	const at = new Date();
	getDb()
		.insert(target)
		.values({ ...input, setBy: actor.id, setAt: at })
		.onConflictDoUpdate({
			target: [target.indicator, target.calendar, target.year],
			set: { value: input.value, direction: input.direction, setBy: actor.id, setAt: at }
		})
		.run();
	audit.record({
		actorId: actor.id,
		action: 'target.set',
		targetType: 'target',
		targetId: `${input.indicator}:${input.calendar}:${input.year}`,
		details: { value: input.value, direction: input.direction },
		ip: actor.ip
	});
}

export function remove(
	actor: { id: number | null; ip?: string | null },
	input: { indicator: IndicatorKey; calendar: Calendar; year: number }
) {
	getDb()
		.delete(target)
		.where(
			and(
				eq(target.indicator, input.indicator),
				eq(target.calendar, input.calendar),
				eq(target.year, input.year)
			)
		)
		.run();
	audit.record({
		actorId: actor.id,
		action: 'target.remove',
		targetType: 'target',
		targetId: `${input.indicator}:${input.calendar}:${input.year}`,
		ip: actor.ip
	});
}
