import { error, redirect } from '@sveltejs/kit';
import { can, type Permission, type Role } from './permissions';
import type { SessionUser } from './auth';

type WithUser = { locals: { user: SessionUser | null }; url: URL };

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

export function requireRole(event: WithUser, ...roles: Role[]): SessionUser {
	const u = event.locals.user;
	if (!u) signIn(event);
	if (!roles.includes(u.role)) error(403, 'errors.forbidden');
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

/** A same-site path to go back to, or null: never an open redirect (`//host`, `/\host`). */
export function safeNext(next: string | null | undefined): string | null {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
		? next
		: null;
}
