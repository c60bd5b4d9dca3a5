import { takeFlash } from '$lib/server/flash';
import { requireUser } from '$lib/server/guard';
import { isDemo } from '$lib/server/mode';
import { navFor } from '$lib/server/nav';
import * as settings from '$lib/server/settings';
import type { LayoutServerLoad } from './$types';

/** The signed-in shell. Each page below checks its own permission as well. */
export const load: LayoutServerLoad = (event) => {
	const user = requireUser(event);
	const s = settings.get();
	return {
		user: { name: user.name, role: user.role, email: user.email },
		nav: navFor(user.role),
		association: { nameAr: s.nameAr, nameEn: s.nameEn, calendar: s.calendar },
		demo: isDemo(),
		// Re-run on every navigation (url dependency) so a notice shows on one page only.
		flash: event.url.pathname ? takeFlash(event) : null
	};
};
