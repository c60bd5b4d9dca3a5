import type { LayoutServerLoad } from './$types';

/** Only what every page (public ones included) needs: keep it tiny. */
export const load: LayoutServerLoad = ({ locals }) => {
	return { locale: locals.locale };
};
