/**
 * Arabic normalisation for search and theme matching: the same function folds stored texts
 * and typed queries, so "الإنتظار" finds "الانتظار", "مدة" finds "مده", "على" finds "علي",
 * "مُـوظَّـف" finds "موظف" and "٣ أيام" finds "3 ايام".
 *
 * Folded: alef forms أ إ آ ٱ → ا; taa marbuta ة → ه; alef maqsura ى → ي; diacritics
 * (tashkeel, superscript alef, Quranic marks) and tatweel removed; Arabic-Indic (٠-٩) and
 * Persian (۰-۹) digits → 0-9; Latin lower-cased; presentation forms unfolded (NFKC);
 * punctuation → one space.
 */
import { toLatinDigits } from '../../dates';

const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

export function normalise(text: string): string {
	return toLatinDigits(text.normalize('NFKC'))
		.toLowerCase()
		.replace(MARKS, '')
		.replace(/[أإآٱ]/g, 'ا')
		.replace(/ة/g, 'ه')
		.replace(/ى/g, 'ي')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** The words of a normalised text. */
export function words(norm: string): string[] {
	return norm ? norm.split(' ') : [];
}

/** Clitics written joined to the front of an Arabic word (and, so, with, for, as + the article). */
const PREFIXES = [
	'وبال',
	'وال',
	'بال',
	'فال',
	'كال',
	'ولل',
	'فلل',
	'لل',
	'ال',
	'و',
	'ف',
	'ب',
	'ل',
	'ك'
];

/** A word and its forms without joined clitics ("والموظفين" → موظفين …), longest first. */
export function stems(word: string): string[] {
	const out = [word];
	for (const p of PREFIXES) {
		// keep at least two letters: "لم" is not ل + م
		if (word.length - p.length >= 2 && word.startsWith(p)) out.push(word.slice(p.length));
	}
	return out;
}
