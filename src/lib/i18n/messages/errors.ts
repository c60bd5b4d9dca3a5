/**
 * The few strings the root error page needs: kept apart so public pages stay light (the error
 * page comes with every page, the survey's included). Errors no page shows live elsewhere.
 */
export const ar = {
	'errors.appName': 'رضا',
	'errors.forbidden': 'ليست لديك صلاحية لهذا الإجراء.',
	'errors.signInRequired': 'يجب تسجيل الدخول.',
	'errors.notFound': 'الصفحة غير موجودة.',
	'errors.server': 'حدث خطأ غير متوقع. لم يُفقد ما أدخلته؛ حاول مرة أخرى.',
	'errors.title': 'تعذّر عرض الصفحة',
	'errors.goHome': 'العودة إلى الرئيسية',
	'errors.crossSite':
		'لم يُرسَل النموذج: وصل من عنوان غير عنوان رضا، فرفضناه حمايةً لحسابك. افتح الصفحة من جديد وأعد المحاولة.',
	'errors.reload': 'فتح الصفحة من جديد'
} as const;

export const en: Record<keyof typeof ar, string> = {
	'errors.appName': 'Rida',
	'errors.forbidden': 'You do not have permission for this.',
	'errors.signInRequired': 'Please sign in.',
	'errors.notFound': 'Page not found.',
	'errors.server': 'Something went wrong. Nothing you entered was lost; please try again.',
	'errors.title': 'This page could not be shown',
	'errors.goHome': 'Back to home',
	'errors.crossSite':
		'The form was not sent: it came from an address other than Rida’s, so it was refused to protect your account. Open the page again and retry.',
	'errors.reload': 'Open the page again'
};
