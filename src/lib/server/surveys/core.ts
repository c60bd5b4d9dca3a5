// The one place that loads survey-core, so the Arabic strings and their fixes are
// installed before any Model is built (by definition.ts or engine.ts).
import { Model, Question, surveyLocalization } from 'survey-core';
import 'survey-core/i18n/arabic';

// survey-core's Arabic table has machine translations, reversed punctuation meant to
// fake RTL (".يرجى…", "{1} صفحة {0} من") and stray letters ("{2}ا"). These are the
// strings a Rida survey can show; the rest are for widgets Rida does not render.
const arabicFixes: Record<string, string> = {
	pagePrevText: 'السابق',
	pageNextText: 'التالي',
	completeText: 'إرسال',
	commentText: 'أضف تعليقًا',
	otherItemText: 'أخرى (يُرجى التحديد)',
	noneItemText: 'لا شيء مما سبق',
	refuseItemText: 'أفضّل عدم الإجابة',
	dontKnowItemText: 'لا أعرف',
	progressText: 'الصفحة {0} من {1}',
	emptySurvey: 'لا يحتوي الاستبيان على أسئلة ظاهرة.',
	completingSurvey: 'شكرًا لك على إكمال الاستبيان.',
	placeholder: 'اختر…',
	ratingOptionsCaption: 'اختر…',
	buttongroupOptionsCaption: 'اختر…',
	requiredError: 'يُرجى الإجابة عن هذا السؤال.',
	requiredErrorInPanel: 'يُرجى الإجابة عن سؤال واحد على الأقل.',
	requiredInAllRowsError: 'يُرجى الإجابة عن جميع الصفوف.',
	numericError: 'يجب أن تكون القيمة رقمًا.',
	minError: 'يجب ألا تقل القيمة عن {0}.',
	maxError: 'يجب ألا تزيد القيمة على {0}.',
	invalidInputError: 'القيمة المُدخلة غير صحيحة.',
	textMinLength: 'يُرجى إدخال {0} أحرف على الأقل.',
	textMaxLength: 'يُرجى ألا يزيد النص على {0} حرفًا.',
	textMinMaxLength: 'يُرجى إدخال ما بين {0} و{1} حرفًا.',
	minSelectError: 'يُرجى اختيار {0} خيارات على الأقل.',
	maxSelectError: 'يُرجى ألا تختار أكثر من {0} خيارات.',
	numericMinMax: 'يجب أن تكون قيمة «{0}» بين {1} و{2}.',
	numericMin: 'يجب ألا تقل قيمة «{0}» عن {1}.',
	numericMax: 'يجب ألا تزيد قيمة «{0}» على {1}.',
	invalidEmail: 'يُرجى إدخال بريد إلكتروني صحيح.',
	invalidExpression: 'يجب أن يتحقق الشرط: {0}.',
	otherRequiredError: 'يُرجى كتابة الإجابة الأخرى.',
	clearCaption: 'مسح',
	selectCaption: 'اختر',
	booleanCheckedLabel: 'نعم',
	booleanUncheckedLabel: 'لا'
};

const ar = (surveyLocalization.locales as Record<string, Record<string, string> | undefined>)['ar'];
if (!ar) throw new Error('survey-core/i18n/arabic did not register the "ar" locale');
Object.assign(ar, arabicFixes);

// Rida renders its own HTML (Svelte); survey-core's CSS class names are never read on the
// server. Each answer set on a rendered question recomputed them (its root, header, title and
// error classes) — about a third of a submission's CPU time (issue 16). Never computed here.
(Question.prototype as unknown as { updateQuestionCss(): void }).updateQuestionCss = () => {};

export { Model };
export type { SurveyModel, Question } from 'survey-core';
