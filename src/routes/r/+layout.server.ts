import * as settings from '$lib/server/settings';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const s = settings.get();
	return { association: locals.locale === 'en' ? s.nameEn : s.nameAr };
};
