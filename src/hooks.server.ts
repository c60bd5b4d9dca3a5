import {
	json,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import {
	SESSION_COOKIE,
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth';
import { LOCALE_COOKIE, dirOf, fromAcceptLanguage, isLocale } from '$lib/i18n/locales';
import * as errorMessages from '$lib/i18n/messages/errors';
import { log } from '$lib/server/log';
import { secureHeaders } from '$lib/server/headers';
import { isCrossSiteForm, isHttps } from '$lib/server/origin';
import { startup } from '$lib/server/startup';
import { registerLeanHandler } from '$lib/server/lean';

export const init: ServerInit = async () => {
	await startup();
	registerLeanHandler(); // the counter's and the survey answer's lean paths in scripts/server.js
};

const auth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const { session, user } = validateSessionToken(token);
		if (session) {
			setSessionCookie(event.cookies, token, session.expiresAt, isHttps(event.url));
			event.locals.user = user;
			event.locals.session = session;
		} else {
			deleteSessionCookie(event.cookies);
		}
	}
	return resolve(event);
};

const locale: Handle = async ({ event, resolve }) => {
	const cookie = event.cookies.get(LOCALE_COOKIE);
	// The public transparency page switches language by link (?lang=en): it works in a
	// cross-site iframe, where the language cookie cannot be set.
	const asked = event.url.pathname.startsWith('/transparency')
		? event.url.searchParams.get('lang')
		: null;
	const l =
		(isLocale(asked) ? asked : null) ??
		event.locals.user?.locale ??
		(isLocale(cookie) ? cookie : fromAcceptLanguage(event.request.headers.get('accept-language')));
	event.locals.locale = l;
	return resolve(event, {
		// Read at render time: the public survey page switches to the invitation's language.
		transformPageChunk: ({ html }) =>
			html.replace('%lang%', event.locals.locale).replace('%dir%', dirOf(event.locals.locale))
	});
};

/** Paths anyone may open; everything else needs a session (each route checks its role too). */
const PUBLIC = [
	/^\/login\/?$/,
	/^\/logout\/?$/,
	/^\/setup\//,
	/^\/password\//,
	/^\/locale\/?$/,
	/^\/s\//,
	/^\/r(\/|$)/,
	/^\/api\/collect\/?$/,
	/^\/reach\.js$/,
	/^\/u\//,
	/^\/health\/?$/,
	/^\/transparency(\/|$)/
];

const guard: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	if (!event.locals.user && !PUBLIC.some((re) => re.test(path)) && event.route.id !== null) {
		if (event.request.method === 'GET' || event.request.method === 'HEAD') {
			return new Response(null, {
				status: 303,
				headers: { location: '/login?next=' + encodeURIComponent(path + event.url.search) }
			});
		}
		return new Response('Unauthorized', { status: 401 });
	}
	return resolve(event);
};

/**
 * Security headers (lib/server/headers.ts) on every response, whichever hook or route made
 * it: refusals and redirects included. Runs first so it sees the final response.
 */
const headers: Handle = async ({ event, resolve }) => {
	let response = await resolve(event);
	try {
		secureHeaders(response.headers, event.url, !!event.locals.user, event.route.id);
	} catch {
		// Immutable headers (a Response.redirect or a proxied fetch): copy, then set.
		response = new Response(response.body, response);
		secureHeaders(response.headers, event.url, !!event.locals.user, event.route.id);
	}
	return response;
};

/** A cross-site form post is refused (the rule and its one exception: origin.ts). */
const csrf: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	const h = request.headers;
	if (isCrossSiteForm(request.method, url, h.get('content-type'), h.get('origin'))) {
		log('warn', 'cross-site form refused', { route: event.route.id });
		return crossSiteRefusal(event);
	}
	return resolve(event);
};

/**
 * A refused form is never a bare text or a 500: an enhanced form (fetch) gets an action
 * result that shows the error page, a plain form a small page in the reader's language.
 */
function crossSiteRefusal(event: RequestEvent): Response {
	const { request, url } = event;
	if (request.headers.get('x-sveltekit-action') === 'true') {
		return json(
			{ type: 'error', status: 403, error: { message: 'errors.crossSite' } },
			{ status: 403 }
		);
	}
	const cookie = event.cookies.get(LOCALE_COOKIE);
	const l = isLocale(cookie) ? cookie : fromAcceptLanguage(request.headers.get('accept-language'));
	const t = l === 'en' ? errorMessages.en : errorMessages.ar;
	const back = escapeHtml(url.pathname);
	const html = `<!doctype html><html lang="${l}" dir="${dirOf(l)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>403 · ${t['errors.appName']}</title></head><body style="font-family:system-ui,'Segoe UI',Tahoma,'Noto Sans Arabic',sans-serif;margin:0;padding:1rem;color:#1b1b1b"><main style="max-width:36rem;margin:3rem auto;padding:1.5rem;border:1px solid #d0d5dd;border-radius:.75rem;line-height:1.6"><h1>${t['errors.title']}</h1><p>${t['errors.crossSite']}</p><p><a href="${back}" style="color:#0f766e">${t['errors.reload']}</a></p></main></body></html>`;
	return new Response(html, {
		status: 403,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A form posted without JavaScript is answered as a page (303 after an action, the form with
 * its errors otherwise), whatever its Accept header: SvelteKit answers an action as JSON when
 * Accept prefers application/json, and a missing Accept or one that takes any type (curl, tools)
 * picks JSON first, so such a sign-in got a 200 JSON body instead of its redirect. Enhanced
 * forms (use:enhance, the survey's live preview) say so with `x-sveltekit-action` and keep JSON.
 */
const pagePost: Handle = async ({ event, resolve }) => {
	const { request } = event;
	if (request.method === 'POST' && request.headers.get('x-sveltekit-action') !== 'true') {
		const type = (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
		if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data')
			request.headers.set('accept', 'text/html');
	}
	return resolve(event);
};

export const handle = sequence(headers, csrf, pagePost, auth, locale, guard);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		// The route id, never the URL: URLs of public pages carry tokens.
		log('error', 'unhandled', {
			route: event.route.id,
			status,
			error: error instanceof Error ? error.stack : String(error)
		});
	}
	return { message: status === 404 ? 'errors.notFound' : 'errors.server' };
};
