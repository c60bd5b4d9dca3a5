import * as settings from '$lib/server/settings';
import type { LayoutServerLoad } from './$types';

/** Only what every page (public ones included) needs: keep it tiny. */
export const load: LayoutServerLoad = ({ locals }) => {
	// Dates and times on every page are shown on the association's clock (its timeZone setting).
	return { locale: locals.locale, timeZone: settings.get().timeZone };
};
