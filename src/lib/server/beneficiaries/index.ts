import { type Locale } from '$lib/i18n/locales';
/**
 * Direct beneficiaries. Personal fields are encrypted at rest (crypto.ts); lookups use keyed
 * hashes: exact mobile/email, and name search by keyed hashes of normalised word prefixes.
 * Never log what this module handles; audit ids and field names only.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import * as audit from '../audit';
import { blindIndex, decryptOpt, encryptOpt, type Keys } from '../crypto';
import { getDb } from '../db';
import { beneficiary, beneficiaryNameToken } from '../db/schema';
import { toLatinDigits } from '../../dates';
import * as segments from '../segments';

export const AGE_BANDS = ['u18', '18_29', '30_44', '45_59', '60p'] as const;
export const GENDERS = ['male', 'female'] as const;
export const DELIVERY_CHANNELS = ['sms', 'whatsapp', 'email', 'print'] as const;
export const CONSENT_VERSION = '2026-1';

export type BeneficiaryInput = {
	name: string;
	mobile: string;
	email?: string | null;
	gender?: (typeof GENDERS)[number] | null;
	ageBand?: (typeof AGE_BANDS)[number] | null;
	city?: string | null;
	locale?: Locale;
	preferredChannel?: (typeof DELIVERY_CHANNELS)[number];
	consentContact: boolean;
	consentIdentified?: boolean;
	consentVersion?: string;
	/** Stakeholder segment keys (segments/); none means "beneficiary". Update: kept when absent. */
	segments?: string[];
};

export type Beneficiary = {
	id: number;
	name: string;
	mobile: string | null;
	email: string | null;
	gender: string | null;
	ageBand: string | null;
	city: string | null;
	locale: Locale;
	preferredChannel: string;
	consentContact: boolean;
	consentAt: Date | null;
	consentVersion: string | null;
	consentIdentified: boolean;
	optedOutAt: Date | null;
	erasedAt: Date | null;
	createdAt: Date;
};

/** Saudi mobiles as E.164: accepts 05…, 5…, 9665…, 009665…, +9665…, Arabic-Indic digits. */
export function normaliseMobile(raw: string): string | null {
	const s = toLatinDigits(raw)
		.replace(/[\s\-().]/g, '')
		.replace(/^00/, '+');
	const candidate = /^9665\d{8}$/.test(s) ? '+' + s : s;
	const p = parsePhoneNumberFromString(candidate, 'SA');
	if (!p || !p.isValid()) return null;
	if (p.country === 'SA' && !/^\+9665\d{8}$/.test(p.number)) return null; // mobiles only
	return p.number;
}

export function normaliseEmail(raw: string): string {
	return raw.trim().toLowerCase();
}

/** Arabic-aware normalisation for search: no diacritics/tatweel, unified alef/yaa/taa marbuta. */
export function normaliseName(s: string): string {
	return s
		.toLowerCase()
		.normalize('NFKC')
		.replace(/[\u064B-\u065F\u0670\u0640]/g, '')
		.replace(/[إأآٱ]/g, 'ا')
		.replace(/ى/g, 'ي')
		.replace(/ة/g, 'ه')
		.replace(/[^\p{L}\p{N}\s]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Prefixes (2–12 letters) of each word, as keyed hashes. */
export function nameTokens(name: string, keys?: Keys): string[] {
	const out = new Set<string>();
	for (const w of normaliseName(name).split(' ')) {
		for (let n = 2; n <= Math.min(12, w.length); n++)
			out.add(blindIndex('n:' + w.slice(0, n), keys));
	}
	return [...out];
}

export class DuplicateBeneficiaryError extends Error {
	constructor(
		public field: 'mobile' | 'email',
		public existingId: number
	) {
		super('duplicate ' + field);
	}
}

export const mobileHash = (e164: string, keys?: Keys) => blindIndex('m:' + e164, keys);
export const emailHash = (email: string, keys?: Keys) =>
	blindIndex('e:' + normaliseEmail(email), keys);

export function findByMobile(mobile: string): number | undefined {
	const e164 = normaliseMobile(mobile);
	if (!e164) return undefined;
	return getDb()
		.select({ id: beneficiary.id })
		.from(beneficiary)
		.where(and(eq(beneficiary.mobileHash, mobileHash(e164)), isNull(beneficiary.erasedAt)))
		.get()?.id;
}

export function findByEmail(email: string): number | undefined {
	return getDb()
		.select({ id: beneficiary.id })
		.from(beneficiary)
		.where(and(eq(beneficiary.emailHash, emailHash(email)), isNull(beneficiary.erasedAt)))
		.get()?.id;
}

function rowValues(input: BeneficiaryInput, e164: string) {
	const email = input.email ? normaliseEmail(input.email) : null;
	return {
		nameEnc: encryptOpt(input.name.trim()),
		mobileEnc: encryptOpt(e164),
		mobileHash: mobileHash(e164),
		emailEnc: encryptOpt(email),
		emailHash: email ? emailHash(email) : null,
		gender: input.gender ?? null,
		ageBand: input.ageBand ?? null,
		city: input.city?.trim() || null,
		locale: input.locale ?? 'ar',
		preferredChannel: input.preferredChannel ?? 'sms',
		consentContact: input.consentContact,
		consentIdentified: input.consentIdentified ?? false
	};
}

export class InvalidMobileError extends Error {}

/** Creates a beneficiary; throws DuplicateBeneficiaryError on an existing mobile or email. */
export function create(
	actor: { id: number | null; ip?: string | null },
	input: BeneficiaryInput,
	opts: { audit?: boolean } = {}
): number {
	const e164 = normaliseMobile(input.mobile);
	if (!e164) throw new InvalidMobileError();
	const dupM = findByMobile(e164);
	if (dupM) throw new DuplicateBeneficiaryError('mobile', dupM);
	if (input.email) {
		const dupE = findByEmail(input.email);
		if (dupE) throw new DuplicateBeneficiaryError('email', dupE);
	}
	const db = getDb();
	const id = db.transaction((tx) => {
		const row = tx
			.insert(beneficiary)
			.values({
				...rowValues(input, e164),
				consentAt: input.consentContact ? new Date() : null,
				consentVersion: input.consentContact ? (input.consentVersion ?? CONSENT_VERSION) : null
			})
			.returning({ id: beneficiary.id })
			.get();
		const tokens = nameTokens(input.name);
		if (tokens.length)
			tx.insert(beneficiaryNameToken)
				.values(tokens.map((token) => ({ beneficiaryId: row.id, token })))
				.run();
		return row.id;
	});
	segments.setForContact(id, input.segments ?? []);
	if (opts.audit !== false)
		audit.record({
			actorId: actor.id,
			action: 'beneficiary.create',
			targetType: 'beneficiary',
			targetId: id,
			ip: actor.ip
		});
	return id;
}

/** An erased record stays erased: no edit writes a name back, no enrolment revives it. */
export class ErasedBeneficiaryError extends Error {
	constructor() {
		super('this beneficiary was erased');
	}
}

export function update(
	actor: { id: number | null; ip?: string | null },
	id: number,
	input: BeneficiaryInput
) {
	const current = getDb()
		.select({ erasedAt: beneficiary.erasedAt })
		.from(beneficiary)
		.where(eq(beneficiary.id, id))
		.get();
	if (current?.erasedAt) throw new ErasedBeneficiaryError();
	const e164 = normaliseMobile(input.mobile);
	if (!e164) throw new InvalidMobileError();
	const dupM = findByMobile(e164);
	if (dupM && dupM !== id) throw new DuplicateBeneficiaryError('mobile', dupM);
	if (input.email) {
		const dupE = findByEmail(input.email);
		if (dupE && dupE !== id) throw new DuplicateBeneficiaryError('email', dupE);
	}
	const before = getDb()
		.select({ consentContact: beneficiary.consentContact })
		.from(beneficiary)
		.where(eq(beneficiary.id, id))
		.get();
	getDb().transaction((tx) => {
		tx.update(beneficiary)
			.set({
				...rowValues(input, e164),
				...(before && before.consentContact !== input.consentContact
					? {
							consentAt: input.consentContact ? new Date() : null,
							consentVersion: input.consentContact
								? (input.consentVersion ?? CONSENT_VERSION)
								: null
						}
					: {}),
				updatedAt: new Date()
			})
			.where(eq(beneficiary.id, id))
			.run();
		tx.delete(beneficiaryNameToken).where(eq(beneficiaryNameToken.beneficiaryId, id)).run();
		const tokens = nameTokens(input.name);
		if (tokens.length)
			tx.insert(beneficiaryNameToken)
				.values(tokens.map((token) => ({ beneficiaryId: id, token })))
				.run();
	});
	if (input.segments) segments.setForContact(id, input.segments);
	audit.record({
		actorId: actor.id,
		action: 'beneficiary.update',
		targetType: 'beneficiary',
		targetId: id,
		ip: actor.ip
	});
}

function decode(r: typeof beneficiary.$inferSelect): Beneficiary {
	return {
		id: r.id,
		name: decryptOpt(r.nameEnc) ?? '',
		mobile: decryptOpt(r.mobileEnc),
		email: decryptOpt(r.emailEnc),
		gender: r.gender,
		ageBand: r.ageBand,
		city: r.city,
		locale: r.locale,
		preferredChannel: r.preferredChannel,
		consentContact: r.consentContact,
		consentAt: r.consentAt,
		consentVersion: r.consentVersion,
		consentIdentified: r.consentIdentified,
		optedOutAt: r.optedOutAt,
		erasedAt: r.erasedAt,
		createdAt: r.createdAt
	};
}

export function get(id: number): Beneficiary | undefined {
	const r = getDb().select().from(beneficiary).where(eq(beneficiary.id, id)).get();
	return r ? decode(r) : undefined;
}

export function getMany(ids: number[]): Beneficiary[] {
	if (!ids.length) return [];
	return getDb().select().from(beneficiary).where(inArray(beneficiary.id, ids)).all().map(decode);
}

/** "0551234567" → "055•••4567": enough to recognise, not to copy. */
export function maskMobile(e164: string | null): string {
	if (!e164) return '';
	const local = e164.startsWith('+966') ? '0' + e164.slice(4) : e164;
	return local.slice(0, 3) + '•••' + local.slice(-4);
}

/**
 * Search by name prefix (every word must match) or exact mobile/email. Pages by id; the
 * SQL does the matching, only the page of results is decrypted.
 */
export function search(
	q: string,
	opts: { limit?: number; offset?: number } = {}
): { items: Beneficiary[]; total: number } {
	const limit = Math.min(opts.limit ?? 50, 200);
	const offset = opts.offset ?? 0;
	const db = getDb();
	const query = q.trim();
	let where = sql`${beneficiary.erasedAt} is null`;
	if (query) {
		const asMobile = normaliseMobile(query);
		if (asMobile) where = sql`${where} and ${beneficiary.mobileHash} = ${mobileHash(asMobile)}`;
		else if (query.includes('@'))
			where = sql`${where} and ${beneficiary.emailHash} = ${emailHash(query)}`;
		else {
			const words = normaliseName(query)
				.split(' ')
				.filter((w) => w.length >= 2);
			for (const w of words) {
				const tok = blindIndex('n:' + w.slice(0, 12));
				where = sql`${where} and ${beneficiary.id} in (select ${beneficiaryNameToken.beneficiaryId} from ${beneficiaryNameToken} where ${beneficiaryNameToken.token} = ${tok})`;
			}
		}
	}
	const total = db
		.select({ n: sql<number>`count(*)` })
		.from(beneficiary)
		.where(where)
		.get()!.n;
	const rows = db
		.select()
		.from(beneficiary)
		.where(where)
		.orderBy(desc(beneficiary.id))
		.limit(limit)
		.offset(offset)
		.all();
	return { items: rows.map(decode), total };
}

/** Opt-out of all messages (from an unsubscribe link, or by staff on request). */
export function setOptOut(id: number, optedOut: boolean) {
	getDb()
		.update(beneficiary)
		.set({ optedOutAt: optedOut ? new Date() : null, updatedAt: new Date() })
		.where(eq(beneficiary.id, id))
		.run();
	audit.record({
		actorId: null,
		action: optedOut ? 'beneficiary.optOut' : 'beneficiary.optIn',
		targetType: 'beneficiary',
		targetId: id
	});
}

/**
 * Bulk insert (imports, demo seed) in ONE transaction with prepared statements: all rows
 * or none. Callers check duplicates first (this throws on none; the hashes still catch them
 * through findByMobile on the next import). Returns the new ids in input order.
 */
export function createMany(
	actor: { id: number | null; ip?: string | null },
	inputs: (BeneficiaryInput & { createdAt?: Date })[],
	opts: { audit?: boolean; enrollIn?: number | null; campaignId?: number | null } = {}
): number[] {
	if (!inputs.length) return [];
	const client = getDb().$client;
	const insert = client.prepare(
		`insert into beneficiary (name_enc, mobile_enc, mobile_hash, email_enc, email_hash, gender, age_band, city, locale, preferred_channel, consent_contact, consent_at, consent_version, consent_identified, created_at, updated_at)
		 values (@nameEnc, @mobileEnc, @mobileHash, @emailEnc, @emailHash, @gender, @ageBand, @city, @locale, @preferredChannel, @consentContact, @consentAt, @consentVersion, @consentIdentified, @createdAt, @createdAt)`
	);
	const token = client.prepare(
		'insert or ignore into beneficiary_name_token (beneficiary_id, token) values (?, ?)'
	);
	const enroll = client.prepare(
		'insert or ignore into enrollment (program_id, beneficiary_id, enrolled_at) values (?, ?, ?)'
	);
	const inSegment = client.prepare(
		'insert or ignore into contact_segment (contact_id, segment_id) select ?, id from segment where key = ?'
	);
	const inCampaign = client.prepare(
		'insert or ignore into campaign_contact (campaign_id, contact_id) values (?, ?)'
	);
	const ids = client.transaction(() => {
		const out: number[] = [];
		for (const input of inputs) {
			// Callers pass numbers already normalised (import check, seed): skip re-parsing those.
			const e164 = /^\+9665\d{8}$/.test(input.mobile)
				? input.mobile
				: normaliseMobile(input.mobile);
			if (!e164) throw new InvalidMobileError();
			const v = rowValues(input, e164);
			const at = (input.createdAt ?? new Date()).getTime();
			const id = Number(
				insert.run({
					...v,
					consentContact: v.consentContact ? 1 : 0,
					consentIdentified: v.consentIdentified ? 1 : 0,
					consentAt: input.consentContact ? at : null,
					consentVersion: input.consentContact ? (input.consentVersion ?? CONSENT_VERSION) : null,
					createdAt: at
				}).lastInsertRowid
			);
			for (const t of nameTokens(input.name)) token.run(id, t);
			if (opts.enrollIn) enroll.run(opts.enrollIn, id, at);
			const keys = input.segments?.length ? input.segments : [segments.BENEFICIARY];
			for (const k of keys) inSegment.run(id, k);
			if (opts.campaignId) inCampaign.run(opts.campaignId, id);
			out.push(id);
		}
		return out;
	})();
	if (opts.audit !== false)
		audit.record({
			actorId: actor.id,
			action: 'beneficiary.import',
			targetType: 'beneficiary',
			details: {
				count: ids.length,
				programId: opts.enrollIn ?? null,
				campaignId: opts.campaignId ?? null
			},
			ip: actor.ip
		});
	return ids;
}
