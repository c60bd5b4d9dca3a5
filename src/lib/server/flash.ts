import type { Cookies } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import { isHttps } from './origin';

/**
 * The one way to say "saved": an action calls flash(event, key) and then redirects or returns;
 * the signed-in layout takes the notice on the next render and shows it once at the top of the
 * page (with or without JavaScript). A short-lived cookie, never the URL, so a reload or a
 * shared link does not repeat it and nothing about the record travels in the address.
 */
export type Flash = { key: MessageKey; params?: Record<string, string | number> };

const NAME = 'rida_flash';

export function flash(
	event: { cookies: Cookies; url: URL },
	key: MessageKey,
	params?: Flash['params']
): void {
	const value = Buffer.from(JSON.stringify({ key, params }), 'utf8').toString('base64url');
	event.cookies.set(NAME, value, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: isHttps(event.url),
		maxAge: 60
	});
}

/** Reads and clears the pending notice (null when there is none or it is malformed). */
export function takeFlash(event: { cookies: Cookies; url: URL }): Flash | null {
	const raw = event.cookies.get(NAME);
	if (!raw) return null;
	event.cookies.delete(NAME, { path: '/', secure: isHttps(event.url) });
	try {
		const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
		if (!v || typeof v !== 'object' || typeof (v as Flash).key !== 'string') return null;
		const params = (v as Flash).params;
		const clean: Record<string, string | number> = {};
		if (params && typeof params === 'object')
			for (const [k, p] of Object.entries(params))
				if (typeof p === 'string' || typeof p === 'number') clean[k] = p;
		return { key: (v as Flash).key, params: clean };
	} catch {
		return null;
	}
}
