import { error } from '@sveltejs/kit';
import * as audit from '$lib/server/audit';
import { requirePermission, clientIp } from '$lib/server/guard';
import * as privacy from '$lib/server/privacy';
import * as responses from '$lib/server/responses';
import { answerLines, type AnswerLine } from '$lib/server/surveys/readable';
import { definitionOf } from '$lib/server/surveys/versions';
import type { PageServerLoad } from './$types';

/** PDPL right of access, readable and printable (Arabic first). */

type Answer = { question: string; answer: string; rows?: { question: string; answer: string }[] };
/** A matrix's rows gathered under its title. */
function grouped(lines: AnswerLine[]): Answer[] {
	const out: Answer[] = [];
	for (const l of lines) {
		const last = out.at(-1);
		if (!l.group) out.push({ question: l.question, answer: l.answer });
		else if (last?.rows && last.question === l.group)
			last.rows.push({ question: l.question, answer: l.answer });
		else
			out.push({
				question: l.group,
				answer: '',
				rows: [{ question: l.question, answer: l.answer }]
			});
	}
	return out;
}

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'beneficiaries.read');
	event.setHeaders({ 'cache-control': 'no-store' });
	const id = Number(event.params.id);
	const d = Number.isInteger(id) ? privacy.exportData(id) : null;
	if (!d || d.beneficiary.erasedAt) error(404, 'errors.notFound');
	audit.record({
		actorId: me.id,
		action: 'beneficiary.view-data',
		targetType: 'beneficiary',
		targetId: id,
		ip: clientIp(event)
	});
	const iso = (v: Date | null | undefined) => (v ? new Date(v).toISOString() : null);
	const locale = event.locals.locale;
	const versions = responses.surveyVersions(d.responses.map((r) => r.id));
	return {
		exportedAt: d.exportedAt,
		person: {
			...d.beneficiary,
			consentAt: iso(d.beneficiary.consentAt),
			optedOutAt: iso(d.beneficiary.optedOutAt),
			createdAt: iso(d.beneficiary.createdAt),
			erasedAt: null
		},
		programs: d.programs.map((p) => ({ ...p, enrolledAt: iso(p.enrolledAt) })),
		invitations: d.invitations.map((i) => ({
			id: i.id,
			createdAt: iso(i.createdAt),
			openedAt: iso(i.openedAt),
			completedAt: iso(i.completedAt)
		})),
		responses: d.responses.map((r) => ({
			id: r.id,
			submittedAt: iso(r.submittedAt),
			// Questions and chosen options in the reader's language, as the person saw them.
			answers: grouped(answerLines(definitionOf(versions.get(r.id) ?? 0), r.answers, locale))
		})),
		requests: d.requests.map((r) => ({
			code: r.code,
			subject: r.subject,
			details: r.details,
			status: r.status,
			receivedAt: iso(r.receivedAt)
		})),
		messages: d.messages.map((m) => ({
			channel: m.channel,
			kind: m.kind,
			state: m.state,
			sentAt: iso(m.sentAt)
		})),
		history: d.history.map((h) => ({ at: iso(h.at), action: h.action }))
	};
};
