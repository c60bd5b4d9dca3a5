import { can, type Permission, type Role } from './permissions';

/** The signed-in navigation; each entry shows only to roles with its permission. */
const NAV: { href: string; key: string; permission: Permission | null }[] = [
	{ href: '/', key: 'nav.home', permission: null },
	{ href: '/dashboard', key: 'nav.dashboard', permission: 'dashboard.read' },
	{ href: '/programs', key: 'nav.programs', permission: 'programs.read' },
	{ href: '/beneficiaries', key: 'nav.beneficiaries', permission: 'beneficiaries.read' },
	{ href: '/campaigns', key: 'nav.campaigns', permission: 'campaigns.manage' },
	{ href: '/requests', key: 'nav.requests', permission: 'requests.read' },
	{ href: '/reach', key: 'nav.reach', permission: 'reach.read' },
	{ href: '/reports', key: 'nav.reports', permission: 'reports.read' },
	{ href: '/actions', key: 'nav.actions', permission: 'actions.read' },
	{ href: '/targets', key: 'targets.title', permission: 'targets.manage' },
	{ href: '/surveys', key: 'nav.surveys', permission: 'surveys.manage' },
	{ href: '/policies', key: 'nav.policies', permission: 'policies.read' },
	{ href: '/delivery', key: 'nav.delivery', permission: 'invitations.send' },
	{ href: '/settings', key: 'nav.settings', permission: 'settings.manage' }
];

export function navFor(role: Role) {
	return NAV.filter((n) => n.permission === null || can(role, n.permission)).map(
		({ href, key }) => ({ href, key })
	);
}

/** Where each role lands after signing in: its main work. */
export function homeFor(role: Role): string {
	return role === 'relations' ? '/requests' : role === 'board' ? '/reports' : '/dashboard';
}
