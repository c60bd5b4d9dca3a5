import { desc, eq, lt, and, type SQL } from 'drizzle-orm';
import { getDb } from './db';
import { auditEvent, user } from './db/schema';

/** Who did something: the user (null for the system) and the client's address. */
export type Actor = { id: number | null; ip?: string | null };

export type AuditInput = {
	actorId: number | null;
	action: string;
	targetType?: string;
	targetId?: string | number;
	/** Never beneficiaries' personal data: ids and field names only. */
	details?: Record<string, unknown>;
	ip?: string | null;
};

export function record(e: AuditInput) {
	getDb()
		.insert(auditEvent)
		.values({
			actorId: e.actorId,
			action: e.action,
			targetType: e.targetType ?? null,
			targetId: e.targetId == null ? null : String(e.targetId),
			details: e.details ? JSON.stringify(e.details) : null,
			ip: e.ip ?? null
		})
		.run();
}

export type AuditRow = {
	id: number;
	at: Date;
	action: string;
	actorName: string | null;
	targetType: string | null;
	targetId: string | null;
	details: string | null;
	ip: string | null;
};

/** Newest first, keyset-paginated by id. */
export function list(opts: { before?: number; limit?: number; action?: string } = {}): AuditRow[] {
	const limit = Math.min(opts.limit ?? 50, 200);
	const where: SQL[] = [];
	if (opts.before) where.push(lt(auditEvent.id, opts.before));
	if (opts.action) where.push(eq(auditEvent.action, opts.action));
	return getDb()
		.select({
			id: auditEvent.id,
			at: auditEvent.at,
			action: auditEvent.action,
			actorName: user.name,
			targetType: auditEvent.targetType,
			targetId: auditEvent.targetId,
			details: auditEvent.details,
			ip: auditEvent.ip
		})
		.from(auditEvent)
		.leftJoin(user, eq(user.id, auditEvent.actorId))
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(auditEvent.id))
		.limit(limit)
		.all();
}
