/**
 * Hostile and random input at the public endpoints and the import: never a 500, never a row
 * stored from an invalid payload, and the server keeps answering. fast-check generates the
 * payloads (bounded runs; the seed is printed on failure for replay).
 */
import type { APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEMO, expect, test } from './helpers';

const dbFile = () => join(process.env.E2E_DATA!, 'e2e.db');
function count(sql: string, ...args: unknown[]): number {
	const db = new Database(dbFile(), { readonly: true });
	try {
		return (db.prepare(sql).get(...args) as { n: number }).n;
	} finally {
		db.close();
	}
}

const hostile = fc.oneof(
	fc.string({ maxLength: 300 }),
	fc.string({ unit: 'grapheme', maxLength: 200 }),
	fc.constantFrom(
		'',
		' ',
		'<script>alert(1)</script>',
		"' or 1=1 --",
		'=cmd|/c calc',
		'\u0000',
		'٠٥٥١٢٣٤٥٦٧',
		'x'.repeat(20_000),
		'{"s":1}',
		'../../etc/passwd',
		'%00',
		'١e٩٩٩'
	),
	fc.integer().map(String),
	fc.double().map(String)
);

async function alive(request: APIRequestContext) {
	expect((await request.get('/login')).status()).toBe(200);
}

test('POST /api/collect: junk never errors and is never stored', async ({ request, baseURL }) => {
	const before = count('select count(*) as n from site_event');
	const body = fc.oneof(
		hostile,
		fc.json(),
		fc
			.record({
				s: hostile,
				u: fc.oneof(fc.webUrl(), hostile),
				r: fc.oneof(fc.webUrl(), hostile),
				w: fc.anything()
			})
			.map((o) => JSON.stringify(o))
	);
	await fc.assert(
		fc.asyncProperty(
			body,
			fc.constantFrom('text/plain', 'application/json', 'application/x-www-form-urlencoded', ''),
			fc.oneof(fc.webUrl(), fc.constant('null')),
			async (b, type, origin) => {
				const res = await request.post('/api/collect', {
					data: b,
					headers: { ...(type ? { 'content-type': type } : {}), origin: origin.replace(/\/+$/, '') }
				});
				expect(res.status()).toBeLessThan(500);
			}
		),
		{ numRuns: 150 }
	);
	expect(count('select count(*) as n from site_event')).toBe(before);
	await alive(request);
	void baseURL;
});

test('POST /r: random forms never error; rows appear only for accepted submissions', async ({
	playwright,
	baseURL
}) => {
	const before = count('select count(*) as n from request');
	let accepted = 0;
	await fc.assert(
		fc.asyncProperty(
			fc.record({
				name: hostile,
				mobile: hostile,
				email: hostile,
				kind: hostile,
				subject: hostile,
				details: hostile,
				consent: fc.oneof(fc.constantFrom('on', '', 'yes'), hostile),
				website: fc.constantFrom('', 'bot')
			}),
			async (form) => {
				// Each case from its own "device" so the per-IP limit is part of what is tested, not a wall.
				const request = await playwright.request.newContext({
					baseURL,
					extraHTTPHeaders: { accept: 'text/html', origin: baseURL! }
				});
				const res = await request.post('/r', {
					form: form as Record<string, string>,
					maxRedirects: 0
				});
				expect(res.status()).toBeLessThan(500);
				if (res.status() === 303) accepted++;
				await request.dispose();
			}
		),
		{ numRuns: 60 }
	);
	expect(count('select count(*) as n from request') - before).toBe(accepted);
});

test('POST /s/[token]: random answers never error, are never stored invalid, never twice', async ({
	request,
	baseURL
}) => {
	// A fresh invitation for the one-page service survey, straight into the database.
	const token = randomBytes(24).toString('base64url');
	const db = new Database(dbFile());
	const version = db
		.prepare(
			`select id from survey_version where survey_id = 'service-request' order by id desc limit 1`
		)
		.get() as { id: number };
	const inv = db
		.prepare(
			`insert into invitation (kind, survey_version_id, token_hash, expires_at, locale) values ('request', ?, ?, ?, 'ar') returning id`
		)
		.get(version.id, createHash('sha256').update(token).digest('hex'), Date.now() + 86_400_000) as {
		id: number;
	};
	db.close();

	let successes = 0;
	const answers = fc.dictionary(
		fc.constantFrom(
			'overall',
			'courtesy',
			'answered_in_time',
			'comment',
			'pageIndex',
			'nav',
			'_shown',
			'extra',
			'overall.x'
		),
		fc.oneof(
			hostile,
			fc.integer({ min: -3, max: 12 }).map(String),
			fc.constantFrom('true', 'false')
		)
	);
	await fc.assert(
		fc.asyncProperty(answers, async (form) => {
			const res = await request.post(`/s/${token}?/answer`, {
				form,
				headers: { origin: baseURL!, accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			expect(res.status()).toBeLessThan(500);
			const json = (await res.json()) as { type: string };
			if (json.type === 'success') successes++;
		}),
		{ numRuns: 120 }
	);
	const stored = count('select count(*) as n from response where invitation_id = ?', inv.id);
	expect(stored).toBe(successes > 0 ? 1 : 0);
	if (stored) {
		const r = new Database(dbFile(), { readonly: true })
			.prepare('select csat from response where invitation_id = ?')
			.get(inv.id) as { csat: number };
		expect(r.csat).toBeGreaterThanOrEqual(1);
		expect(r.csat).toBeLessThanOrEqual(5);
	}
	await alive(request);
});

test('beneficiary import: random files never error and a preview stores nothing', async ({
	playwright,
	baseURL
}) => {
	const request = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	const login = await request.post('/login', {
		form: { email: DEMO.relations.email, password: DEMO.relations.password },
		maxRedirects: 0
	});
	expect(login.status()).toBe(303);
	const before = count('select count(*) as n from beneficiary');
	const file = fc.oneof(
		fc.uint8Array({ maxLength: 4000 }).map((b) => Buffer.from(b)),
		fc
			.array(fc.array(hostile, { maxLength: 9 }), { maxLength: 30 })
			.map((rows) =>
				Buffer.from(['الاسم,الجوال,الموافقة', ...rows.map((r) => r.join(','))].join('\n'))
			),
		fc.constant(Buffer.from('PK\u0003\u0004not really a zip'))
	);
	await fc.assert(
		fc.asyncProperty(
			file,
			fc.constantFrom('x.csv', 'x.xlsx', 'x.txt', 'x'),
			async (buffer, name) => {
				const res = await request.post('/beneficiaries/import?/preview', {
					multipart: { file: { name, mimeType: 'application/octet-stream', buffer } },
					maxRedirects: 0
				});
				expect(res.status()).toBeLessThan(500);
			}
		),
		{ numRuns: 60 }
	);
	expect(count('select count(*) as n from beneficiary')).toBe(before);
	await request.dispose();
});
