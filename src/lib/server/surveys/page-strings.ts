import { type Locale } from '$lib/i18n/locales';
// Strings of the public survey page around the form (link states, thank-you, language
// switch). Kept here, not in the app catalog, so the page stays light.
export type PageStrings = {
	switchLabel: string;
	switchTo: string;
	thanksTitle: string;
	thanksBody: string;
	closeHint: string;
	usedTitle: string;
	usedBody: string;
	expiredTitle: string;
	expiredBody: string;
	unknownTitle: string;
	unknownBody: string;
	limitTitle: string;
	limitBody: string;
	from: string;
};

export const pageStrings: Record<Locale, PageStrings> = {
	ar: {
		switchLabel: 'اللغة',
		switchTo: 'English',
		thanksTitle: 'شكرًا لك',
		thanksBody: 'وصلتنا إجاباتك. رأيك يساعد {name} على تحسين خدماتها.',
		closeHint: 'يمكنك إغلاق هذه الصفحة الآن.',
		usedTitle: 'تم استخدام هذا الرابط',
		usedBody: 'سبق إرسال الإجابات من خلال هذا الرابط، ولا يمكن إرسالها مرة أخرى. شكرًا لمشاركتك.',
		expiredTitle: 'انتهت صلاحية هذا الرابط',
		expiredBody:
			'انتهت المدة المتاحة للإجابة عن هذا الاستبيان. إن رغبت في المشاركة فتواصل مع الجمعية لتزويدك برابط جديد.',
		unknownTitle: 'الرابط غير صحيح',
		unknownBody:
			'لم نتمكّن من العثور على هذا الاستبيان. تأكّد من نسخ الرابط كاملًا كما وصلك، أو تواصل مع الجمعية.',
		limitTitle: 'لقد شاركت مؤخرًا',
		limitBody: 'شكرًا لحماسك! استقبلنا عدة مشاركات من هذا الجهاز، يُرجى المحاولة لاحقًا.',
		from: 'من {name}'
	},
	en: {
		switchLabel: 'Language',
		switchTo: 'العربية',
		thanksTitle: 'Thank you',
		thanksBody: 'Your answers have reached us. Your opinion helps {name} improve its services.',
		closeHint: 'You can close this page now.',
		usedTitle: 'This link has already been used',
		usedBody:
			'Answers were already sent with this link and cannot be sent again. Thank you for taking part.',
		expiredTitle: 'This link has expired',
		expiredBody:
			'The time to answer this survey has passed. If you would like to take part, please contact the association for a new link.',
		unknownTitle: 'This link is not valid',
		unknownBody:
			'We could not find this survey. Please check that you copied the whole link as you received it, or contact the association.',
		limitTitle: 'You took part recently',
		limitBody:
			'Thank you for your enthusiasm! We received several answers from this device; please try again later.',
		from: 'From {name}'
	}
};

export type LinkState = 'used' | 'expired' | 'unknown' | 'limit';

/** The title and text of a link that cannot be answered: the page gets these two alone. */
export function linkText(locale: Locale, state: LinkState): { title: string; body: string } {
	const s = pageStrings[locale];
	return { title: s[`${state}Title`], body: s[`${state}Body`] };
}

/** What the survey page draws around the form (language switch, thank-you), and no more. */
export function aroundForm(locale: Locale) {
	const { switchLabel, switchTo, thanksTitle, thanksBody, closeHint } = pageStrings[locale];
	return { switchLabel, switchTo, thanksTitle, thanksBody, closeHint };
}
