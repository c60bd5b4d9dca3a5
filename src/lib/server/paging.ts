/**
 * The one reading of `?page=` for every paged list. A page number comes from a URL anyone can
 * type, so anything but a whole number from 1 (`1e308`, `-1`, `abc`, `1.5`, `Infinity`) reads
 * as page 1, and a page beyond the last one reads as the last page: never a 500, never an
 * empty page that hides the list.
 */
import { toLatinDigits } from './validate';

/** Larger requests are beyond any list here; the cap keeps OFFSET inside SQLite's integer. */
export const MAX_PAGE = 1_000_000_000;

/** `?page=` as a page number from 1 (Arabic-Indic digits accepted). */
export function parsePage(from: URL | URLSearchParams | string | null | undefined): number {
	const raw =
		from instanceof URL
			? from.searchParams.get('page')
			: from instanceof URLSearchParams
				? from.get('page')
				: from;
	if (raw == null) return 1;
	const s = toLatinDigits(raw.trim());
	if (!/^\d{1,20}$/.test(s)) return 1;
	const n = Number(s);
	return n < 1 ? 1 : Math.min(n, MAX_PAGE);
}

export type Paged<R> = { result: R; page: number; pages: number; size: number };

/**
 * Runs a paged query at the requested page; when that page is past the last one, runs it again
 * at the last page. `run` receives LIMIT and OFFSET and returns at least the total count.
 */
export function paged<R extends { total: number }>(
	requested: number,
	size: number,
	run: (limit: number, offset: number) => R
): Paged<R> {
	let page = Number.isSafeInteger(requested) && requested >= 1 ? requested : 1;
	let result = run(size, (page - 1) * size);
	const pages = pageCount(result.total, size);
	if (page > pages) {
		page = pages;
		result = run(size, (page - 1) * size);
	}
	return { result, page, pages, size };
}

export const pageCount = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

/** The page to show when the total is known before the query (clamped to [1, pages]). */
export const clampPage = (requested: number, total: number, size: number) =>
	Math.min(Math.max(1, requested), pageCount(total, size));
