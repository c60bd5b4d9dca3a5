import { error, redirect } from '@sveltejs/kit';
import { can, type Permission } from './permissions';
import type { SessionUser } from './auth';

type WithUser = { locals: { user: SessionUser | null }; url: URL };

import type { Actor } from './audit';
export type { Actor };

/** The one way a route names the actor of a change (`requirePermission` returns the user). */
export function actor(
	event: { getClientAddress(): string },
	user: { id: number }
): Actor & { id: number; ip: string } {
	return { id: user.id, ip: clientIp(event) };
}

/** The client's address (rate limits, audit); adapter-node's, honouring ADDRESS_HEADER. */
export function clientIp(event: { getClientAddress(): string }): string {
	return event.getClientAddress();
}

/**
 * The one permission check. Call it at the top of every protected load and action:
 * anonymous → redirect to sign-in (GET) or 401 (POST); signed in without the right → 403.
 */
export function requirePermission(event: WithUser, permission: Permission): SessionUser {
	const u = event.locals.user;
	if (!u) signIn(event);
	if (!can(u.role, permission)) error(403, 'errors.forbidden');
	return u;
}

export function requireUser(event: WithUser): SessionUser {
	const u = event.locals.user;
	if (!u) signIn(event);
	return u;
}

function signIn(event: WithUser): never {
	const target = event.url.pathname + event.url.search;
	if ('request' in event && (event as { request: Request }).request.method !== 'GET') {
		error(401, 'errors.signInRequired');
	}
	redirect(303, '/login?next=' + encodeURIComponent(target));
}

/**
 * The one check for a user-supplied place to go back to (sign-in `next`, the language
 * switch): a same-origin path, or null. Resolved the way a browser resolves a Location
 * header (`new URL(next, origin)`), after refusing what browsers silently rewrite — control
 * characters (Chromium strips a tab, so "/\t/evil.example" would become "//evil.example")
 * and backslashes (read as "/"). What it returns is the normalised, percent-encoded path, so
 * it is plain ASCII and can never start with "//".
 */
export function safeNext(next: string | null | undefined, origin: string): string | null {
	if (typeof next !== 'string' || next.length > 2000) return null;
	if (!next.startsWith('/') || next.startsWith('//')) return null;
	if (hasControlOrBackslash(next)) return null;
	let u: URL;
	let base: URL;
	try {
		base = new URL(origin);
		u = new URL(next, base);
	} catch {
		return null;
	}
	if (u.origin !== base.origin) return null;
	const path = u.pathname + u.search + u.hash;
	// Dot segments can normalise "/.//evil.example" to "//evil.example": refuse, never return it.
	if (!path.startsWith('/') || path.startsWith('//')) return null;
	return path;
}

/** C0 and C1 control characters, DEL, and the backslash. */
function hasControlOrBackslash(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x5c) return true;
	}
	return false;
}
