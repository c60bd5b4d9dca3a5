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
	return {
		anon: 303,
		admin: roles.includes('admin') ? 200 : 403,
		quality: roles.includes('quality') ? 200 : 403,
		relations: roles.includes('relations') ? 200 : 403,
		board: roles.includes('board') ? 200 : 403
	};
}
export const ANY_SIGNED_IN: Expect = only('admin', 'quality', 'relations', 'board');
export const PUBLIC: Expect = { anon: 200, admin: 200, quality: 200, relations: 200, board: 200 };
export const act = (e: Expect): Expect => ({ ...e, anon: 401 });

const STAFF = only('admin', 'quality', 'relations');
const STAFF_BOARD = only('admin', 'quality', 'relations', 'board');
const PEOPLE = only('admin', 'relations');
const REACH_READ = only('admin', 'quality', 'board'); // also the dashboard's readers
const REACH_MANAGE = only('admin', 'quality');
const ADMIN = only('admin');
/** Public pages that also serve signed-in staff the same way. */
const OPEN: Expect = PUBLIC;
/** A public form post: anyone may post; invalid input answers 400 (never 401/403). */
const OPEN_POST: Expect = { anon: 400, admin: 400, quality: 400, relations: 400, board: 400 };

export const ROUTES: Record<string, RouteSpec> = {
	'/(app)': { path: '/', get: ANY_SIGNED_IN },
	'/(app)/account': {
		path: '/account',
		get: ANY_SIGNED_IN,
		actions: { password: act(ANY_SIGNED_IN) }
	},
	// Programs: aggregate figures for every role; people and changes for some.
	'/(app)/programs': { path: '/programs', get: STAFF_BOARD },
	'/(app)/programs/new': { path: '/programs/new', get: STAFF, actions: { save: act(STAFF) } },
	'/(app)/programs/[id=id]': {
		path: '/programs/1',
		get: STAFF_BOARD,
		actions: {
			end: act(STAFF),
			archive: act(STAFF),
			unarchive: act(STAFF),
			anonOn: act(STAFF),
			anonOff: act(STAFF),
			link: act(PEOPLE),
			enroll: act(PEOPLE),
			unenroll: act(PEOPLE)
		},
		destructive: ['end', 'archive', 'unarchive', 'anonOn', 'anonOff', 'link', 'unenroll']
	},
	'/(app)/programs/[id=id]/edit': {
		path: '/programs/1/edit',
		get: STAFF,
		actions: { save: act(STAFF) }
	},
	'/(app)/programs/[id=id]/responses': { path: '/programs/1/responses', get: STAFF },
	'/(app)/programs/[id=id]/responses/export': {
		path: '/programs/1/responses/export?format=csv',
		get: STAFF
	},
	// Beneficiaries: personal data, admin and relations only.
	'/(app)/beneficiaries': { path: '/beneficiaries', get: PEOPLE },
	'/(app)/beneficiaries/new': {
		path: '/beneficiaries/new',
		get: PEOPLE,
		actions: { save: act(PEOPLE) }
	},
	'/(app)/beneficiaries/[id=id]': {
		path: '/beneficiaries/1',
		get: PEOPLE,
		actions: { save: act(PEOPLE), enroll: act(PEOPLE), erase: act(PEOPLE) }
	},
	'/(app)/beneficiaries/[id=id]/data': { path: '/beneficiaries/1/data', get: PEOPLE },
	'/(app)/beneficiaries/[id=id]/export': { path: '/beneficiaries/1/export', get: PEOPLE },
	'/(app)/beneficiaries/import': {
		path: '/beneficiaries/import',
		get: PEOPLE,
		actions: { preview: act(PEOPLE), import: act(PEOPLE) }
	},
	// Requests: the register for staff; board refused; personal details for admin/relations.
	'/(app)/requests': { path: '/requests', get: STAFF },
	'/(app)/requests/new': {
		path: '/requests/new',
		get: PEOPLE,
		actions: { search: act(PEOPLE), create: act(PEOPLE) }
	},
	'/(app)/requests/[id=id]': { path: '/requests/1', get: STAFF, actions: { step: act(PEOPLE) } },
	'/(app)/requests/export': { path: '/requests/export?format=csv', get: STAFF },
	// Dashboard (no personal data for anyone; free text only as its redacted copy).
	'/(app)/dashboard': { path: '/dashboard', get: REACH_READ },
	'/(app)/dashboard/responses': { path: '/dashboard/responses', get: REACH_READ },
	'/(app)/dashboard/requests': { path: '/dashboard/requests', get: REACH_READ },
	'/(app)/dashboard/comments': {
		path: '/dashboard/comments',
		get: REACH_READ,
		actions: { tag: act(REACH_MANAGE) }
	},
	'/(app)/dashboard/themes': {
		path: '/dashboard/themes',
		get: REACH_READ,
		actions: { create: act(REACH_MANAGE), update: act(REACH_MANAGE), act: act(REACH_MANAGE) },
		destructive: ['create', 'update', 'act']
	},
	'/(app)/dashboard/export': { path: '/dashboard/export?panel=trend&format=csv', get: REACH_READ },
	// Board report, targets, improvement actions.
	'/(app)/reports': { path: '/reports', get: ANY_SIGNED_IN },
	'/(app)/reports/[year]/[quarter]': {
		path: '/reports/2026/3',
		get: ANY_SIGNED_IN,
		actions: { review: act(only('admin', 'board')) },
		destructive: ['review']
	},
	'/(app)/reports/[year]/[quarter]/chart/[name].svg': {
		path: '/reports/2026/3/chart/programs.svg',
		get: ANY_SIGNED_IN
	},
	'/(app)/reports/[year]/[quarter]/pdf': { path: '/reports/2026/3/pdf', get: ANY_SIGNED_IN },
	// The survey studio: quality and admin write, import, map and publish surveys.
	'/(app)/surveys': {
		path: '/surveys',
		get: REACH_MANAGE,
		actions: {
			create: act(REACH_MANAGE),
			import: act(REACH_MANAGE),
			duplicate: act(REACH_MANAGE),
			archive: act(REACH_MANAGE),
			restore: act(REACH_MANAGE)
		},
		destructive: ['create', 'import', 'duplicate', 'archive', 'restore']
	},
	'/(app)/surveys/[id=survey]': {
		path: '/surveys/post-program',
		get: REACH_MANAGE,
		actions: {
			save: act(REACH_MANAGE),
			mapping: act(REACH_MANAGE),
			publish: act(REACH_MANAGE)
		},
		destructive: ['save', 'mapping', 'publish']
	},
	'/(app)/surveys/[id=survey]/export': { path: '/surveys/post-program/export', get: REACH_MANAGE },
	'/s/preview/[id=survey]': {
		path: '/s/preview/post-program',
		get: REACH_MANAGE,
		actions: { answer: act(REACH_MANAGE) }
	},
	'/(app)/targets': {
		path: '/targets',
		get: REACH_MANAGE,
		actions: { default: act(REACH_MANAGE) }
	},
	'/(app)/actions': { path: '/actions', get: REACH_READ },
	'/(app)/actions/new': {
		path: '/actions/new',
		get: REACH_MANAGE,
		actions: { default: act(REACH_MANAGE) }
	},
	'/(app)/actions/[id=id]': {
		path: '/actions/1',
		get: REACH_READ,
		actions: { save: act(REACH_MANAGE) }
	},
	// Policy register (admin keeps it, quality reads it).
	'/(app)/policies': { path: '/policies', get: REACH_MANAGE },
	'/(app)/policies/new': { path: '/policies/new', get: ADMIN, actions: { default: act(ADMIN) } },
	'/(app)/policies/[id=id]': {
		path: '/policies/1',
		get: REACH_MANAGE,
		actions: {
			save: act(ADMIN),
			upload: act(ADMIN),
			removeFile: act(ADMIN),
			addClause: act(ADMIN),
			removeClause: act(ADMIN),
			delete: act(ADMIN)
		},
		destructive: ['removeFile', 'removeClause', 'delete']
	},
	'/(app)/policies/[id=id]/file': { path: '/policies/1/file', get: REACH_MANAGE },
	// Indirect reach.
	'/(app)/reach': { path: '/reach', get: REACH_READ },
	'/(app)/reach/entries': {
		path: '/reach/entries',
		get: REACH_MANAGE,
		actions: { save: act(REACH_MANAGE), remove: act(REACH_MANAGE) },
		destructive: ['remove']
	},
	'/(app)/reach/import': {
		path: '/reach/import',
		get: REACH_MANAGE,
		actions: {
			upload: act(REACH_MANAGE),
			map: act(REACH_MANAGE),
			confirm: act(REACH_MANAGE),
			cancel: act(REACH_MANAGE)
		},
		destructive: ['cancel']
	},
	'/(app)/reach/platforms': {
		path: '/reach/platforms',
		get: REACH_MANAGE,
		actions: { save: act(REACH_MANAGE) }
	},
	// Delivery of invitations.
	'/(app)/delivery': {
		path: '/delivery',
		get: STAFF,
		actions: { retry: act(STAFF), whatsapp: act(PEOPLE) }
	},
	'/(app)/delivery/print/[programId=id]': {
		path: '/delivery/print/1',
		get: PEOPLE,
		actions: { default: act(PEOPLE) },
		destructive: ['default']
	},
	// Administration.
	'/(app)/settings': { path: '/settings', get: ADMIN, actions: { default: act(ADMIN) } },
	'/(app)/settings/users': { path: '/settings/users', get: ADMIN, actions: { create: act(ADMIN) } },
	'/(app)/settings/users/[id=id]': {
		path: '/settings/users/5',
		get: ADMIN,
		actions: { update: act(ADMIN), disable: act(ADMIN), enable: act(ADMIN), reset: act(ADMIN) },
		destructive: ['disable', 'enable', 'reset']
	},
	'/(app)/settings/audit': { path: '/settings/audit', get: ADMIN },
	'/(app)/settings/messages': {
		path: '/settings/messages',
		get: ADMIN,
		actions: { default: act(ADMIN) }
	},
	'/(app)/settings/channels': {
		path: '/settings/channels',
		get: ADMIN,
		actions: { create: act(ADMIN), update: act(ADMIN) }
	},
	// Campaigns: quality and admin (survey design and sending; no contact details shown).
	'/(app)/campaigns': { path: '/campaigns', get: REACH_MANAGE },
	'/(app)/campaigns/new': {
		path: '/campaigns/new',
		get: REACH_MANAGE,
		actions: { save: act({ ...REACH_MANAGE, admin: 400, quality: 400 }) }
	},
	'/(app)/campaigns/[id=id]': {
		path: '/campaigns/1',
		get: REACH_MANAGE,
		actions: {
			run: act(REACH_MANAGE),
			openOn: act(REACH_MANAGE),
			openOff: act(REACH_MANAGE),
			close: act(REACH_MANAGE),
			reopen: act(REACH_MANAGE)
		},
		destructive: ['run', 'openOn', 'openOff', 'close', 'reopen']
	},
	'/(app)/settings/segments': {
		path: '/settings/segments',
		get: ADMIN,
		actions: { create: act(ADMIN), update: act(ADMIN) }
	},
	'/(app)/settings/requests': {
		path: '/settings/requests',
		get: ADMIN,
		actions: { save: act(ADMIN), saveType: act(ADMIN) }
	},
	'/(app)/settings/sites': {
		path: '/settings/sites',
		get: ADMIN,
		actions: { create: act(ADMIN), update: act(ADMIN), remove: act(ADMIN) },
		destructive: ['remove']
	},
	// Sign-in and first run.
	'/(auth)/login': {
		path: '/login',
		get: { anon: 200, admin: 303, quality: 303, relations: 303, board: 303 }
	},
	'/(auth)/setup/[token]': { path: '/setup/not-a-token', get: OPEN },
	'/(auth)/password/[token]': { path: '/password/not-a-token', get: OPEN },
	'/logout': {
		path: '/logout',
		get: { anon: 303, admin: 303, quality: 303, relations: 303, board: 303 }
	},
	'/locale': {
		path: '/locale',
		get: { anon: 303, admin: 303, quality: 303, relations: 303, board: 303 }
	},
	// Public: beneficiaries and the association's website.
	'/s/[token]': { path: '/s/not-a-real-token-000000000000', get: OPEN },
	'/r': { path: '/r', get: OPEN, actions: { default: OPEN_POST } },
	'/r/[code]': { path: '/r/R-NOPE-NOPE', get: OPEN },
	'/r/track': {
		path: '/r/track',
		get: { anon: 303, admin: 303, quality: 303, relations: 303, board: 303 }
	}, // without a code: back to /r
	'/u/[token]': { path: '/u/not-a-token', get: OPEN },
	'/reach.js': { path: '/reach.js', get: OPEN },
	'/api/collect': { path: '/api/collect', get: null },
	'/health': { path: '/health', get: OPEN },
	'/transparency': { path: '/transparency', get: OPEN },
	'/transparency/file/[id=id]': { path: '/transparency/file/1', get: OPEN }
};
