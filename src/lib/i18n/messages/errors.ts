/** The few strings the root error page needs: kept apart so public pages stay light. */
export const ar = {
	'errors.appName': 'رضا',
	'errors.forbidden': 'ليست لديك صلاحية لهذا الإجراء.',
	'errors.signInRequired': 'يجب تسجيل الدخول.',
	'errors.notFound': 'الصفحة غير موجودة.',
	'errors.server': 'حدث خطأ غير متوقع. لم يُفقد ما أدخلته؛ حاول مرة أخرى.',
	'errors.title': 'تعذّر عرض الصفحة',
	'errors.goHome': 'العودة إلى الرئيسية'
} as const;

export const en: Record<keyof typeof ar, string> = {
	'errors.appName': 'Rida',
	'errors.forbidden': 'You do not have permission for this.',
	'errors.signInRequired': 'Please sign in.',
	'errors.notFound': 'Page not found.',
	'errors.server': 'Something went wrong. Nothing you entered was lost; please try again.',
	'errors.title': 'This page could not be shown',
	'errors.goHome': 'Back to home'
};
