/**
 * Walks every route of tests/access.ts as anonymous and as each role: GET, and each named
 * action by POST, asserting the expected status. A 200 where 403 is expected fails.
 * For allowed roles an action is probed with an empty form: anything but 401/403 shows the
 * permission check let it through (validation then answers 400).
 */
import type { APIRequestContext } from '@playwright/test';
import { ROUTES, WHO, type Who } from '../access';
import { DEMO, expect, test } from './helpers';
import { plantBeneficiary, plantComment, plantRequest } from './canary';

// One test per role, independent: each worker plants its own canary (beforeAll) in its own
// database, so the roles may run on different workers.
test.describe.configure({ mode: 'parallel' });

async function signIn(request: APIRequestContext, baseURL: string, who: Who) {
	if (who === 'anon') return;
	const res = await request.post('/login', {
		form: { email: DEMO[who].email, password: DEMO[who].password },
		headers: { origin: baseURL },
		maxRedirects: 0
	});
	expect(res.status(), `sign in as ${who}`).toBe(303);
}

/**
 * A beneficiary who did NOT agree to be identified: board and quality must never see them —
 * neither their record nor free text about them (a survey comment, a request subject, a note),
 * which reaches quality only as a redacted copy.
 */
let CANARY_SIGNS: string[] = [];
/** Pages showing the canary's free text (ids known once planted), walked like the table's. */
let EXTRA: string[] = [];

test.beforeAll(async ({ playwright, baseURL }) => {
	const request = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { accept: 'text/html' }
	});
	await signIn(request, baseURL!, 'relations');
	const c = await plantBeneficiary(request, baseURL!);
	CANARY_SIGNS = [c.name, `56${c.tail}`, c.tail, c.email];
	const enrolled = await request.post(`/beneficiaries/${c.id}?/enroll`, {
		form: { programId: '1' },
		headers: { origin: baseURL! },
		maxRedirects: 0
	});
	expect(enrolled.status()).toBe(200);
	const rid = await plantRequest(
		request,
		baseURL!,
		c.id,
		`طلب مساعدة لـ${c.name} جوال ${c.mobile}`,
		`تواصلت مع ${c.name} على ${c.email} وجوالها ${c.mobile}`
	);
	const resp = await plantComment(
		request,
		baseURL!,
		c.id,
		`أنا ${c.name}، جوالي ${c.mobile} وبريدي ${c.email}`
	);
	const today = new Date(Date.now() + 3 * 3_600_000); // Riyadh
	const quarter = `${today.getUTCFullYear()}/${Math.floor(today.getUTCMonth() / 3) + 1}`;
	EXTRA = [
		'/requests',
		`/requests/${rid}`,
		'/requests/export?format=csv',
		'/dashboard/comments',
		'/dashboard/responses?comments=1',
		`/actions/new?fromComment=${resp}`,
		`/reports/${quarter}`
	];
	await request.dispose();
});

for (const who of WHO) {
	test(`every route answers ${who} as the table says`, async ({ playwright, baseURL }) => {
		const request = await playwright.request.newContext({
			baseURL,
			extraHTTPHeaders: { accept: 'text/html' }
		});
		await signIn(request, baseURL!, who);
		const problems: string[] = [];
		for (const [id, spec] of Object.entries(ROUTES)) {
			if (spec.get) {
				const res = await request.get(spec.path, { maxRedirects: 0 });
				const want = spec.get[who];
				if (res.status() !== want)
					problems.push(`GET ${spec.path} (${id}): ${res.status()}, expected ${want}`);
				if (who === 'board' || who === 'quality' || who === 'anon') {
					const body = await res.text();
					for (const sign of CANARY_SIGNS)
						if (body.includes(sign))
							problems.push(`GET ${spec.path} shows personal data to ${who}`);
				}
			}
			for (const [name, expectBy] of Object.entries(spec.actions ?? {})) {
				const want = expectBy[who];
				const allowed = want !== 403 && want !== 401;
				if (allowed && spec.destructive?.includes(name)) continue;
				const url = name === 'default' ? spec.path : `${spec.path}?/${name}`;
				const res = await request.post(url, {
					form: spec.form ?? { _probe: '1' },
					headers: { origin: baseURL! },
					maxRedirects: 0
				});
				const got = res.status();
				const ok = allowed ? got !== 401 && got !== 403 : got === want;
				if (!ok)
					problems.push(`POST ${url} (${id}): ${got}, expected ${allowed ? 'allowed' : want}`);
			}
		}
		if (who === 'board' || who === 'quality' || who === 'anon') {
			for (const path of EXTRA) {
				const body = await (await request.get(path, { maxRedirects: 0 })).text();
				for (const sign of CANARY_SIGNS)
					if (body.includes(sign))
						problems.push(`GET ${path} shows the canary's free text (${sign}) to ${who}`);
			}
		}
		expect(problems).toEqual([]);
		await request.dispose();
	});
}
