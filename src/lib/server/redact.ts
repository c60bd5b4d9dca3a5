import { type Locale } from '$lib/i18n/locales';
/**
 * Free-text redaction: the ONE place that decides what in a text a person typed could
 * identify someone (PDPL data minimisation). Survey comments and free-text answers, request
 * subjects, details and notes, and delivery errors are stored with a redacted display copy;
 * roles without `beneficiaries.read` only ever see that copy. Where the relations role needs
 * the original, it is kept beside it, encrypted like the other contact fields (`seal`).
 *
 * What is masked, and why each rule is safe enough to apply blindly:
 * - e-mail addresses (also with spaces around the @) and social handles (@name);
 * - runs of 7+ digits in Latin, Arabic-Indic (٠-٩) or Persian (۰-۹) digits, with spaces,
 *   dashes, dots or brackets between groups: Saudi mobiles (05…, 5…, 9665…, +9665…,
 *   009665…) become «mobile», 10 digits starting 1 or 2 (national ID / iqama) «ID number»,
 *   anything else «number» (landlines, accounts, IBANs). Shorter numbers (days, riyals,
 *   counts) and dates (YYYY-MM-DD, slashes) stay: comments need them;
 * - the known name of the person the text belongs to (beneficiary, requester): every word of
 *   it in every written form — with or without diacritics and tatweel, any hamza on alef,
 *   ة/ه, with the clitics و ف ب ل ك and the article, "عبد الله" as one or two words;
 * - names introduced the usual Arabic ways: after "اسمي", a kunya (أبو / أم + name), a title
 *   (الأستاذ/ة، الدكتور/ة، الشيخ، السيد/ة، المهندس/ة، الموظف/ة، الأخ/الأخت … Mr, Dr …), name
 *   chains with بن / بنت / آل, theophoric names (عبد + ال…), and a family name (ال…ي) right
 *   after a name; plus a list of frequent given names that are not also ordinary words.
 * Over-masking a word is accepted; missing a name is not. The result is idempotent.
 */
import { ar as arLabels, en as enLabels } from '../i18n/messages/privacy';
import { decryptOpt, encryptOpt } from './crypto';

export type RedactLocale = Locale;
export type RedactOptions = {
	/** Names of the person the text belongs to (beneficiary, requester). */
	names?: (string | null | undefined)[];
	/** Language of the placeholders (default: Arabic if the text has Arabic letters, else English). */
	locale?: RedactLocale;
};

export type PlaceholderKind = 'name' | 'mobile' | 'email' | 'nationalId' | 'number' | 'handle';

/** The placeholder text for a kind, in a language (from the i18n catalog). */
export function placeholder(kind: PlaceholderKind | 'erased', locale: RedactLocale = 'ar'): string {
	const labels = locale === 'en' ? enLabels : arLabels;
	return labels[`redact.${kind}`];
}

// ------------------------------------------------------------------ numbers, e-mails

const D = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]';
const SEP = '[\\s\\u00A0\\-\\u2010-\\u2013.()]';
/** A digit run: optional + or (, digits with up to 3 separator characters between them. */
const NUMBER_RUN = new RegExp(`[+(]?${D}(?:${SEP}{0,3}${D})*`, 'gu');
const EMAIL_RE =
	/[\p{L}\p{N}_.%+-]+[ \u00A0]?@[ \u00A0]?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const HANDLE_RE = /(?<![\p{L}\p{N}_.@])@[A-Za-z0-9_.]{3,30}(?![A-Za-z0-9_])/gu;

const latinDigits = (s: string) =>
	s
		.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
		.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));

function classifyNumber(run: string): PlaceholderKind | null {
	const plain = latinDigits(run);
	const digits = plain.replace(/\D/g, '');
	if (digits.length < 7) return null;
	// Dates and year ranges are not identifiers.
	if (/^\d{4}-\d{2}-\d{2}$/.test(plain.trim())) return null;
	if (/^(1[34]|20)\d{2}\s*[-–]\s*(1[34]|20)\d{2}$/.test(plain.trim())) return null;
	const local = digits.replace(/^00/, '').replace(/^966/, '');
	if (/^0?5\d{8}$/.test(local)) return 'mobile';
	if (/^[12]\d{9}$/.test(digits)) return 'nationalId';
	return 'number';
}

// ------------------------------------------------------------------ names

/** Arabic-aware folding for comparing words: no diacritics or tatweel, one alef, ة→ه. */
function fold(word: string): string {
	return word
		.toLowerCase()
		.normalize('NFKC')
		.replace(/[\u064B-\u065F\u0670\u0640]/g, '')
		.replace(/[إأآٱ]/g, 'ا')
		.replace(/ة/g, 'ه');
}

/** Words that are never a name on their own (so "جزاكم الله" stays). */
const NEVER_NAME = new Set(
	[
		'الله',
		'الرحمن',
		'الرحيم',
		'بن',
		'بنت',
		'ابن',
		'ابنه',
		'ابو',
		'ابا',
		'ام',
		'ال',
		'آل',
		'عبد',
		'bin',
		'bint',
		'al',
		'el',
		'abu',
		'umm',
		'abd'
	].map(fold)
);

/** Words that end a name after a title or a kunya (verbs, adjectives, particles). */
const STOP = new Set(
	[
		'لا',
		'لم',
		'لن',
		'ما',
		'ماذا',
		'هل',
		'قد',
		'كان',
		'كانت',
		'يكون',
		'تكون',
		'هو',
		'هي',
		'انا',
		'انت',
		'نحن',
		'هم',
		'في',
		'على',
		'علي',
		'من',
		'عن',
		'مع',
		'الى',
		'الي',
		'او',
		'ثم',
		'غير',
		'جدا',
		'جدًا',
		'جداً',
		'اللي',
		'الذي',
		'التي',
		'يا',
		'كل',
		'بعض',
		'هذا',
		'هذه',
		'ذلك',
		'متعاون',
		'متعاونه',
		'متعاونين',
		'محترم',
		'محترمه',
		'ممتاز',
		'ممتازه',
		'رائع',
		'رائعه',
		'لطيف',
		'لطيفه',
		'مهذب',
		'مهذبه',
		'سريع',
		'سريعه',
		'بطيء',
		'متاخر',
		'متاخره',
		'مشكور',
		'مشكوره',
		'جزاه',
		'جزاها',
		'الله',
		'is',
		'was',
		'and',
		'the',
		'a',
		'an',
		'of',
		'from',
		'at',
		'in',
		'on',
		'to',
		'for',
		'with',
		'who'
	].map(fold)
);

/** Given names that start with the article (most names do not: after a title, "ال…" is an adjective). */
const AL_NAMES = new Set(['العنود', 'الجوهره', 'الوليد', 'البندري', 'الهنوف', 'العنود'].map(fold));

/**
 * Frequent Saudi given names that are not also everyday words (so "سعيد"، "أمل"، "عمر"،
 * "صالح"، "هيا"، "لطيفة" are left out: they mean happy, hope, age, good, let's, kind).
 */
const GIVEN = new Set(
	[
		'محمد',
		'أحمد',
		'خالد',
		'فهد',
		'فيصل',
		'سلطان',
		'بندر',
		'مشعل',
		'نايف',
		'سعود',
		'ماجد',
		'يوسف',
		'إبراهيم',
		'عبدالله',
		'عبدالرحمن',
		'عبدالعزيز',
		'تركي',
		'ناصر',
		'منصور',
		'حمود',
		'مساعد',
		'متعب',
		'راكان',
		'ريان',
		'عبدالمجيد',
		'زياد',
		'طلال',
		'وليد',
		'هشام',
		'مصطفى',
		'مشاري',
		'نواف',
		'عثمان',
		'حسين',
		'نورة',
		'سارة',
		'فاطمة',
		'عائشة',
		'مريم',
		'منيرة',
		'ريم',
		'هند',
		'العنود',
		'الجوهرة',
		'البندري',
		'الهنوف',
		'نوف',
		'غادة',
		'أروى',
		'رهف',
		'لجين',
		'دانة',
		'موضي',
		'بدرية',
		'وضحى',
		'خديجة',
		'زينب',
		'حصة',
		'شيماء',
		'أسماء',
		'فلوة',
		'هيفاء',
		'نجلاء',
		'عبير',
		'مها'
	]
		.filter((n) => !['حصة', 'أسماء'].includes(n)) // share / names: ordinary words
		.map(fold)
);

/** Titles after which the next word is a name (the title itself stays: role and gender help). */
const TITLE = new Set(
	[
		'استاذ',
		'استاذه',
		'دكتور',
		'دكتوره',
		'شيخ',
		'شيخه',
		'سيد',
		'سيده',
		'مهندس',
		'مهندسه',
		'موظف',
		'موظفه',
		'مشرف',
		'مشرفه',
		'مدرب',
		'مدربه',
		'معلم',
		'معلمه',
		'باحث',
		'باحثه',
		'اخصائي',
		'اخصائيه',
		'اخ',
		'اخت',
		'الاستاذ',
		'الاستاذه',
		'الدكتور',
		'الدكتوره',
		'الشيخ',
		'الشيخه',
		'السيد',
		'السيده',
		'المهندس',
		'المهندسه',
		'الموظف',
		'الموظفه',
		'المشرف',
		'المشرفه',
		'المدرب',
		'المدربه',
		'المعلم',
		'المعلمه',
		'الباحث',
		'الباحثه',
		'الاخصائي',
		'الاخصائيه',
		'الاخ',
		'الاخت'
	].map(fold)
);
const LATIN_TITLE = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sheikh', 'eng']);
const KUNYA = new Set(['ابو', 'ابا', 'ام'].map(fold));
const CONNECTOR = new Set(['بن', 'بنت'].map(fold));
const INTRO = new Set(['اسمي', 'اسمى'].map(fold));

type Token = {
	start: number;
	end: number;
	raw: string;
	/** Folded, without clitic prefixes. */
	base: string;
	/** Folded whole word. */
	whole: string;
	/** The clitic letters stripped from the front (kept in the output: "لـ[اسم]"). */
	prefix: string;
	latin: boolean;
	capital: boolean;
};

const WORD_RE = /[\p{L}\p{M}]+/gu;

/** Forms a word can take in a name match: itself, without و/ف, without ب/ل/ك, with/without ال. */
function forms(whole: string): { base: string; prefixLen: number }[] {
	const out: { base: string; prefixLen: number }[] = [{ base: whole, prefixLen: 0 }];
	let w = whole;
	let cut = 0;
	if (/^[وف]/.test(w) && w.length > 3) {
		w = w.slice(1);
		cut = 1;
		out.push({ base: w, prefixLen: cut });
	}
	if (/^[بلك]/.test(w) && w.length > 3) {
		// "للأستاذة" = ل + الأستاذة with the alef dropped
		if (w.startsWith('لل')) out.push({ base: 'ا' + w.slice(1), prefixLen: cut + 1 });
		out.push({ base: w.slice(1), prefixLen: cut + 1 });
	}
	return out;
}

function tokenise(text: string): Token[] {
	const out: Token[] = [];
	for (const m of text.matchAll(WORD_RE)) {
		const raw = m[0];
		const whole = fold(raw);
		const latin = /^[A-Za-z]/.test(raw);
		out.push({
			start: m.index!,
			end: m.index! + raw.length,
			raw,
			base: whole,
			whole,
			prefix: '',
			latin,
			capital: latin && /^[A-Z]/.test(raw)
		});
	}
	return out;
}

/** Only spaces between two tokens (no punctuation, no placeholder). */
function adjacent(text: string, a: Token, b: Token, allowDot = false): boolean {
	const between = text.slice(a.end, b.start);
	return allowDot ? /^\.?[ \u00A0]+$/.test(between) : /^[ \u00A0]+$/.test(between);
}

/** The known names as the folded words (and "عبد"+word compounds) they may appear as. */
function nameWords(names: (string | null | undefined)[]): Set<string> {
	const set = new Set<string>();
	for (const name of names) {
		if (!name) continue;
		const words = (name.match(WORD_RE) ?? []).map(fold);
		for (let i = 0; i < words.length; i++) {
			const w = words[i];
			if (w === 'عبد' && words[i + 1]) {
				set.add('عبد' + words[i + 1]);
				i++;
				continue;
			}
			if (w.length < 2 || NEVER_NAME.has(w)) continue;
			set.add(w);
			if (w.startsWith('ال') && w.length > 4) set.add(w.slice(2));
			else if (!/^[a-z]/.test(w) && w.length > 2) set.add('ال' + w);
		}
	}
	return set;
}

function isNisba(t: Token): boolean {
	return /^ال\p{L}{2,}ي$/u.test(t.base) && !STOP.has(t.base);
}

/**
 * "أم" is also "or" in a question ("هل أتصل أم أنتظر؟"): there it is read as a kunya only when
 * a name we know follows.
 */
function isQuestionOr(text: string, t: Token, next: Token, known: Set<string>): boolean {
	if (GIVEN.has(next.whole) || known.has(next.whole)) return false;
	const from = Math.max(...['.', '!', '؟', '?', '\n'].map((c) => text.lastIndexOf(c, t.start)));
	const ends = ['.', '!', '؟', '?', '\n']
		.map((c) => text.indexOf(c, next.end))
		.filter((i) => i >= 0);
	const sentence = text.slice(from + 1, ends.length ? Math.min(...ends) + 1 : text.length);
	return /[؟?]|(^|\s)(هل|سواء|سواءً)(\s|$)/u.test(sentence);
}

function looksLikeName(t: Token, given: Set<string>): boolean {
	if (STOP.has(t.base) || STOP.has(t.whole) || NEVER_NAME.has(t.base)) return false;
	if (t.latin) return t.capital;
	if (t.base.startsWith('ال')) return AL_NAMES.has(t.base) || given.has(t.base);
	return t.base.length >= 2;
}

function redactNames(text: string, names: (string | null | undefined)[], nameLabel: string) {
	const tokens = tokenise(text);
	if (!tokens.length) return text;
	const known = nameWords(names);
	const mark = new Array<boolean>(tokens.length).fill(false);

	/** Finds which form of the token matches a set; records the stripped prefix. */
	const match = (t: Token, set: Set<string>): boolean => {
		for (const f of forms(t.whole)) {
			if (set.has(f.base)) {
				t.base = f.base;
				t.prefix = t.raw.slice(0, f.prefixLen);
				return true;
			}
		}
		return false;
	};
	const baseOf = (t: Token, set: Set<string>) => {
		for (const f of forms(t.whole)) if (set.has(f.base)) return f.base;
		return null;
	};
	/** Marks the name starting at j and the family name / chain that follows it. */
	const markFrom = (j: number) => {
		mark[j] = true;
		let k = j;
		while (k + 1 < tokens.length && adjacent(text, tokens[k], tokens[k + 1])) {
			const n = tokens[k + 1];
			if (CONNECTOR.has(n.whole) && k + 2 < tokens.length) {
				mark[k + 1] = mark[k + 2] = true;
				k += 2;
			} else if (n.raw === 'آل' && k + 2 < tokens.length) {
				mark[k + 1] = mark[k + 2] = true;
				k += 2;
			} else if (n.whole === 'عبد' && k + 2 < tokens.length) {
				mark[k + 1] = mark[k + 2] = true;
				k += 2;
			} else if (isNisba(n) || known.has(n.whole) || GIVEN.has(n.whole)) {
				mark[k + 1] = true;
				k += 1;
			} else if (n.latin && n.capital && tokens[j].latin && !STOP.has(n.whole)) {
				mark[k + 1] = true;
				k += 1;
			} else break;
		}
	};

	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		const next = tokens[i + 1];
		const nextAdj = next && adjacent(text, t, next);
		// the person's own name, in any form
		if (known.size && match(t, known)) markFrom(i);
		// "عبد الله" written as two words
		else if (
			known.size &&
			baseOf(t, new Set(['عبد'])) &&
			next &&
			nextAdj &&
			known.has('عبد' + next.whole)
		) {
			match(t, new Set(['عبد']));
			mark[i] = true;
			markFrom(i + 1);
		}
		// frequent given names
		else if (match(t, GIVEN)) markFrom(i);
		// theophoric names: عبدالله، عبد الرحمن
		else if (/^عبدال\p{L}{2,}$/u.test(forms(t.whole).at(-1)!.base)) {
			match(t, new Set([forms(t.whole).at(-1)!.base]));
			markFrom(i);
		} else if (baseOf(t, new Set(['عبد'])) && next && nextAdj && next.whole.startsWith('ال')) {
			match(t, new Set(['عبد']));
			mark[i] = true;
			markFrom(i + 1);
		}
		// X بن Y, آل X
		else if (
			CONNECTOR.has(t.whole) &&
			i > 0 &&
			next &&
			nextAdj &&
			adjacent(text, tokens[i - 1], t)
		) {
			if (!STOP.has(tokens[i - 1].whole)) mark[i - 1] = true;
			mark[i] = true;
			markFrom(i + 1);
		} else if (t.raw === 'آل' && next && nextAdj && !STOP.has(next.whole)) {
			mark[i] = true;
			markFrom(i + 1);
		}
		// kunya: أبو فهد، أم فيصل
		else if (
			baseOf(t, KUNYA) &&
			next &&
			nextAdj &&
			looksLikeName(next, GIVEN) &&
			!(baseOf(t, KUNYA) === 'ام' && isQuestionOr(text, t, next, known))
		) {
			match(t, KUNYA);
			mark[i] = true;
			markFrom(i + 1);
		}
		// titles: الأستاذة منيرة الدوسري; Dr. Smith
		else if (baseOf(t, TITLE) && next && nextAdj && looksLikeName(next, GIVEN)) {
			markFrom(i + 1);
			i++;
		} else if (
			t.latin &&
			LATIN_TITLE.has(t.whole) &&
			next &&
			adjacent(text, t, next, true) &&
			next.capital
		) {
			markFrom(i + 1);
			i++;
		}
		// introductions: اسمي …, my name is …
		else if (INTRO.has(t.whole) && next && nextAdj && looksLikeName(next, GIVEN)) {
			markFrom(i + 1);
			i++;
		} else if (
			t.whole === 'is' &&
			i >= 2 &&
			tokens[i - 1].whole === 'name' &&
			tokens[i - 2].whole === 'my' &&
			next &&
			nextAdj &&
			next.latin
		) {
			mark[i + 1] = true;
			markFrom(i + 1);
			i++;
		}
	}
	if (!mark.some(Boolean)) return text;

	let out = '';
	let pos = 0;
	for (let i = 0; i < tokens.length; i++) {
		if (!mark[i]) continue;
		const t = tokens[i];
		const prev = tokens[i - 1];
		// one placeholder for one person: "محمد بن فهد" → [اسم]; "خالد وفاطمة" stays two
		if (i > 0 && mark[i - 1] && !t.prefix && adjacent(text, prev, t)) {
			pos = t.end;
			continue;
		}
		out += text.slice(pos, t.start) + t.prefix + nameLabel;
		pos = t.end;
	}
	return out + text.slice(pos);
}

// ------------------------------------------------------------------ the API

/** Redacts one text (see the module comment for what is masked). */
export function redact(text: string, opts: RedactOptions = {}): string {
	if (!text) return text;
	// Placeholders in the text's own language unless told otherwise.
	const locale = opts.locale ?? (/[\u0600-\u06FF]/.test(text) ? 'ar' : 'en');
	// Placeholders are parked as private-use characters (\uE000 + one index character +
	// \uE001: no letter, no digit) so that later passes never see or re-match them.
	const parked: string[] = [];
	const park = (kind: PlaceholderKind) => {
		parked.push(placeholder(kind, locale));
		return `\uE000${String.fromCharCode(0xe100 + parked.length - 1)}\uE001`;
	};
	let s = text.replace(EMAIL_RE, () => park('email'));
	s = s.replace(HANDLE_RE, () => park('handle'));
	s = s.replace(NUMBER_RUN, (run) => {
		const kind = classifyNumber(run);
		return kind ? park(kind) : run;
	});
	s = redactNames(s, opts.names ?? [], park('name'));
	return s.replace(/\uE000(.)\uE001/gu, (_, c: string) => parked[c.charCodeAt(0) - 0xe100]);
}

export function redactOpt(text: string | null | undefined, opts: RedactOptions = {}) {
	return text == null ? null : redact(text, opts);
}

/**
 * Survey answers (SurveyJS data): free-text values redacted, everything else as it was.
 * `isFreeText(key)` says which keys hold typed text (text/comment questions, "-Comment"
 * other-texts); values under other keys are left alone (choices, scores).
 */
export function redactAnswers(
	data: Record<string, unknown>,
	isFreeText: (key: string) => boolean,
	opts: RedactOptions = {}
): { data: Record<string, unknown>; changed: boolean } {
	let changed = false;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(data)) {
		if (typeof v === 'string' && isFreeText(k)) {
			const r = redact(v, opts);
			if (r !== v) changed = true;
			out[k] = r;
		} else out[k] = v;
	}
	return { data: out, changed };
}

/** Erasure: the answers without any free-text value (scores and choices stay for the indicators). */
export function stripFreeText(
	data: Record<string, unknown>,
	isFreeText: (key: string) => boolean
): Record<string, unknown> {
	return Object.fromEntries(Object.entries(data).filter(([k]) => !isFreeText(k)));
}

/** Input types of a text question that hold a number or a date, not prose. */
const NOT_PROSE = new Set([
	'number',
	'range',
	'date',
	'datetime-local',
	'month',
	'week',
	'time',
	'color'
]);

/**
 * Which answer keys of a survey hold typed text: comment questions, text questions (except
 * numbers and dates), every "other" text ("<name>-Comment"), and — defensively — any key the
 * definition does not know.
 */
export function freeTextKeys(def: {
	questions: { name: string; type: string; raw: Record<string, unknown> }[];
}): (key: string) => boolean {
	const known = new Map(def.questions.map((q) => [q.name, q]));
	return (key) => {
		if (key.endsWith('-Comment')) return true;
		const q = known.get(key);
		if (!q) return true;
		if (q.type === 'comment') return true;
		return q.type === 'text' && !NOT_PROSE.has(String(q.raw.inputType ?? 'text'));
	};
}

// ------------------------------------------------------------------ stored pairs

/**
 * The display copy to store, and the original encrypted beside it only when redaction
 * changed something (so unchanged text is not stored twice).
 */
export function seal(
	text: string,
	opts: RedactOptions = {}
): { shown: string; original: string | null } {
	const shown = redact(text, opts);
	return { shown, original: shown === text ? null : encryptOpt(text) };
}

export function sealOpt(text: string | null | undefined, opts: RedactOptions = {}) {
	return text == null ? { shown: null, original: null } : seal(text, opts);
}

/** What a reader sees: the original for roles that may read personal data, else the copy. */
export function reveal<T extends string | null>(
	shown: T,
	original: string | null | undefined,
	personal: boolean
): T | string {
	if (!personal || !original) return shown;
	return decryptOpt(original) ?? shown;
}

/** Survey answers as stored: the redacted JSON, and the original JSON encrypted when they differ. */
export function sealAnswers(
	data: Record<string, unknown>,
	isFreeText: (key: string) => boolean,
	opts: RedactOptions = {}
): { shown: string; original: string | null } {
	const r = redactAnswers(data, isFreeText, opts);
	return {
		shown: JSON.stringify(r.data),
		original: r.changed ? encryptOpt(JSON.stringify(data)) : null
	};
}
