/** The survey page's ?/preview action, called as SvelteKit would (real DB, real invitation). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestDb } from '$lib/server/testing';
import * as beneficiaries from '$lib/server/beneficiaries';
import * as programs from '$lib/server/programs';
import { syncDefinitions } from '$lib/server/surveys/versions';
import { actions } from './+page.server';

useTestDb();
afterEach(() => {
	vi.useRealTimers();
});

function invitationTokens(n: number): string[] {
	syncDefinitions();
	const pid = programs.create(
		{ id: null },
		{
			nameAr: 'معاينة',
			nameEn: 'Preview',
			description: '',
			kind: 'program',
			startDate: '2026-01-01',
			endDate: '2026-02-01',
			surveyId: 'post-program',
			responsibleUserId: null
		}
	);
	const people = Array.from({ length: n }, (_, i) =>
		beneficiaries.create(
			{ id: null },
			{ name: `م${i}`, mobile: `05510000${String(40 + i)}`, consentContact: true }
		)
	);
	programs.enroll({ id: null }, pid, people);
	return programs.end({ id: null }, pid).map((t) => t.token);
}

function preview(token: string) {
	const body = new FormData();
	body.set('pageIndex', '0');
	body.set('overall', '2');
	return actions.preview({
		params: { token },
		request: new Request(`http://x/s/${token}?/preview`, { method: 'POST', body }),
		locals: { locale: 'ar', user: null, session: null },
		url: new URL(`http://x/s/${token}`),
		cookies: { get: () => undefined, set: () => {} },
		getClientAddress: () => '198.51.100.4',
		setHeaders: () => {}
	} as never) as Promise<{ status?: number; preview?: unknown }>;
}

describe('?/preview is rate-limited per invitation', () => {
	it('answers a burst, then refuses with 429; another invitation is unaffected', async () => {
		const [a, b] = invitationTokens(2);
		// The clock stands still (no refill while the loop runs, however slow the machine).
		const t0 = Date.now();
		vi.useFakeTimers({ toFake: ['Date'], now: t0 });
		const results: (number | 'ok')[] = [];
		for (let i = 0; i < 120; i++) {
			const r = await preview(a);
			results.push(r.preview ? 'ok' : (r.status ?? 0));
		}
		// A person clicking quickly through a page is never refused…
		expect(results.slice(0, 10)).toEqual(Array(10).fill('ok'));
		// …but a script posting previews in a loop is, with 429 and no work done.
		const firstRefused = results.indexOf(429);
		expect(firstRefused).toBeGreaterThanOrEqual(10);
		expect(firstRefused).toBeLessThanOrEqual(60);
		expect(results.slice(firstRefused).every((r) => r === 429)).toBe(true);
		// The limit is the invitation's, not the IP's: someone else on the same Wi-Fi is fine.
		expect((await preview(b)).preview).toBeTruthy();
		// A minute later the same link previews again.
		vi.setSystemTime(t0 + 60_000);
		expect((await preview(a)).preview).toBeTruthy();
	});
});
