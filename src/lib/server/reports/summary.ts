/**
 * The report's auto-written summary: a few plain sentences in Arabic and English, written
 * from the figures only (pure: figures in, sentences out; tested on known data).
 */
import { number, percent } from '../../i18n/format';
import type { Locale } from '../../i18n/locales';
import type { Status } from '../targets';

export type SummaryInput = {
	csat?: { value: number | null; previous: number | null; status: Status } | null;
	sla?: {
		breachShare: number | null;
		n: number;
		slaDays: number;
		topChannel: { nameAr: string; nameEn: string; share: number } | null;
		status: Status;
	} | null;
	responseRate?: { value: number | null; status: Status } | null;
	reach?: { value: number | null; previous: number | null; status: Status } | null;
};

/** Arabic count noun agreement for "points": 1 نقطة، 2 نقطتان، 3–10 نقاط، 11+ نقطة. */
function pointsAr(k: number): string {
	if (k === 1) return 'نقطة واحدة';
	if (k === 2) return 'نقطتين';
	if (k >= 3 && k <= 10) return `${k} نقاط`;
	return `${k} نقطة`;
}

function promise(days: number, locale: Locale): string {
	if (locale === 'ar')
		return days === 14 ? 'مهلة الأسبوعين' : days === 7 ? 'مهلة الأسبوع' : `مهلة ${days} يومًا`;
	return days === 14
		? 'the two-week promise'
		: days === 7
			? 'the one-week promise'
			: `the ${days}-day promise`;
}

const TARGET_AR: Record<Status, string> = {
	met: 'أعلى من المستهدف',
	near: 'قريب من المستهدف',
	missed: 'دون المستهدف',
	none: ''
};
const TARGET_EN: Record<Status, string> = {
	met: 'above target',
	near: 'close to target',
	missed: 'below target',
	none: ''
};

export function summary(x: SummaryInput, locale: Locale): string[] {
	const ar = locale === 'ar';
	const out: string[] = [];
	const pct = (v: number) => percent(v, locale);
	const withTarget = (s: string, st: Status, words: Record<Status, string>) =>
		st === 'none' ? s : `${s}${ar ? '، ' : ', '}${words[st]}`;

	if (x.csat && x.csat.value != null) {
		const v = x.csat.value;
		const pts =
			x.csat.previous == null ? null : Math.round(v * 100) - Math.round(x.csat.previous * 100);
		let s: string;
		if (pts == null) s = ar ? `بلغ الرضا ${pct(v)}` : `satisfaction was ${pct(v)}`;
		else if (pts > 0)
			s = ar
				? `ارتفع الرضا ${pointsAr(pts)} إلى ${pct(v)}`
				: `satisfaction rose ${pts} point${pts === 1 ? '' : 's'} to ${pct(v)}`;
		else if (pts < 0)
			s = ar
				? `انخفض الرضا ${pointsAr(-pts)} إلى ${pct(v)}`
				: `satisfaction fell ${-pts} point${pts === -1 ? '' : 's'} to ${pct(v)}`;
		else s = ar ? `استقر الرضا عند ${pct(v)}` : `satisfaction held at ${pct(v)}`;
		out.push(withTarget(s, x.csat.status, ar ? TARGET_AR : TARGET_EN));
	}
	if (x.sla && x.sla.breachShare != null && x.sla.n > 0) {
		const b = x.sla.breachShare;
		let s: string;
		if (b === 0)
			s = ar
				? `لم يتجاوز أي طلب ${promise(x.sla.slaDays, locale)}`
				: `no request breached ${promise(x.sla.slaDays, locale)}`;
		else {
			s = ar
				? `${pct(b)} من الطلبات تجاوزت ${promise(x.sla.slaDays, locale)}`
				: `${pct(b)} of requests breached ${promise(x.sla.slaDays, locale)}`;
			const c = x.sla.topChannel;
			if (c && c.share >= 0.5)
				s += ar ? `، أغلبها من ${c.nameAr}` : `, mostly ${c.nameEn.toLowerCase()}`;
		}
		out.push(s);
	}
	if (x.responseRate && x.responseRate.value != null) {
		const s = ar
			? `أجاب ${pct(x.responseRate.value)} من المدعوين على الاستبانة`
			: `${pct(x.responseRate.value)} of those invited answered the survey`;
		out.push(withTarget(s, x.responseRate.status, ar ? TARGET_AR : TARGET_EN));
	}
	if (x.reach && x.reach.value != null && x.reach.value > 0) {
		const v = number(x.reach.value, locale);
		let s: string;
		const p = x.reach.previous;
		if (p != null && p > 0 && Math.abs(x.reach.value - p) / p >= 0.01) {
			const ch = Math.round((Math.abs(x.reach.value - p) / p) * 100);
			s =
				x.reach.value > p
					? ar
						? `ارتفع الوصول غير المباشر ${ch}٪ إلى ${v}`
						: `indirect reach rose ${ch}% to ${v}`
					: ar
						? `انخفض الوصول غير المباشر ${ch}٪ إلى ${v}`
						: `indirect reach fell ${ch}% to ${v}`;
		} else s = ar ? `بلغ الوصول غير المباشر ${v}` : `indirect reach was ${v}`;
		out.push(withTarget(s, x.reach.status, ar ? TARGET_AR : TARGET_EN));
	}
	return out;
}

/** The sentences joined the way each language writes a list of clauses. */
export function summaryText(x: SummaryInput, locale: Locale): string {
	const s = summary(x, locale);
	if (!s.length) return '';
	const text = s.join(locale === 'ar' ? '؛ ' : '; ');
	return locale === 'en' ? text[0].toUpperCase() + text.slice(1) + '.' : text + '.';
}
