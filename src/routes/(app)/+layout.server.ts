import { takeFlash } from '$lib/server/flash';
import { requireUser } from '$lib/server/guard';
import { isDemo } from '$lib/server/mode';
import { navFor } from '$lib/server/nav';
import * as settings from '$lib/server/settings';
import { can } from '$lib/server/permissions';
import { reviewsDue } from '$lib/server/policies';
import { localDate } from '$lib/dates';
import * as aspects from '$lib/server/surveys/aspects';
import type { LayoutServerLoad } from './$types';

/** The signed-in shell. Each page below checks its own permission as well. */
export const load: LayoutServerLoad = (event) => {
	const user = requireUser(event);
	const s = settings.get();
	return {
		user: { name: user.name, role: user.role, email: user.email },
		nav: navFor(user.role),
		// Aspects named in the studio, shown by name wherever an aspect key is translated (i18n t).
		aspectLabels: aspects.labels(),
		association: { nameAr: s.nameAr, nameEn: s.nameEn, calendar: s.calendar },
		demo: isDemo(),
		// Re-run on every navigation (url dependency) so a notice shows on one page only.
		flash: event.url.pathname ? takeFlash(event) : null,
		// Policies whose board review is near or past: a banner for those who keep the register.
		policyReviews: can(user.role, 'policies.read')
			? reviewsDue(localDate(new Date(), s.timeZone)).map((d) => ({
					id: d.id,
					titleAr: d.titleAr,
					titleEn: d.titleEn,
					version: d.version,
					nextReviewOn: d.nextReviewOn,
					state: d.state
				}))
			: []
	};
};
