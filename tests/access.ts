/**
 * Least privilege, route by route. Every route folder under src/routes must have an entry
 * here (a spec enforces it), with the status each role gets for GET and for each action.
 * 200 = allowed, 403 = refused, 303/401 = sent to sign in, 404 = unknown record.
 */
export type Who = 'anon' | 'admin' | 'quality' | 'relations' | 'board';
export type Expect = Record<Who, number>;
export type RouteSpec = {
	/** A concrete URL for the route (params filled with demo records). */
	path: string;
	get?: Expect | null; // null: no GET (a +server.ts with POST only)
	/** Named actions ('default' for the default one), each with the expected status. */
	actions?: Record<string, Expect>;
	/** Request body for the action probes (valid enough to reach the permission check). */
	form?: Record<string, string>;
	/** Actions that would change demo data when allowed: probed only for roles that are refused. */
	destructive?: string[];
};

export const WHO: Who[] = ['anon', 'admin', 'quality', 'relations', 'board'];

/** Signed-in roles listed may; others 403; anonymous is sent to sign in (GET 303, POST 401). */
export function only(...roles: Who[]): Expect {
	return { anon: 303, admin: roles.includes('admin') ? 200 : 403, quality: roles.includes('quality') ? 200 : 403, relations: roles.includes('relations') ? 200 : 403, board: roles.includes('board') ? 200 : 403 };
}
export const ANY_SIGNED_IN: Expect = only('admin', 'quality', 'relations', 'board');
export const PUBLIC: Expect = { anon: 200, admin: 200, quality: 200, relations: 200, board: 200 };
export const act = (e: Expect): Expect => ({ ...e, anon: 401 });

export const ROUTES: Record<string, RouteSpec> = {
	'/(app)': { path: '/', get: ANY_SIGNED_IN },
	'/(app)/account': { path: '/account', get: ANY_SIGNED_IN },
	'/(app)/settings': { path: '/settings', get: only('admin'), actions: { default: act(only('admin')) } },
	'/(app)/settings/users': { path: '/settings/users', get: only('admin'), actions: { create: act(only('admin')) } },
	'/(app)/settings/users/[id]': {
		path: '/settings/users/5',
		get: only('admin'),
		actions: { update: act(only('admin')), disable: act(only('admin')), enable: act(only('admin')), reset: act(only('admin')) },
		destructive: ['disable', 'enable', 'reset']
	},
	'/(app)/settings/audit': { path: '/settings/audit', get: only('admin') },
	'/(app)/settings/messages': { path: '/settings/messages', get: only('admin'), actions: { default: act(only('admin')) } },
	'/(app)/delivery': { path: '/delivery', get: only('admin', 'quality', 'relations'), actions: { retry: act(only('admin', 'quality', 'relations')) } },
	'/(app)/delivery/print/[programId]': { path: '/delivery/print/1', get: only('admin', 'quality', 'relations') },
	'/(auth)/login': { path: '/login', get: { anon: 200, admin: 303, quality: 303, relations: 303, board: 303 } },
	'/(auth)/setup/[token]': { path: '/setup/not-a-token', get: PUBLIC },
	'/(auth)/password/[token]': { path: '/password/not-a-token', get: PUBLIC },
	'/logout': { path: '/logout', get: { anon: 303, admin: 303, quality: 303, relations: 303, board: 303 } },
	'/locale': { path: '/locale', get: { anon: 303, admin: 303, quality: 303, relations: 303, board: 303 } },
	'/u/[token]': { path: '/u/not-a-token', get: PUBLIC }
};
