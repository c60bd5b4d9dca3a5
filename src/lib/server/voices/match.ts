/**
 * Theme matching: a comment carries a theme when one of the theme's keywords occurs in it.
 * Keywords are written naturally (any hamza, with or without diacritics) and normalised like
 * the text. Matching is per word, after the joined clitics (و ف ب ل ك and the article):
 * - a word keyword matches a word that STARTS with it (so "موظف" finds موظفين، والموظفة);
 * - a keyword ending in "=" matches the whole word only ("رد=" finds الرد، ردّ but not رديء);
 * - a phrase matches consecutive words, each starting with the phrase's word.
 */
import { normalise, stems, words } from './normalize';

export type Keyword = { parts: string[]; exact: boolean };

export function parseKeywords(list: string): Keyword[] {
	return list
		.split(/[\n,،;؛]+/)
		.map((k) => k.trim())
		.filter(Boolean)
		.map((k) => {
			const exact = k.endsWith('=');
			return { parts: words(normalise(exact ? k.slice(0, -1) : k)), exact };
		})
		.filter((k) => k.parts.length > 0);
}

function wordMatches(word: string, part: string, exact: boolean): boolean {
	for (const s of stems(word)) if (exact ? s === part : s.startsWith(part)) return true;
	return false;
}

/** Whether a normalised text contains one of the keywords. */
export function matchesAny(norm: string, keywords: Keyword[]): boolean {
	const ws = words(norm);
	for (const k of keywords) {
		for (let i = 0; i + k.parts.length <= ws.length; i++) {
			let ok = true;
			for (let j = 0; j < k.parts.length && ok; j++) {
				const last = j === k.parts.length - 1;
				ok =
					j === 0
						? wordMatches(ws[i], k.parts[0], k.exact && last)
						: k.exact && last
							? ws[i + j] === k.parts[j]
							: ws[i + j].startsWith(k.parts[j]);
			}
			if (ok) return true;
		}
	}
	return false;
}

export type MatchableTheme = { id: number; keywords: Keyword[] };

/** The themes a normalised text carries. */
export function themesOf(norm: string, themes: MatchableTheme[]): number[] {
	return themes.filter((t) => matchesAny(norm, t.keywords)).map((t) => t.id);
}
