import { asLocale, LOCALE_COOKIE, type Locale } from '$lib/i18n/locales';
import { clientIp } from '$lib/server/guard';
import { isHttps } from '$lib/server/origin';
import {
	answerLink,
	decideAnswer,
	draftOf,
	keepDraft,
	pageIndexOf,
	storeAnswers
} from '$lib/server/responses/answer';
// The beneficiary's survey: no login, the opaque token is the only key. Works as plain
// form posts (JS off); use:enhance and the preview action make it smoother with JS.
// Never log the token; never put anything but the token in the URL.
import { fail, redirect } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import * as invitations from '$lib/server/invitations';
import { tokenBucket } from '$lib/server/ratelimit';
import * as campaigns from '$lib/server/campaigns';
import * as programs from '$lib/server/programs';
import * as settings from '$lib/server/settings';
import { previewPage, renderPage, submitPage, formUi } from '$lib/server/surveys';
import { aroundForm, linkText } from '$lib/server/surveys/page-strings';
import { definitionOf } from '$lib/server/surveys/versions';
import * as walkin from '$lib/server/surveys/walkin';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Live previews per invitation: 20 at once (a person clicking through a page), then one per 2 s. */
const previewLimit = tokenBucket({ burst: 20, perSecond: 0.5 });
/** A campaign's open link: 10 new surveys at once per address, then one a minute. */
const openLinkLimit = tokenBucket({ burst: 10, perSecond: 1 / 60 });
const DEVICE_COOKIE = 'rida_device';

function shell(locale: Locale) {
	return {
		locale,
		dir: locale === 'ar' ? ('rtl' as const) : ('ltr' as const),
		// Only what the page may draw: a link state's two strings come with that state.
		strings: aroundForm(locale),
		association: settings.associationName(locale)
	};
}

function stateLocale(event: { locals: App.Locals }): Locale {
	return event.locals.locale;
}

/** A walk-in link: start a fresh anonymous invitation for this device and go to it. */
function startWalkIn(event: RequestEvent, token: string) {
	const p = programs.findByAnonymousToken(token);
	const c = p ? undefined : campaigns.findByOpenToken(token);
	if ((!p || p.archivedAt) && (!c || c.status !== 'active')) return null;
	let device = event.cookies.get(DEVICE_COOKIE);
	if (!device || !/^[A-Za-z0-9_-]{16,40}$/.test(device)) {
		device = randomBytes(16).toString('base64url');
		event.cookies.set(DEVICE_COOKIE, device, {
			path: '/s',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24 * 30,
			secure: isHttps(event.url)
		});
	}
	const ip = clientIp(event);
	// Campaign open links are posted on public websites: a per-address bucket on top of the
	// per-device and per-IP windows (a script cannot fill the survey from one address).
	if (c && !openLinkLimit.take(`${c.id}:${walkin.ipHash(ip)}`)) return 'limit' as const;
	if (!walkin.allow(p ? p.id : `c${c!.id}`, device, ip)) return 'limit' as const;
	const locale = stateLocale(event);
	const created = p
		? invitations.createInvitation({
				kind: 'program',
				programId: p.id,
				surveyId: p.surveyId,
				anonymous: true,
				locale
			})
		: invitations.createInvitation({
				kind: 'campaign',
				campaignId: c!.id,
				surveyId: c!.surveyId,
				anonymous: true,
				locale
			});
	redirect(303, `/s/${created.token}`);
}

export const load: PageServerLoad = (event) => {
	event.setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
	const token = event.params.token;
	const found = invitations.findByToken(token);
	if (found.status !== 'ok') {
		const walk = found.status === 'unknown' ? startWalkIn(event, token) : null;
		// A used or expired link speaks the survey's language (the thank-you page after an
		// enhanced submit is this load, run again by a fresh GET without the action's locale).
		const locale = found.status === 'unknown' ? stateLocale(event) : found.locale;
		event.locals.locale = locale;
		const state = walk === 'limit' ? ('limit' as const) : found.status;
		return { ...shell(locale), state, text: linkText(locale, state) };
	}
	const inv = found.invitation;
	const def = definitionOf(inv.surveyVersionId);
	if (!def) {
		const locale = stateLocale(event);
		return { ...shell(locale), state: 'unknown' as const, text: linkText(locale, 'unknown') };
	}
	invitations.markOpened(inv.id);
	const locale = inv.locale;
	event.locals.locale = locale;
	const view = renderPage(def, { locale, data: draftOf(inv), pageIndex: inv.draftPage });
	return { ...shell(locale), state: 'survey' as const, view, ui: formUi(locale) };
};

export const actions: Actions = {
	// The steps live in responses/answer.ts: the production server's lean path (responses/lean.ts)
	// runs the same ones for an enhanced last-page post and hands anything else to this action.
	answer: async (event) => {
		const link = answerLink(event.params.token, () => stateLocale(event));
		if (!link.ok) return fail(link.status, link.data);
		const form = await event.request.formData();
		const d = decideAnswer(link.inv, link.def, form);
		if (!d.ok) return fail(d.status, d.data);
		if (d.done) {
			const stored = await storeAnswers(d); // group-committed
			if (!stored.ok) return fail(stored.status, stored.data);
			event.locals.locale = d.locale;
			return stored.data;
		}
		keepDraft(d);
		redirect(303, `/s/${event.params.token}`);
	},
	/** With JS: the page as it should look now (visibleIf), nothing stored. */
	preview: async (event) => {
		const c = answerLink(event.params.token, () => stateLocale(event));
		if (!c.ok) return fail(c.status, c.data);
		// Each preview runs the survey model (tens of ms): a script looping on one link must
		// not take the server's CPU. The page ignores a refused preview (the form still works).
		if (!previewLimit.take(String(c.inv.id))) return fail(429, { limited: true });
		const form = await event.request.formData();
		return {
			preview: previewPage(c.def, {
				locale: c.inv.locale,
				data: draftOf(c.inv),
				pageIndex: pageIndexOf(form.get('pageIndex')),
				form
			})
		};
	},
	/**
	 * The language switch. It submits the survey's form (the button is outside it, with
	 * form="…"), so what was chosen on the page and not sent yet is kept: the answers that pass
	 * their checks are saved with the draft, and the same page comes back in the other language.
	 */
	lang: async (event) => {
		const form = await event.request.formData();
		const lang = asLocale(form.get('lang'));
		const found = invitations.findByToken(event.params.token);
		const def = found.status === 'ok' ? definitionOf(found.invitation.surveyVersionId) : undefined;
		if (found.status === 'ok' && def && form.has('pageIndex')) {
			const inv = found.invitation;
			const kept = submitPage(def, {
				locale: inv.locale,
				data: draftOf(inv),
				pageIndex: pageIndexOf(form.get('pageIndex')),
				form,
				stay: true
			});
			if (kept.ok && !kept.done) invitations.saveDraft(inv.id, kept.data, kept.nextPageIndex, lang);
			else invitations.setLocale(inv.id, lang);
		} else if (found.status === 'ok') invitations.setLocale(found.invitation.id, lang);
		else
			event.cookies.set(LOCALE_COOKIE, lang, {
				path: '/',
				sameSite: 'lax',
				maxAge: 60 * 60 * 24 * 365,
				httpOnly: false
			});
		redirect(303, `/s/${event.params.token}`);
	}
};
