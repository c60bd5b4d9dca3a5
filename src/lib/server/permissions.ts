/** Roles and what each may do. Every load and action asks `requirePermission` first. */
export const ROLES = ['admin', 'quality', 'relations', 'board'] as const;
export type Role = (typeof ROLES)[number];

const ALL: readonly Role[] = ROLES;

export const PERMISSIONS = {
	/** Users, roles, sessions of others. */
	'users.manage': ['admin'],
	'settings.manage': ['admin'],
	'audit.read': ['admin'],
	/** Programs and their aggregate numbers (no personal data). */
	'programs.read': ['admin', 'quality', 'relations', 'board'],
	'programs.manage': ['admin', 'quality', 'relations'],
	/** Beneficiaries' personal data (names, mobiles, emails). */
	'beneficiaries.read': ['admin', 'relations'],
	'beneficiaries.manage': ['admin', 'relations'],
	/** Survey responses and comments; personal data only with beneficiaries.read. */
	'responses.read': ['admin', 'quality', 'relations'],
	'invitations.send': ['admin', 'quality', 'relations'],
	/** Requests: the register without personal details, and with them. */
	'requests.read': ['admin', 'quality', 'relations'],
	'requests.personal': ['admin', 'relations'],
	'requests.manage': ['admin', 'relations'],
	'dashboard.read': ['admin', 'quality', 'board'],
	/**
	 * Figures and lists resting on fewer than 5 people, shown with a warning (smallCells.ts);
	 * without it (board) they are withheld, so a narrow filter cannot point at a person.
	 */
	'figures.smallCells': ['admin', 'quality', 'relations'],
	/** Tag survey comments and turn them into improvement actions. */
	'comments.tag': ['admin', 'quality'],
	'reach.read': ['admin', 'quality', 'board'],
	'reach.manage': ['admin', 'quality'],
	'reports.read': ALL,
	'reports.review': ['admin', 'board'],
	'targets.manage': ['admin', 'quality'],
	/** The survey studio: write, import, map, publish and archive surveys. */
	'surveys.manage': ['admin', 'quality'],
	'actions.read': ['admin', 'quality', 'board'],
	'actions.manage': ['admin', 'quality'],
	/** Survey campaigns not tied to a program (donors, partners, volunteers…). */
	'campaigns.manage': ['admin', 'quality'],
	/** The policy register: approved documents, review dates, clause → indicator map. */
	'policies.read': ['admin', 'quality'],
	'policies.manage': ['admin']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
	return !!role && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
