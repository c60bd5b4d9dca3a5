// The survey form's own UI strings (not the app catalog: public survey pages must not
// pull the whole catalog). Templates use {name} placeholders, filled by format().
import type { SurveyLocale, SurveyUi } from '../../components/survey/types';

export const uiStrings: Record<SurveyLocale, SurveyUi> = {
	ar: {
		next: 'التالي',
		back: 'السابق',
		submit: 'إرسال',
		pageOf: 'الصفحة {current} من {total}',
		progressLabel: 'مدى التقدّم في الاستبيان',
		required: '(مطلوب)',
		optional: '(اختياري)',
		errorSummary: 'يُرجى مراجعة الإجابات التالية:',
		requiredError: 'يُرجى الإجابة عن هذا السؤال.',
		rangeError: 'يُرجى اختيار قيمة بين {min} و{max}.',
		integerError: 'يُرجى إدخال عدد صحيح دون كسور.',
		numberError: 'يُرجى إدخال رقم.',
		choiceError: 'يُرجى الاختيار من الخيارات المعروضة.',
		maxLengthError: 'يُرجى ألا يزيد النص على {max} حرف.',
		otherError: 'يُرجى كتابة إجابتك الأخرى.',
		minSelectError: 'يُرجى اختيار {min} خيارات على الأقل.',
		maxSelectError: 'يُرجى ألا تختار أكثر من {max} خيارات.',
		emailError: 'يُرجى إدخال بريد إلكتروني صحيح.',
		rankingError: 'يُرجى إعطاء كل خيار ترتيبًا مختلفًا من 1 إلى {max}.',
		dateError: 'يُرجى إدخال تاريخ صحيح (سنة-شهر-يوم).',
		telError: 'يُرجى إدخال رقم هاتف صحيح.',
		otherPlaceholder: 'اكتب إجابتك هنا',
		maxLengthHint: 'الحد الأقصى {max} حرف.'
	},
	en: {
		next: 'Next',
		back: 'Back',
		submit: 'Submit',
		pageOf: 'Page {current} of {total}',
		progressLabel: 'Survey progress',
		required: '(required)',
		optional: '(optional)',
		errorSummary: 'Please check these answers:',
		requiredError: 'Please answer this question.',
		rangeError: 'Choose a value between {min} and {max}.',
		integerError: 'Please enter a whole number.',
		numberError: 'Please enter a number.',
		choiceError: 'Please choose one of the options shown.',
		maxLengthError: 'Please keep the text to {max} characters or fewer.',
		otherError: 'Please write your other answer.',
		minSelectError: 'Please choose at least {min} options.',
		maxSelectError: 'Please choose no more than {max} options.',
		emailError: 'Please enter a valid e-mail address.',
		rankingError: 'Please give each option a different place from 1 to {max}.',
		dateError: 'Please enter a valid date (year-month-day).',
		telError: 'Please enter a valid phone number.',
		otherPlaceholder: 'Type your answer here',
		maxLengthHint: '{max} characters at most.'
	}
};

export function format(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
