import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import {
	SESSION_COOKIE,
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth';
import { LOCALE_COOKIE, dirOf, fromAcceptLanguage, isLocale } from '$lib/i18n/locales';
import { log } from '$lib/server/log';
import { startup } from '$lib/server/startup';

export const init: ServerInit = async () => {
	await startup();
};

const auth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const { session, user } = validateSessionToken(token);
		if (session) {
			setSessionCookie(event.cookies, token, session.expiresAt, event.url.protocol === 'https:');
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
	const l =
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
	/^\/health\/?$/
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
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	if (!response.headers.has('x-frame-options')) response.headers.set('x-frame-options', 'DENY');
	return response;
};

/**
 * SvelteKit's built-in CSRF check (csrf.checkOrigin) is turned off in svelte.config.js
 * because it refuses every cross-origin text/plain POST, and reach.js beacons are exactly
 * that. This hook applies the same rule (a cross-origin POST/PUT/PATCH/DELETE with a form
 * content type is refused) with ONE exception: the beacon endpoint, which checks its own
 * site key and allowed origins and sets no cookies.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const csrf: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	if (
		['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) &&
		!/^\/api\/collect\/?$/.test(url.pathname)
	) {
		const type = (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
		const isForm = FORM_TYPES.includes(type) || type === 'application/x-sveltekit-formdata';
		if (isForm && request.headers.get('origin') !== url.origin) {
			return new Response(`Cross-site ${request.method} form submissions are forbidden`, {
				status: 403
			});
		}
	}
	return resolve(event);
};

export const handle = sequence(csrf, auth, locale, guard);

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
