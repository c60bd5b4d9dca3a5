/**
 * Form and URL parsing for the request pages (zod; error messages are i18n keys).
 */
import { isIsoDate, isLocalDateTime, parseLocalDateTime, toLatinDigits } from '../../dates';
import { checkbox, int, msg, oneOf, optionalText, parseForm, text, z } from '../validate';
import { parsePage } from '../paging';
import { isSurveyChoice } from '../surveys/versions';
import { KINDS, OUTCOMES, STATUSES, STEP_TYPES, type EventData, type StepType } from './lifecycle';
import type { BeneficiaryPick, ComplaintInput, CreateInput, ListFilters } from './index';
import { getType, type DocItem, type TypeInput } from './types';

export const LIMITS = {
	subject: 200,
	details: 5000,
	reference: 60,
	reason: 1000,
	name: 120
} as const;

const localDateTime = z
	.string()
	.trim()
	.optional()
	.refine((v) => !v || isLocalDateTime(v), msg('errors.date'));

const createSchema = z
	.object({
		channelId: z.preprocess(
			(v) => (v === '' || v == null ? undefined : v),
			z
				.string({ error: msg('requests.err.channel') })
				.regex(/^\d+$/, msg('requests.err.channel'))
				.transform(Number)
		),
		kind: oneOf(KINDS),
		beneficiaryMode: oneOf(['existing', 'new', 'anonymous']),
		beneficiaryId: z.string().optional(),
		name: optionalText(LIMITS.name),
		mobile: optionalText(30),
		email: optionalText(254),
		consent: checkbox(),
		subject: text(LIMITS.subject),
		details: optionalText(LIMITS.details),
		referenceNo: optionalText(LIMITS.reference),
		receivedAt: localDateTime,
		backdateReason: optionalText(LIMITS.reason),
		assigneeId: z.string().optional(),
		typeId: z.string().optional(),
		confirmed: checkbox()
	})
	.superRefine((v, ctx) => {
		if (v.beneficiaryMode === 'existing' && !/^\d+$/.test(v.beneficiaryId ?? ''))
			ctx.addIssue({
				code: 'custom',
				path: ['beneficiaryId'],
				message: msg('requests.err.unknownBeneficiary')
			});
		if (v.beneficiaryMode === 'new') {
			if (!v.name)
				ctx.addIssue({ code: 'custom', path: ['name'], message: msg('errors.required') });
			if (!v.mobile)
				ctx.addIssue({ code: 'custom', path: ['mobile'], message: msg('errors.required') });
			if (v.email && !z.email().safeParse(v.email.toLowerCase()).success)
				ctx.addIssue({ code: 'custom', path: ['email'], message: msg('errors.email') });
		}
	});

export function parseCreate(form: FormData, tz: string) {
	const p = parseForm(createSchema, form);
	if (!p.ok) return p;
	const d = p.data;
	let beneficiary: BeneficiaryPick;
	if (d.beneficiaryMode === 'existing')
		beneficiary = { mode: 'existing', id: Number(d.beneficiaryId) };
	else if (d.beneficiaryMode === 'new')
		beneficiary = {
			mode: 'new',
			name: d.name!,
			mobile: d.mobile!,
			email: d.email ?? null,
			consentContact: d.consent
		};
	else beneficiary = { mode: 'anonymous' };
	const input: CreateInput = {
		channelId: d.channelId,
		kind: d.kind,
		beneficiary,
		subject: d.subject,
		details: d.details,
		referenceNo: d.referenceNo ?? null,
		receivedAt: d.receivedAt ? (parseLocalDateTime(d.receivedAt, tz) ?? undefined) : undefined,
		backdateReason: d.backdateReason ?? null,
		assigneeId: d.assigneeId && /^\d+$/.test(d.assigneeId) ? Number(d.assigneeId) : undefined,
		typeId: d.typeId && /^\d+$/.test(d.typeId) ? Number(d.typeId) : undefined,
		confirmed: d.confirmed
	};
	return { ok: true as const, input, values: p.values };
}

const eventSchema = z.object({
	type: oneOf([...STEP_TYPES, 'note', 'assigned', 'escalated'] as [string, ...string[]]),
	at: localDateTime,
	complete: z.string().optional(),
	missing: optionalText(LIMITS.reason),
	outcome: z.string().optional(),
	reason: optionalText(LIMITS.reason),
	association: optionalText(LIMITS.name),
	contact: optionalText(LIMITS.reason),
	text: optionalText(LIMITS.details),
	assigneeId: z.string().optional()
});

export function parseEvent(form: FormData, tz: string) {
	const p = parseForm(eventSchema, form);
	if (!p.ok) return p;
	const d = p.data;
	const data: EventData = {};
	if (d.type === 'data_checked') {
		data.complete = d.complete !== 'no';
		if (d.missing) data.missing = d.missing;
	}
	if (d.type === 'decision') {
		if (d.outcome && (OUTCOMES as readonly string[]).includes(d.outcome))
			data.outcome = d.outcome as EventData['outcome'];
		if (d.reason) data.reason = d.reason;
		if (d.association && d.outcome === 'referred') data.association = d.association;
		if (d.contact && d.outcome === 'referred') data.contact = d.contact;
	}
	if ((d.type === 'reopened' || d.type === 'escalated') && d.reason) data.reason = d.reason;
	if (
		(d.type === 'answered' || d.type === 'note' || d.type === 'closed' || d.type === 'delivered') &&
		d.text
	)
		data.text = d.text;
	if (d.type === 'assigned' && d.assigneeId && /^\d+$/.test(d.assigneeId))
		data.assigneeId = Number(d.assigneeId);
	const at = d.at ? parseLocalDateTime(d.at, tz) : null;
	return {
		ok: true as const,
		type: d.type as StepType | 'note' | 'assigned' | 'escalated',
		at: at ?? undefined,
		data: Object.keys(data).length ? data : null,
		values: p.values
	};
}

/** Filters from the URL (invalid values are ignored, not errors). */
export function filtersFromUrl(
	url: URL,
	meId: number
): ListFilters & { mine: boolean; page: number } {
	const g = (k: string) => url.searchParams.get(k) ?? '';
	const f: ListFilters & { mine: boolean; page: number } = {
		mine: g('mine') === '1',
		page: parsePage(g('page'))
	};
	if (/^\d+$/.test(g('channel'))) f.channelId = Number(g('channel'));
	if (/^\d+$/.test(g('type'))) f.typeId = Number(g('type'));
	if ((KINDS as readonly string[]).includes(g('kind'))) f.kind = g('kind') as ListFilters['kind'];
	if (g('status') === 'open' || (STATUSES as readonly string[]).includes(g('status')))
		f.status = g('status') as ListFilters['status'];
	if (/^\d+$/.test(g('officer'))) f.assigneeId = Number(g('officer'));
	if (f.mine) f.assigneeId = meId;
	if (isIsoDate(g('from'))) f.from = g('from');
	if (isIsoDate(g('to'))) f.to = g('to');
	if (g('overdue') === '1') f.overdue = true;
	if (['dueSoon', 'overdue', 'committee'].includes(g('queue')))
		f.queue = g('queue') as ListFilters['queue'];
	if (g('q').trim()) f.q = g('q').trim().slice(0, 100);
	return f;
}

const complaintSchema = z.object({
	sector: z.string().optional(),
	merchant: optionalText(LIMITS.name),
	amount: z
		.string()
		.trim()
		.optional()
		.refine((v) => !v || /^\d{1,9}(\.\d{1,2})?$/.test(toLatinDigits(v)), msg('errors.invalid')),
	authority: optionalText(LIMITS.name),
	authorityRef: optionalText(LIMITS.reference),
	authorityOutcome: z.string().optional()
});

/** A complaint's fields (amount typed in riyals, stored in halalas). */
export function parseComplaint(form: FormData) {
	const p = parseForm(complaintSchema, form);
	if (!p.ok) return p;
	const d = p.data;
	const input: ComplaintInput = {
		sector: d.sector || null,
		merchant: d.merchant || null,
		amountDisputed: d.amount ? Math.round(Number(toLatinDigits(d.amount)) * 100) : null,
		authority: d.authority || null,
		authorityRef: d.authorityRef || null,
		authorityOutcome: (['pending', 'resolved', 'rejected', 'closed'] as const).find(
			(o) => o === d.authorityOutcome
		)
	};
	return { ok: true as const, input, values: p.values };
}

/** Roles a request may escalate to (the board reads figures, it does not handle requests). */
export const ESCALATION_ROLES = ['admin', 'quality', 'relations'] as const;
const MAX_DOCUMENTS = 20;

const typeSchema = z.object({
	id: z.string().optional(),
	key: z.string().trim().optional(),
	nameAr: text(80),
	nameEn: text(80),
	kind: oneOf(KINDS),
	slaDays: int(1, 365),
	slaMode: oneOf(['calendar', 'working']),
	documents: optionalText(4000),
	escalationRole: oneOf(ESCALATION_ROLES),
	complaint: checkbox(),
	sort: int(0, 10_000),
	active: checkbox(),
	// empty: the default service survey; else a published survey (checked below: the type's
	// own survey stays accepted when it was archived since)
	surveyId: z
		.string()
		.trim()
		.optional()
		.transform((s) => s || null)
});

/**
 * A request type from the settings form. Documents come one per line, "Arabic | English";
 * a line without both names is refused with its number. The key is asked only on creation.
 */
export function parseRequestType(form: FormData) {
	const p = parseForm(typeSchema, form);
	if (!p.ok) return p;
	const d = p.data;
	const id = d.id && /^\d+$/.test(d.id) ? Number(d.id) : undefined;
	if (!id && !/^[a-z][a-z0-9_]{1,30}$/.test(d.key ?? ''))
		return { ok: false as const, errors: { key: 'errors.invalid' }, values: p.values };
	if (d.surveyId && !isSurveyChoice(d.surveyId, id ? getType(id)?.surveyId : null))
		return { ok: false as const, errors: { surveyId: 'programs.unknownSurvey' }, values: p.values };
	const lines = (d.documents ?? '')
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean);
	if (lines.length > MAX_DOCUMENTS)
		return {
			ok: false as const,
			errors: { documents: 'requests.types.tooManyDocuments' },
			values: p.values
		};
	const documents: DocItem[] = [];
	for (const line of lines) {
		const [ar, en, extra] = line.split('|').map((x) => x.trim());
		if (!ar || !en || extra !== undefined || ar.length > 120 || en.length > 120)
			return {
				ok: false as const,
				errors: { documents: 'requests.types.badDocuments' },
				values: p.values
			};
		documents.push({ ar, en });
	}
	const input: TypeInput = {
		id,
		key: id ? undefined : d.key,
		nameAr: d.nameAr,
		nameEn: d.nameEn,
		kind: d.kind,
		slaDays: d.slaDays,
		slaMode: d.slaMode,
		documents,
		escalationRole: d.escalationRole,
		complaint: d.complaint,
		sort: d.sort,
		active: d.active,
		surveyId: d.surveyId
	};
	return { ok: true as const, input, values: p.values };
}
