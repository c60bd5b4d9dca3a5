/**
 * Canaries: a beneficiary with unique contact data, and free text about them typed where
 * people type it — a survey comment (through the survey form), a request subject and a
 * request note (through the relations officer's forms). Privacy tests then look for every
 * planted value where it must not be.
 */
import { expect, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

export const dbFile = () => join(process.env.E2E_DATA!, 'e2e.db');

/** Letters only (a digit run would itself be redacted as a number): a word found nowhere else. */
export function uniqueWord(prefix: string): string {
	const letters = 'بتثجحخدذرزسشصضطظعغفقكلمنهوي';
	let w = prefix;
	for (const b of randomBytes(7)) w += letters[b % letters.length];
	return w;
}

export type Canary = {
	id: number;
	name: string;
	mobile: string;
	email: string;
	/** The 7 digits that make the mobile unique (also in the name). */
	tail: string;
};

export async function plantBeneficiary(
	request: APIRequestContext,
	origin: string,
	extra: Record<string, string> = {}
): Promise<Canary> {
	const tail = String(1_000_000 + Math.floor(Math.random() * 8_999_999));
	const c = {
		name: `كناري ميمونة ${tail}`,
		mobile: `056${tail}`,
		email: `canary.${tail}@example.org`
	};
	const made = await request.post('/beneficiaries/new?/save', {
		form: {
			...c,
			gender: 'female',
			ageBand: '30_44',
			city: 'الرياض',
			locale: 'ar',
			preferredChannel: 'whatsapp',
			consentContact: 'on',
			...extra
		},
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(made.status(), 'canary beneficiary created').toBe(303);
	const id = Number(made.headers()['location'].match(/\/beneficiaries\/(\d+)/)![1]);
	return { id, ...c, tail };
}

/** A request about the canary (subject) and a note on it, as a relations officer types them. */
export async function plantRequest(
	request: APIRequestContext,
	origin: string,
	beneficiaryId: number,
	subject: string,
	note: string
): Promise<number> {
	const channel = openDb(
		(db) =>
			(
				db.prepare(`select id from channel where active = 1 order by sort limit 1`).get() as {
					id: number;
				}
			).id
	);
	const made = await request.post('/requests/new?/create', {
		form: {
			channelId: String(channel),
			kind: 'support',
			beneficiaryMode: 'existing',
			beneficiaryId: String(beneficiaryId),
			subject,
			details: ''
		},
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(made.status(), 'canary request created').toBe(303);
	const id = Number(made.headers()['location'].match(/\/requests\/(\d+)/)![1]);
	const step = await request.post(`/requests/${id}?/step`, {
		form: { type: 'note', text: note },
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(step.status(), 'canary note added').toBe(303);
	return id;
}

/**
 * A comment from the canary: an invitation to the one-page service survey is issued in the
 * database (as closing a request would), then answered through the survey form itself.
 */
export async function plantComment(
	request: APIRequestContext,
	origin: string,
	beneficiaryId: number,
	comment: string
): Promise<number> {
	const token = randomBytes(24).toString('base64url');
	const inv = openDb((db) => {
		const v = db
			.prepare(
				`select id from survey_version where survey_id = 'service-request' order by id desc limit 1`
			)
			.get() as { id: number };
		return db
			.prepare(
				`insert into invitation (kind, beneficiary_id, survey_version_id, token_hash, expires_at, locale) values ('request', ?, ?, ?, ?, 'ar') returning id`
			)
			.get(
				beneficiaryId,
				v.id,
				createHash('sha256').update(token).digest('hex'),
				Date.now() + 86_400_000
			) as { id: number };
	}, false);
	const res = await request.post(`/s/${token}?/answer`, {
		form: {
			pageIndex: '0',
			overall: '2',
			answered_in_time: 'true',
			courtesy: '3',
			comment,
			nav: 'next'
		},
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	expect(((await res.json()) as { type: string }).type, 'canary comment submitted').toBe('success');
	return openDb(
		(db) =>
			(db.prepare('select id from response where invitation_id = ?').get(inv.id) as { id: number })
				.id
	);
}

/** Runs fn on a short-lived connection to the app's database (closed before returning). */
export function openDb<T>(fn: (db: Database.Database) => T, readonly = true): T {
	const db = new Database(dbFile(), { readonly });
	try {
		return fn(db);
	} finally {
		db.close();
	}
}
