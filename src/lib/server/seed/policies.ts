/**
 * The demo association's beneficiary relationship policy (as the board approved it), with
 * the clauses that promise something an indicator measures.
 */
import { eq } from 'drizzle-orm';
import { getDb } from '../db';
import { user } from '../db/schema';
import * as policies from '../policies';
import * as settings from '../settings';
import { addDays, localDate } from '../../dates';
import type { IndicatorKey } from '../db/schema/reports';

const CLAUSES: { ref: string; textAr: string; textEn: string; indicator: IndicatorKey }[] = [
	{
		ref: '5-2',
		textAr: 'الرد على طلب المستفيد خلال مدة لا تزيد عن أسبوعين من تاريخ استلامه.',
		textEn: "Answer a beneficiary's request within two weeks of receiving it.",
		indicator: 'withinSla'
	},
	{
		ref: '5-3',
		textAr: 'دراسة الطلب والبت فيه دون تأخير، وإبلاغ المستفيد بما تقرر.',
		textEn: 'Study each request and decide on it without delay, and tell the beneficiary.',
		indicator: 'medianDays'
	},
	{
		ref: '5-8',
		textAr: 'عدم ترك أي طلب دون قرار بعد انقضاء مهلته.',
		textEn: 'Leave no request without a decision once its deadline has passed.',
		indicator: 'openOverdue'
	},
	{
		ref: '6-1',
		textAr: 'قياس رضا المستفيدين عن الخدمات المقدمة بشكل دوري ورفع نتائجه لمجلس الإدارة.',
		textEn:
			"Measure beneficiaries' satisfaction with our services regularly and report it to the board.",
		indicator: 'csat'
	},
	{
		ref: '6-2',
		textAr: 'استطلاع آراء المستفيدين بعد انتهاء كل برنامج.',
		textEn: 'Ask beneficiaries for their views after every program ends.',
		indicator: 'responseRate'
	},
	{
		ref: '3-4',
		textAr:
			'التواصل مع المجتمع عبر الموقع الإلكتروني ووسائل التواصل الاجتماعي ونشر هذه السياسة على الموقع.',
		textEn:
			'Reach the community through the website and social media, and publish this policy there.',
		indicator: 'reach'
	}
];

export function seedPolicies(now: Date) {
	const s = settings.get();
	const today = localDate(now, s.timeZone);
	const admin =
		getDb().select({ id: user.id }).from(user).where(eq(user.email, 'admin@demo.rida')).get()?.id ??
		null;
	const actor = { id: admin ?? 0 };
	const id = policies.create(actor, {
		titleAr: 'سياسة تنظيم العلاقة مع المستفيدين',
		titleEn: 'Beneficiary relationship policy',
		version: '1.1',
		approvedBy: 'مجلس الإدارة',
		boardMeeting: '14',
		approvedOn: addDays(today, -300),
		// Reviewed yearly; the demo's review is two months away (no reminder until 30 days before).
		nextReviewOn: addDays(today, 65),
		published: true
	});
	for (const c of CLAUSES) policies.addClause(actor, id, c);
	policies.setFile(actor, id, {
		name: 'beneficiary-relationship-policy-v1.1.pdf',
		data: demoPdf('Beneficiary relationship policy - version 1.1 (demo document)')
	});
	// The earlier version, kept in the register (superseded: it never reminds anyone).
	policies.create(actor, {
		titleAr: 'سياسة تنظيم العلاقة مع المستفيدين',
		titleEn: 'Beneficiary relationship policy',
		version: '1.0',
		approvedBy: 'مجلس الإدارة',
		boardMeeting: '9',
		approvedOn: addDays(today, -700),
		nextReviewOn: addDays(today, -335),
		published: false
	});
}

/** A one-page PDF with one line of text (Latin: the standard fonts have no Arabic). */
export function demoPdf(line: string): Uint8Array {
	const text = line.replace(/[()\\]/g, '');
	const stream = `BT /F1 14 Tf 60 780 Td (${text}) Tj ET`;
	const objs = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
	];
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	objs.forEach((o, i) => {
		offsets.push(out.length);
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
	for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return new TextEncoder().encode(out);
}
