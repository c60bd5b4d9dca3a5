/**
 * The survey page's `answer` action (routes/s/[token]) in three steps, shared by its two
 * callers so there is one contract: the SvelteKit action, and the lean path of the production
 * server (responses/lean.ts), which answers only an enhanced final-page post that is stored
 * and hands every other case to SvelteKit. The first two steps only read; the write is the
 * third (a group-committed submission) or, for a page that is not the last, the draft.
 */
import type { Locale } from '$lib/i18n/locales';
import * as invitations from '../invitations';
import { renderPage, submitPage, type Answers, type FormLike, type PageView } from '../surveys';
import type { SurveyDefinition } from '../surveys/definition';
import { linkText } from '../surveys/page-strings';
import { definitionOf } from '../surveys/versions';
import { submit } from './submissions';

type LinkText = ReturnType<typeof linkText>;
/** A refused post: the action answers fail(status, data). */
export type Refusal<S extends number, D> = { ok: false; status: S; data: D };

export type Link =
	| { ok: true; inv: invitations.InvitationRow; def: SurveyDefinition }
	| Refusal<410, { state: 'used' | 'expired' | 'unknown'; text: LinkText }>;

/**
 * Step 1: the link and its survey. `fallback` speaks for a link that does not say its
 * language (an unknown one): the reader's, from the request.
 */
export function answerLink(token: string, fallback: () => Locale): Link {
	const found = invitations.findByToken(token);
	if (found.status !== 'ok') {
		const locale = found.status === 'unknown' ? fallback() : found.locale;
		const state = found.status;
		return { ok: false, status: 410, data: { state, text: linkText(locale, state) } };
	}
	const def = definitionOf(found.invitation.surveyVersionId);
	if (!def) {
		const text = linkText(fallback(), 'unknown');
		return { ok: false, status: 410, data: { state: 'unknown', text } };
	}
	return { ok: true, inv: found.invitation, def };
}

export function draftOf(inv: invitations.InvitationRow): Answers {
	try {
		return inv.draft ? (JSON.parse(inv.draft) as Answers) : {};
	} catch {
		return {};
	}
}

export const pageIndexOf = (v: FormDataEntryValue | string | null) => {
	const n = Number(v);
	return Number.isInteger(n) && n >= 0 ? n : 0;
};

export type Decision =
	| Refusal<400, { view: PageView }>
	/** The last page passed: the answers are stored by storeAnswers. */
	| { ok: true; done: true; inv: invitations.InvitationRow; data: Answers; locale: Locale }
	/** Another page follows: the answers so far are kept as the draft. */
	| {
			ok: true;
			done: false;
			inv: invitations.InvitationRow;
			data: Answers;
			nextPageIndex: number;
			locale: Locale;
	  };

/** Step 2: what the posted page leads to (the survey engine's checks); nothing is written. */
export function decideAnswer(
	inv: invitations.InvitationRow,
	def: SurveyDefinition,
	form: FormLike
): Decision {
	const locale = inv.locale;
	const result = submitPage(def, {
		locale,
		data: draftOf(inv),
		pageIndex: pageIndexOf(form.get('pageIndex')),
		form
	});
	if (!result.ok) {
		// Not stored: the draft keeps only answers that passed their checks.
		const view = renderPage(def, {
			locale,
			data: result.data,
			pageIndex: result.pageIndex,
			errors: result.errors
		});
		return { ok: false, status: 400, data: { view } };
	}
	// result.data is already pruned to the visible questions' answers (submitPage)
	if (result.done) return { ok: true, done: true, inv, data: result.data, locale };
	return {
		ok: true,
		done: false,
		inv,
		data: result.data,
		nextPageIndex: result.nextPageIndex,
		locale
	};
}

export type Stored =
	| { ok: true; data: { thanks: true; thanksLocale: Locale } }
	| Refusal<409, { state: 'used'; text: LinkText }>;

/**
 * Step 3 for the last page: stores the response (group-committed; resolves once committed),
 * or refuses when the link was used meanwhile. Any other error is thrown, nothing stored.
 */
export async function storeAnswers(d: Extract<Decision, { done: true }>): Promise<Stored> {
	try {
		await submit(d.inv, d.data);
	} catch (e) {
		if (e instanceof invitations.AlreadyCompletedError)
			return { ok: false, status: 409, data: { state: 'used', text: linkText(d.locale, 'used') } };
		throw e;
	}
	return { ok: true, data: { thanks: true, thanksLocale: d.locale } };
}

/** Step 3 for a page that is not the last: the answers so far become the draft. */
export function keepDraft(d: Extract<Decision, { done: false }>) {
	invitations.saveDraft(d.inv.id, d.data, d.nextPageIndex, d.locale);
}
