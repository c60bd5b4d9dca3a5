/**
 * Walks every route of tests/access.ts as anonymous and as each role: GET, and each named
 * action by POST, asserting the expected status. A 200 where 403 is expected fails.
 * For allowed roles an action is probed with an empty form: anything but 401/403 shows the
 * permission check let it through (validation then answers 400).
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { ROUTES, WHO, type Who } from '../access';
import { DEMO } from './helpers';

async function signIn(request: APIRequestContext, baseURL: string, who: Who) {
	if (who === 'anon') return;
	const res = await request.post('/login', {
		form: { email: DEMO[who].email, password: DEMO[who].password },
		headers: { origin: baseURL },
		maxRedirects: 0
	});
	expect(res.status(), `sign in as ${who}`).toBe(303);
}

/** A beneficiary who did NOT agree to be identified: board and quality must never see them. */
const tail = String(1_000_000 + Math.floor(Math.random() * 8_999_999)); // a new worker makes a new canary
const CANARY = {
	name: `كناري ميمونة ${tail}`,
	mobile: `056${tail}`,
	email: `canary.${tail}@example.org`
};
const CANARY_SIGNS = [CANARY.name, `56${tail}`, tail, CANARY.email];

test.beforeAll(async ({ playwright, baseURL }) => {
	const request = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { accept: 'text/html' }
	});
	await signIn(request, baseURL!, 'relations');
	const made = await request.post('/beneficiaries/new?/save', {
		form: {
			...CANARY,
			gender: 'female',
			ageBand: '30_44',
			city: 'الرياض',
			locale: 'ar',
			preferredChannel: 'whatsapp',
			consentContact: 'on'
		},
		headers: { origin: baseURL! },
		maxRedirects: 0
	});
	expect(made.status()).toBe(303);
	const id = made.headers()['location'].match(/\/beneficiaries\/(\d+)/)![1];
	const enrolled = await request.post(`/beneficiaries/${id}?/enroll`, {
		form: { programId: '1' },
		headers: { origin: baseURL! },
		maxRedirects: 0
	});
	expect(enrolled.status()).toBe(200);
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
		expect(problems).toEqual([]);
		await request.dispose();
	});
}
