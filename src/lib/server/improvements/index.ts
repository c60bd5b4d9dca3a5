/**
 * Improvement actions (الإجراءات التحسينية): every weak point becomes an action with an
 * owner and a due date; the indicator's baseline is recorded when it is opened and the
 * value after the change is measured when it is closed (both with sample sizes).
 */
import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import * as audit from '../audit';
import { getDb } from '../db';
import {
	improvementAction,
	program,
	response,
	user,
	ACTION_SOURCES,
	ACTION_STATUSES
} from '../db/schema';
import * as settings from '../settings';
import { addDays, localDate } from '../../dates';
import { filtersFor, measure, type IndicatorKey, type Range } from '../indicators/measure';
import { INDICATORS } from '../../indicators/registry';

export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ActionSource = (typeof ACTION_SOURCES)[number];
export type Action = typeof improvementAction.$inferSelect;

/** Days measured before opening (baseline) and at most before closing (after). */
export const WINDOW_DAYS = 90;

import type { Actor } from '../audit';
export type { Actor };

export type ActionInput = {
	title: string;
	description: string;
	source: ActionSource;
	sourceRef: string | null;
	ownerId: number | null;
	dueDate: string;
	indicator: IndicatorKey;
	programId: number | null;
};

function ctx() {
	const s = settings.get();
	return { calendar: s.calendar, timeZone: s.timeZone };
}

/** The indicator (scoped to the program when it can be) over a local-date range. */
export function measureFor(
	indicator: IndicatorKey,
	programId: number | null,
	range: Range,
	now = Date.now()
) {
	const c = ctx();
	return measure(
		indicator,
		filtersFor(range, c, {
			program: programId && INDICATORS[indicator].programScoped ? programId : null
		}),
		now
	);
}

/** Baseline window: the WINDOW_DAYS before the day the action is opened. */
export function baselineRange(openedOn: string): Range {
	return { from: addDays(openedOn, -WINDOW_DAYS), to: openedOn };
}

/** After window: from the day it was opened (the change starts) to the day it closed, at most WINDOW_DAYS. */
export function afterRange(openedOn: string, closedOn: string): Range {
	const from =
		addDays(closedOn, -WINDOW_DAYS) > openedOn ? addDays(closedOn, -WINDOW_DAYS) : openedOn;
	return { from, to: closedOn > from ? closedOn : addDays(from, 1) };
}

export function create(actor: Actor, input: ActionInput, at: Date = new Date()): number {
	const tz = ctx().timeZone;
	const b = baselineRange(localDate(at, tz));
	const m = measureFor(input.indicator, input.programId, b, at.getTime());
	const row = getDb()
		.insert(improvementAction)
		.values({
			...input,
			status: 'open',
			baselineValue: m.value,
			baselineN: m.n,
			baselineFrom: b.from,
			baselineTo: b.to,
			createdBy: actor.id,
			createdAt: at,
			updatedAt: at
		})
		.returning({ id: improvementAction.id })
		.get();
	audit.record({
		actorId: actor.id,
		action: 'action.create',
		targetType: 'improvement_action',
		targetId: row.id,
		details: { source: input.source, indicator: input.indicator },
		ip: actor.ip
	});
	return row.id;
}

/** Edit fields and/or move the status; closing as done measures the after-value. */
export function update(
	actor: Actor,
	id: number,
	input: Partial<ActionInput> & { status?: ActionStatus },
	at: Date = new Date()
) {
	const cur = get(id);
	if (!cur) return false;
	const patch: Partial<typeof improvementAction.$inferInsert> = { ...input, updatedAt: at };
	const closing =
		input.status &&
		input.status !== cur.status &&
		(input.status === 'done' || input.status === 'cancelled');
	const reopening =
		input.status &&
		(input.status === 'open' || input.status === 'in_progress') &&
		(cur.status === 'done' || cur.status === 'cancelled');
	if (closing) {
		patch.closedAt = at;
		if (input.status === 'done') {
			const tz = ctx().timeZone;
			const r = afterRange(localDate(cur.createdAt, tz), localDate(at, tz));
			const m = measureFor(
				input.indicator ?? cur.indicator,
				input.programId !== undefined ? input.programId : cur.programId,
				r,
				at.getTime()
			);
			Object.assign(patch, { afterValue: m.value, afterN: m.n, afterFrom: r.from, afterTo: r.to });
		}
	} else if (reopening)
		Object.assign(patch, {
			closedAt: null,
			afterValue: null,
			afterN: null,
			afterFrom: null,
			afterTo: null
		});
	getDb().update(improvementAction).set(patch).where(eq(improvementAction.id, id)).run();
	audit.record({
		actorId: actor.id,
		action: 'action.update',
		targetType: 'improvement_action',
		targetId: id,
		details: { changed: Object.keys(input), status: input.status ?? cur.status },
		ip: actor.ip
	});
	return true;
}

export function get(id: number): Action | undefined {
	return getDb().select().from(improvementAction).where(eq(improvementAction.id, id)).get();
}

const listColumns = {
	id: improvementAction.id,
	title: improvementAction.title,
	description: improvementAction.description,
	source: improvementAction.source,
	sourceRef: improvementAction.sourceRef,
	status: improvementAction.status,
	dueDate: improvementAction.dueDate,
	indicator: improvementAction.indicator,
	programId: improvementAction.programId,
	ownerId: improvementAction.ownerId,
	ownerName: user.name,
	programAr: program.nameAr,
	programEn: program.nameEn,
	baselineValue: improvementAction.baselineValue,
	baselineN: improvementAction.baselineN,
	afterValue: improvementAction.afterValue,
	afterN: improvementAction.afterN,
	createdAt: improvementAction.createdAt,
	closedAt: improvementAction.closedAt
};
export type ActionRow = {
	[K in keyof typeof listColumns]: (typeof listColumns)[K]['_']['notNull'] extends true
		? (typeof listColumns)[K]['_']['data']
		: (typeof listColumns)[K]['_']['data'] | null;
};

function base() {
	return getDb()
		.select(listColumns)
		.from(improvementAction)
		.leftJoin(user, eq(user.id, improvementAction.ownerId))
		.leftJoin(program, eq(program.id, improvementAction.programId));
}

export function list(filter: { status?: ActionStatus | null } = {}): ActionRow[] {
	const q = base();
	return (filter.status ? q.where(eq(improvementAction.status, filter.status)) : q)
		.orderBy(
			sql`case ${improvementAction.status} when 'in_progress' then 0 when 'open' then 1 when 'done' then 2 else 3 end`,
			asc(improvementAction.dueDate),
			asc(improvementAction.id)
		)
		.all() as ActionRow[];
}

/** Open or in-progress actions past their due date (local date), most overdue first. For the dashboard. */
export function overdue(now: Date = new Date()): ActionRow[] {
	const today = localDate(now, ctx().timeZone);
	return base()
		.where(
			and(
				inArray(improvementAction.status, ['open', 'in_progress']),
				lt(improvementAction.dueDate, today)
			)
		)
		.orderBy(asc(improvementAction.dueDate), asc(improvementAction.id))
		.all() as ActionRow[];
}

/** Actions for a quarter's report: opened in it, still running at its end, closed in it. */
export function forPeriod(fromMs: number, toMs: number) {
	const from = new Date(fromMs);
	const to = new Date(toMs);
	const opened = base()
		.where(and(gte(improvementAction.createdAt, from), lt(improvementAction.createdAt, to)))
		.orderBy(asc(improvementAction.createdAt), asc(improvementAction.id))
		.all() as ActionRow[];
	const running = base()
		.where(
			and(
				lt(improvementAction.createdAt, to),
				or(sql`${improvementAction.closedAt} is null`, gte(improvementAction.closedAt, to))
			)
		)
		.orderBy(asc(improvementAction.dueDate), asc(improvementAction.id))
		.all() as ActionRow[];
	const closed = base()
		.where(
			and(
				eq(improvementAction.status, 'done'),
				gte(improvementAction.closedAt, from),
				lt(improvementAction.closedAt, to)
			)
		)
		.orderBy(asc(improvementAction.closedAt), asc(improvementAction.id))
		.all() as ActionRow[];
	return { opened, running, closed };
}

/** A response's comment and program, to prefill an action from it (no personal data). */
export function commentSource(responseId: number) {
	return getDb()
		.select({
			id: response.id,
			comment: response.comment,
			programId: response.programId,
			csat: response.csat
		})
		.from(response)
		.where(eq(response.id, responseId))
		.get();
}

export function owners() {
	return getDb()
		.select({ id: user.id, name: user.name })
		.from(user)
		.where(
			and(inArray(user.role, ['admin', 'quality', 'relations']), sql`${user.disabledAt} is null`)
		)
		.orderBy(asc(user.name))
		.all();
}

export function programs() {
	return getDb()
		.select({ id: program.id, nameAr: program.nameAr, nameEn: program.nameEn })
		.from(program)
		.orderBy(desc(program.startDate), asc(program.id))
		.all();
}

/** One action with its owner's and program's names. */
export function row(id: number): ActionRow | undefined {
	return base().where(eq(improvementAction.id, id)).get() as ActionRow | undefined;
}
