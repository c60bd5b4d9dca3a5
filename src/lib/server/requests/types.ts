/**
 * Request types: each with its own SLA (days, calendar or working days), a required-documents
 * checklist (a request is "complete" when every item is ticked), the role it escalates to, and
 * whether it is a consumer complaint. The promised response time is a setting per type, never a
 * phrase in code: the defaults below are seeded once from the association's SLA setting.
 */
import { asc, eq, sql } from 'drizzle-orm';
import * as audit from '../audit';
import type { Actor } from '../audit';
import { getDb } from '../db';
import { request, requestType } from '../db/schema';
import type { Role } from '../permissions';
import * as settings from '../settings';
import { RequestError, type Kind } from './lifecycle';
import type { SlaMode } from './sla';

export type DocItem = { ar: string; en: string };
export type RequestType = Omit<typeof requestType.$inferSelect, 'documents'> & {
	documents: DocItem[];
};

/** Seeded when the table is empty; admins edit them (settings → request types). */
export const DEFAULT_TYPES: {
	key: string;
	nameAr: string;
	nameEn: string;
	kind: Kind;
	documents: DocItem[];
	escalationRole: Role;
	complaint?: boolean;
}[] = [
	{
		key: 'support',
		nameAr: 'طلب مساعدة',
		nameEn: 'Support request',
		kind: 'support',
		documents: [
			{ ar: 'صورة الهوية الوطنية', en: 'National ID copy' },
			{ ar: 'سجل الأسرة', en: 'Family record' },
			{ ar: 'ما يثبت الدخل', en: 'Proof of income' }
		],
		escalationRole: 'admin'
	},
	{
		key: 'complaint',
		nameAr: 'شكوى استهلاكية',
		nameEn: 'Consumer complaint',
		kind: 'complaint',
		documents: [
			{ ar: 'الفاتورة أو الإيصال', en: 'Invoice or receipt' },
			{ ar: 'صورة الهوية الوطنية', en: 'National ID copy' }
		],
		escalationRole: 'quality',
		complaint: true
	},
	{
		key: 'inquiry',
		nameAr: 'استفسار',
		nameEn: 'Inquiry',
		kind: 'inquiry',
		documents: [],
		escalationRole: 'relations'
	},
	{
		key: 'suggestion',
		nameAr: 'اقتراح',
		nameEn: 'Suggestion',
		kind: 'suggestion',
		documents: [],
		escalationRole: 'quality'
	},
	{
		key: 'other',
		nameAr: 'أخرى',
		nameEn: 'Other',
		kind: 'other',
		documents: [],
		escalationRole: 'admin'
	}
];

function parseDocs(s: string): DocItem[] {
	try {
		const v = JSON.parse(s) as unknown;
		return Array.isArray(v)
			? v
					.filter((d): d is DocItem => !!d && typeof d.ar === 'string' && typeof d.en === 'string')
					.map((d) => ({ ar: d.ar, en: d.en }))
			: [];
	} catch {
		return [];
	}
}

const toType = (r: typeof requestType.$inferSelect): RequestType => ({
	...r,
	documents: parseDocs(r.documents)
});

/** Inserts the default types when the table is empty, with the association's SLA setting. */
export function ensureRequestTypes() {
	const db = getDb();
	const n = db
		.select({ n: sql<number>`count(*)` })
		.from(requestType)
		.get()!.n;
	if (n > 0) return;
	const s = settings.get();
	db.insert(requestType)
		.values(
			DEFAULT_TYPES.map((t, i) => ({
				key: t.key,
				nameAr: t.nameAr,
				nameEn: t.nameEn,
				kind: t.kind,
				slaDays: s.slaDays,
				slaMode: s.slaMode,
				documents: JSON.stringify(t.documents),
				escalationRole: t.escalationRole,
				complaint: !!t.complaint,
				sort: (i + 1) * 10,
				active: true
			}))
		)
		.run();
}

export function listTypes(opts: { activeOnly?: boolean } = {}): RequestType[] {
	const q = getDb().select().from(requestType);
	return (opts.activeOnly ? q.where(eq(requestType.active, true)) : q)
		.orderBy(asc(requestType.sort), asc(requestType.id))
		.all()
		.map(toType);
}

export function getType(id: number | null | undefined): RequestType | undefined {
	if (!id) return undefined;
	const r = getDb().select().from(requestType).where(eq(requestType.id, id)).get();
	return r ? toType(r) : undefined;
}

/** The type a request of this kind gets when none was chosen (the first active one). */
export function defaultTypeFor(kind: Kind): RequestType | undefined {
	const r = getDb()
		.select()
		.from(requestType)
		.where(sql`${requestType.kind} = ${kind} and ${requestType.active} = 1`)
		.orderBy(asc(requestType.sort), asc(requestType.id))
		.get();
	return r ? toType(r) : undefined;
}

export type TypeInput = {
	id?: number;
	key?: string;
	nameAr: string;
	nameEn: string;
	kind: Kind;
	slaDays: number;
	slaMode: SlaMode;
	documents: DocItem[];
	escalationRole: Role;
	complaint: boolean;
	sort: number;
	active: boolean;
	/** The service survey closed requests of this type are invited to; null: the default. */
	surveyId: string | null;
};

/** Creates or updates a type; returns its id. Open requests of the type get their due date again. */
export function saveType(actor: Actor, input: TypeInput, recompute: (typeId: number) => number) {
	const db = getDb();
	const values = {
		nameAr: input.nameAr,
		nameEn: input.nameEn,
		kind: input.kind,
		slaDays: input.slaDays,
		slaMode: input.slaMode,
		documents: JSON.stringify(input.documents),
		escalationRole: input.escalationRole,
		complaint: input.complaint,
		sort: input.sort,
		active: input.active,
		surveyId: input.surveyId
	};
	let id: number;
	if (input.id) {
		if (!getType(input.id)) throw new RequestError('_form', 'requests.err.notFound');
		db.update(requestType).set(values).where(eq(requestType.id, input.id)).run();
		id = input.id;
	} else {
		const key = input.key!;
		if (db.select({ id: requestType.id }).from(requestType).where(eq(requestType.key, key)).get())
			throw new RequestError('key', 'channels.keyTaken');
		id = db
			.insert(requestType)
			.values({ key, ...values })
			.returning({ id: requestType.id })
			.get().id;
	}
	const recomputed = recompute(id);
	audit.record({
		actorId: actor.id,
		action: input.id ? 'requestType.update' : 'requestType.create',
		targetType: 'request_type',
		targetId: id,
		details: {
			slaDays: input.slaDays,
			slaMode: input.slaMode,
			surveyId: input.surveyId,
			recomputed
		},
		ip: actor.ip
	});
	return id;
}

/** The completeness of a checklist against a type's documents. */
export function isComplete(type: RequestType | undefined, ticked: readonly number[]): boolean {
	if (!type) return true;
	return type.documents.every((_, i) => ticked.includes(i));
}

export function parseChecklist(s: string | null | undefined): number[] {
	try {
		const v = JSON.parse(s ?? '[]') as unknown;
		return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x) && x >= 0) : [];
	} catch {
		return [];
	}
}

/** Counts of requests per type (for the settings page). */
export function countsByType(): Map<number, number> {
	return new Map(
		getDb()
			.select({ id: request.typeId, n: sql<number>`count(*)` })
			.from(request)
			.groupBy(request.typeId)
			.all()
			.filter((r) => r.id != null)
			.map((r) => [r.id!, r.n])
	);
}
