import { type Locale } from '$lib/i18n/locales';
/** The public transparency page's own strings (kept apart from the app catalog: no app code there). */
const ar = {
	title: 'الشفافية: ما وعدنا به وما حققناه',
	lead: 'أرقام رضا المستفيدين والرد على طلباتهم في آخر أربعة أرباع، كما تقيسها الجمعية، وما غيّرناه بناءً على آرائكم.',
	policy: 'السياسة المعتمدة',
	version: 'الإصدار',
	approvedOn: 'تاريخ الاعتماد',
	download: 'تنزيل السياسة',
	noPolicy: 'لم تُنشر سياسة بعد.',
	figures: 'المؤشرات الربعية',
	quarter: 'الربع',
	satisfaction: 'متوسط الرضا (من 5)',
	ci: 'فترة ثقة 95٪: {low}–{high}',
	n: 'عدد الإجابات: {n}',
	decisions: 'عدد الطلبات: {n}',
	withinSla: 'نسبة الطلبات التي رُدّ عليها خلال المهلة ({days} يومًا)',
	medianDays: 'وسيط أيام البت في الطلب',
	reach: 'الوصول غير المباشر (زيارات الموقع ومتابعو المنصات)',
	notEnough: 'إجابات غير كافية',
	noData: 'لا بيانات',
	youSaid: 'قلتم، فعلنا',
	before: 'قبل',
	after: 'بعد',
	noActions: 'لا إجراءات منشورة بعد.',
	method: 'لا تُنشر أي نسبة أو متوسط يقوم على أقل من 30 إجابة. لا تحتوي هذه الصفحة أي بيانات شخصية.',
	switchTo: 'English',
	days: '{n} يوم'
};
const en: Record<keyof typeof ar, string> = {
	title: 'Transparency: what we promised and what we did',
	lead: "Beneficiaries' satisfaction and how we answered their requests over the last four quarters, as the association measures them, and what we changed because of what you told us.",
	policy: 'Approved policy',
	version: 'Version',
	approvedOn: 'Approved on',
	download: 'Download the policy',
	noPolicy: 'No policy published yet.',
	figures: 'Quarterly figures',
	quarter: 'Quarter',
	satisfaction: 'Mean satisfaction (out of 5)',
	ci: '95% confidence interval: {low}–{high}',
	n: 'Answers: {n}',
	decisions: 'Requests: {n}',
	withinSla: 'Requests answered within the promise ({days} days)',
	medianDays: 'Median days to a decision',
	reach: 'Indirect reach (website visitors and platform reach)',
	notEnough: 'Not enough answers',
	noData: 'No data',
	youSaid: 'You said, we did',
	before: 'Before',
	after: 'After',
	noActions: 'No published actions yet.',
	method:
		'No share or mean resting on fewer than 30 answers is published. This page holds no personal data.',
	switchTo: 'العربية',
	days: '{n} days'
};
export type TrKey = keyof typeof ar;
export function tr(l: Locale, k: TrKey, p: Record<string, string | number> = {}): string {
	let s = (l === 'en' ? en : ar)[k];
	for (const [a, b] of Object.entries(p)) s = s.replaceAll(`{${a}}`, String(b));
	return s;
}
