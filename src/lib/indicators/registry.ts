/**
 * THE indicator registry: for every indicator the app shows, its key, unit, better direction,
 * decimals and its label and definition in Arabic and English. Dashboard tiles, the quarterly
 * report, targets and improvement actions all read from here; the numbers themselves come from
 * `lib/server/indicators/` (one SQL query each). Pure: used by server and browser.
 */
import type { Locale } from '../i18n/locales';

/** share 0–1 (shown as %), score (mean on 1–5), nps (−100…100), days, count. */
export type Unit = 'share' | 'score' | 'nps' | 'days' | 'count';
export type Better = 'higher' | 'lower';
type Text = Readonly<Record<Locale, string>>;

export type IndicatorDef = {
	unit: Unit;
	/** Which way is better by default (a target may say otherwise). */
	better: Better;
	/** Decimals of the value (a share's decimals are of its percentage). */
	decimals: number;
	label: Text;
	/** One sentence; `{days}` is the association's SLA. */
	definition: Text;
	/** Counts people: fewer than 5 is a small cell (withheld from the board). Reach counts visits. */
	people: boolean;
	/** A sample of answers: n < 30 carries the "small sample" flag. */
	sampled: boolean;
	/** Can be measured for one program (targets and actions scope it). */
	programScoped: boolean;
};

const def = (
	unit: Unit,
	better: Better,
	decimals: number,
	label: Text,
	definition: Text,
	o: Partial<Pick<IndicatorDef, 'people' | 'sampled' | 'programScoped'>> = {}
): IndicatorDef => ({
	unit,
	better,
	decimals,
	label,
	definition,
	people: o.people ?? true,
	sampled: o.sampled ?? false,
	programScoped: o.programScoped ?? false
});

export const INDICATORS = {
	csat: def(
		'share',
		'higher',
		0,
		{ ar: 'نسبة الرضا (CSAT)', en: 'Satisfaction (CSAT)' },
		{
			ar: 'CSAT: نسبة من أجابوا 4 أو 5 على سؤال الرضا العام (1–5).',
			en: 'CSAT: share answering 4 or 5 to the overall satisfaction question (1–5).'
		},
		{ sampled: true, programScoped: true }
	),
	satisfaction: def(
		'score',
		'higher',
		2,
		{ ar: 'متوسط الرضا (من 5)', en: 'Mean satisfaction (of 5)' },
		{
			ar: 'متوسط الرضا مع فترة ثقة 95%؛ تُعلَّم العينات الأقل من 30.',
			en: 'Mean satisfaction with a 95% confidence interval; samples under 30 are flagged.'
		},
		{ sampled: true, programScoped: true }
	),
	nps: def(
		'nps',
		'higher',
		0,
		{ ar: 'صافي نقاط الترويج (NPS)', en: 'Net Promoter Score (NPS)' },
		{
			ar: 'NPS: نسبة المروجين (9–10) ناقص نسبة المنتقدين (0–6).',
			en: 'NPS: % promoters (9–10) minus % detractors (0–6).'
		},
		{ sampled: true, programScoped: true }
	),
	responseRate: def(
		'share',
		'higher',
		0,
		{ ar: 'نسبة الاستجابة للاستبانة', en: 'Survey response rate' },
		{
			ar: 'نسبة الاستجابة: الاستبانات المكتملة ÷ الدعوات التي وصلت في الفترة.',
			en: 'Response rate: completed surveys ÷ invitations delivered in the period.'
		},
		{ sampled: true, programScoped: true }
	),
	medianDays: def(
		'days',
		'lower',
		1,
		{ ar: 'وسيط مدة البت (أيام)', en: 'Median days to decision' },
		{
			ar: 'زمن القرار: من استلام الطلب إلى القرار؛ الوسيط للطلبات التي بُتّ فيها خلال الفترة.',
			en: 'Time to decision: request received → decision; median of requests decided in the period.'
		},
		{ sampled: true }
	),
	p90Days: def(
		'days',
		'lower',
		1,
		{ ar: 'المئين 90 لمدة البت (أيام)', en: '90th percentile days to decision' },
		{
			ar: 'المئين 90 لزمن القرار: تسعة من كل عشرة طلبات بُتّ فيها خلال هذه المدة أو أقل.',
			en: '90th percentile of time to decision: nine in ten requests decided in the period took this long or less.'
		},
		{ sampled: true }
	),
	withinSla: def(
		'share',
		'higher',
		0,
		{ ar: 'الطلبات المنجزة في المهلة', en: 'Requests decided within the promise' },
		{
			ar: 'ضمن المهلة: نسبة القرارات المتخذة قبل موعد الاستحقاق ({days} يومًا).',
			en: 'Within the promise: share of decisions made by the due date ({days} days).'
		},
		{ sampled: true }
	),
	openOverdue: def(
		'count',
		'lower',
		0,
		{ ar: 'طلبات مفتوحة متأخرة', en: 'Open overdue requests' },
		{
			ar: 'المتأخرة: طلبات بلا قرار تجاوزت موعد استحقاقها في نهاية الفترة.',
			en: 'Overdue: undecided requests past their due date at the end of the period.'
		}
	),
	reach: def(
		'count',
		'higher',
		0,
		{ ar: 'المستفيدون غير المباشرين (الوصول)', en: 'Indirect beneficiaries (reach)' },
		{
			ar: 'الوصول غير المباشر: مجموع الزوار الفريدين يوميًا للموقع + وصول كل منصة؛ مرات الظهور لا تُضاف.',
			en: 'Indirect reach: daily-unique website visitors summed + each platform’s reach; impressions are never added.'
		},
		{ people: false }
	),
	directServed: def(
		'count',
		'higher',
		0,
		{ ar: 'المستفيدون المباشرون', en: 'Direct beneficiaries' },
		{
			ar: 'المستفيدون المباشرون: الأشخاص (دون تكرار) الملتحقون ببرنامج نُفّذ خلال الفترة أو الذين بُتّ في طلب لهم خلالها.',
			en: 'Direct beneficiaries: distinct people enrolled in a program that ran in the period or with a request decided in it.'
		}
	),
	directSurveyed: def(
		'share',
		'higher',
		0,
		{ ar: 'نسبة من دُعوا إلى الاستبانة', en: 'Share surveyed' },
		{
			ar: 'نسبة المستفيدين المباشرين الذين أُرسلت إليهم دعوة استبانة عن البرنامج أو الطلب الذي خدمهم.',
			en: 'Share of direct beneficiaries invited to a survey about the program or request that served them.'
		}
	),
	directResponded: def(
		'share',
		'higher',
		0,
		{ ar: 'نسبة من أجابوا الاستبانة', en: 'Share responded' },
		{
			ar: 'نسبة المستفيدين المباشرين الذين أكملوا تلك الاستبانة.',
			en: 'Share of direct beneficiaries who completed that survey.'
		}
	),
	directComplete: def(
		'share',
		'higher',
		0,
		{ ar: 'اكتمال سجلات المستفيدين', en: 'Record completeness' },
		{
			ar: 'نسبة سجلات المستفيدين المباشرين (غير الممحوّة) المكتملة البيانات المطلوبة: الاسم ووسيلة تواصل (جوال أو بريد) والجنس والفئة العمرية والمدينة.',
			en: 'Share of direct beneficiaries’ records (erased ones aside) with the required data: name, a contact (mobile or e-mail), gender, age band and city.'
		}
	)
} as const satisfies Record<string, IndicatorDef>;

export type AnyIndicatorKey = keyof typeof INDICATORS;

/**
 * The indicators a target, a report row or an action's baseline can refer to (stored as text in
 * `target.indicator` and `improvement_action.indicator`; append only).
 */
export const INDICATOR_KEYS = [
	'csat',
	'nps',
	'responseRate',
	'withinSla',
	'medianDays',
	'openOverdue',
	'reach'
] as const satisfies readonly AnyIndicatorKey[];
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** Direct beneficiaries, shown beside indirect reach on the overview and in the report. */
export const DIRECT_KEYS = [
	'directServed',
	'directSurveyed',
	'directResponded',
	'directComplete'
] as const satisfies readonly AnyIndicatorKey[];

export function isIndicatorKey(v: unknown): v is IndicatorKey {
	return typeof v === 'string' && (INDICATOR_KEYS as readonly string[]).includes(v);
}

export function indicator(key: AnyIndicatorKey): IndicatorDef {
	return INDICATORS[key];
}

export function labelOf(key: AnyIndicatorKey, locale: Locale): string {
	return INDICATORS[key].label[locale];
}

export function definitionOf(
	key: AnyIndicatorKey,
	locale: Locale,
	params: { days?: number } = {}
): string {
	return INDICATORS[key].definition[locale].replace('{days}', String(params.days ?? '{days}'));
}
