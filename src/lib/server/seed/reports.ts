/**
 * Demo targets (this year and last, in the association's calendar), two reviewed quarters
 * and a handful of improvement actions whose baseline and after-values are measured from
 * the demo data seeded before this (so it runs last).
 */
import { eq } from 'drizzle-orm';
import { getDb } from '../db';
import { program, user } from '../db/schema';
import * as actions from '../improvements';
import * as settings from '../settings';
import * as targets from '../targets';
import { markReviewed, recentQuarters } from '../reports';
import { addDays, localDate, quarterOf, startOfLocalDay } from '../../dates';
import type { IndicatorKey } from '../../indicators/registry';

const TARGETS: { indicator: IndicatorKey; value: number; direction: 'higher' | 'lower' }[] = [
	{ indicator: 'csat', value: 0.85, direction: 'higher' },
	{ indicator: 'nps', value: 40, direction: 'higher' },
	{ indicator: 'responseRate', value: 0.4, direction: 'higher' },
	{ indicator: 'withinSla', value: 0.9, direction: 'higher' },
	{ indicator: 'medianDays', value: 7, direction: 'lower' },
	{ indicator: 'openOverdue', value: 5, direction: 'lower' },
	{ indicator: 'reach', value: 50_000, direction: 'higher' }
];

export function seedReports(now: Date) {
	const s = settings.get();
	const db = getDb();
	const byEmail = (email: string) =>
		db.select({ id: user.id }).from(user).where(eq(user.email, email)).get()?.id ?? null;
	const admin = byEmail('admin@demo.rida');
	const quality = byEmail('quality@demo.rida') ?? admin;
	const board = byEmail('board@demo.rida') ?? admin;
	const today = localDate(now, s.timeZone);
	const year = quarterOf(today, s.calendar).year;

	// Last year's targets a little lower: the association raises the bar each year.
	for (const t of TARGETS) {
		const last = t.direction === 'higher' ? t.value * 0.95 : t.value * 1.2;
		targets.set(
			{ id: quality },
			{
				indicator: t.indicator,
				calendar: s.calendar,
				year: year - 1,
				value: Math.round(last * 1000) / 1000,
				direction: t.direction
			}
		);
		targets.set(
			{ id: quality },
			{ indicator: t.indicator, calendar: s.calendar, year, value: t.value, direction: t.direction }
		);
	}

	const at = (daysAgo: number, hour = 10) =>
		new Date(startOfLocalDay(addDays(today, -daysAgo), s.timeZone).getTime() + hour * 3_600_000);
	const programs = db.select({ id: program.id }).from(program).orderBy(program.id).all();
	const p = (i: number) => programs[i % Math.max(programs.length, 1)]?.id ?? null;

	const plan: {
		title: string;
		description: string;
		source: 'indicator' | 'program' | 'aspect' | 'comment';
		sourceRef: string | null;
		indicator: IndicatorKey;
		programId: number | null;
		opened: number;
		due: number;
		closed?: number;
		status: 'open' | 'in_progress' | 'done' | 'cancelled';
	}[] = [
		{
			title: 'تقليص مدة الرد على الخطابات',
			description: 'تحويل الخطابات الواردة إلى النظام في اليوم نفسه وتعيين مسؤول لكل خطاب.',
			source: 'indicator',
			sourceRef: 'withinSla',
			indicator: 'withinSla',
			programId: null,
			opened: 330,
			due: 240,
			closed: 200,
			status: 'done'
		},
		{
			title: 'مكتب استقبال ثانٍ في أوقات الذروة',
			description: 'فتح مكتب ثانٍ من ٩ إلى ١٢ صباحًا لتقليل الانتظار.',
			source: 'aspect',
			sourceRef: 'speed',
			indicator: 'csat',
			programId: null,
			opened: 300,
			due: 200,
			closed: 150,
			status: 'done'
		},
		{
			title: 'شرح شروط البرنامج قبل التسجيل',
			description: 'ورقة تعريفية ورسالة نصية بالشروط والمواعيد قبل بدء البرنامج.',
			source: 'program',
			sourceRef: String(p(0)),
			indicator: 'csat',
			programId: p(0),
			opened: 240,
			due: 150,
			closed: 110,
			status: 'done'
		},
		{
			title: 'تذكير ثانٍ للاستبانة بعد ثلاثة أيام',
			description: 'رفع نسبة الاستجابة بتذكير واحد إضافي في ساعات الإرسال.',
			source: 'indicator',
			sourceRef: 'responseRate',
			indicator: 'responseRate',
			programId: null,
			opened: 120,
			due: 60,
			status: 'in_progress'
		},
		{
			title: 'تدريب الموظفين على التعامل مع الشكاوى',
			description: 'ورشة لمدة يومين لموظفي الاستقبال والهاتف.',
			source: 'aspect',
			sourceRef: 'courtesy',
			indicator: 'csat',
			programId: null,
			opened: 40,
			due: 20,
			status: 'open'
		},
		{
			title: 'نشر محتوى أسبوعي في المنصات',
			description: 'جدول نشر ثابت لزيادة الوصول غير المباشر.',
			source: 'indicator',
			sourceRef: 'reach',
			indicator: 'reach',
			programId: null,
			opened: 25,
			due: 90,
			status: 'open'
		}
	];
	for (const a of plan) {
		const id = actions.create(
			{ id: quality },
			{
				title: a.title,
				description: a.description,
				source: a.source,
				sourceRef: a.sourceRef,
				ownerId: quality,
				dueDate: addDays(today, -a.due),
				indicator: a.indicator,
				programId: a.programId
			},
			at(a.opened)
		);
		if (a.status === 'in_progress')
			actions.update({ id: quality }, id, { status: 'in_progress' }, at(a.opened - 5));
		if (a.status === 'done' && a.closed != null) {
			actions.update({ id: quality }, id, { status: 'in_progress' }, at(a.opened - 5));
			actions.update({ id: quality }, id, { status: 'done' }, at(a.closed));
		}
	}

	// Two quarters reviewed by the board (the two before the last one; the last awaits review).
	const [, q2, q3] = recentQuarters(s.calendar, s.timeZone, 3, now);
	markReviewed(
		{ id: board ?? 0 },
		q3,
		'اطّلع المجلس على التقرير. نوصي بمتابعة مدة الرد على الخطابات.',
		new Date(startOfLocalDay(addDays(today, -150), s.timeZone).getTime())
	);
	markReviewed(
		{ id: board ?? 0 },
		q2,
		'تحسن واضح في الرضا بعد فتح مكتب الاستقبال الثاني. يُستمر في متابعة نسبة الاستجابة.',
		new Date(startOfLocalDay(addDays(today, -60), s.timeZone).getTime())
	);
}
