import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import * as beneficiaries from '../beneficiaries';
import { invitation, outboxMessage, request } from '../db/schema';
import * as studio from '../surveys/studio';
import { publishedVersion, syncDefinitions } from '../surveys/versions';
import * as requests from './index';
import { parseRequestType } from './forms';
import { onRequestClosed } from './hooks';

const ctx = useTestDb();

/** A support request of this beneficiary (and type), straight into the table. */
function insertRequest(code: string, beneficiaryId: number, typeId: number | null = null) {
	const ch = ctx.db.$client.prepare('select id from channel limit 1').get() as { id: number };
	return ctx.db
		.insert(request)
		.values({
			code,
			channelId: ch.id,
			kind: 'support',
			typeId,
			beneficiaryId,
			subject: 's',
			receivedAt: new Date(),
			receivedLocalDate: '2026-11-25',
			dueAt: new Date()
		})
		.returning({ id: request.id })
		.get().id;
}

describe('service survey when a request closes', () => {
	it('invites a consenting beneficiary once, with the service-request survey, through the outbox', () => {
		syncDefinitions();
		requests.ensureChannels();
		const bid = beneficiaries.create(
			{ id: null },
			{ name: 'هند', mobile: '0561234567', consentContact: true, preferredChannel: 'whatsapp' }
		);
		const id = insertRequest('R-TEST-1', bid);
		onRequestClosed(id);
		onRequestClosed(id);
		const invs = ctx.db.select().from(invitation).where(eq(invitation.requestId, id)).all();
		expect(invs).toHaveLength(1);
		expect(invs[0].kind).toBe('request');
		expect(
			ctx.db.select().from(outboxMessage).where(eq(outboxMessage.invitationId, invs[0].id)).all()
		).toHaveLength(1);

		const other = beneficiaries.create(
			{ id: null },
			{ name: 'x', mobile: '0561234568', consentContact: false }
		);
		const id2 = insertRequest('R-TEST-2', other);
		onRequestClosed(id2);
		expect(
			ctx.db.select().from(invitation).where(eq(invitation.requestId, id2)).all()
		).toHaveLength(0);
	});
});

describe("a request type's service survey", () => {
	const me = { id: null };
	const typeForm = (o: Record<string, string>) => {
		const f = new FormData();
		const all = {
			key: 'housing',
			nameAr: 'طلب سكن',
			nameEn: 'Housing request',
			kind: 'support',
			slaDays: '14',
			slaMode: 'working',
			escalationRole: 'quality',
			sort: '60',
			active: 'on',
			...o
		};
		for (const [k, v] of Object.entries(all)) f.set(k, v);
		return f;
	};
	const closedRequest = (code: string, typeId: number) => {
		const bid = beneficiaries.create(
			{ id: null },
			{ name: 'ريم', mobile: `05612${code.slice(-5)}`, consentContact: true }
		);
		const id = insertRequest(code, bid, typeId);
		onRequestClosed(id);
		return ctx.db.select().from(invitation).where(eq(invitation.requestId, id)).get()!;
	};

	it("invites with the chosen survey's current published version, else the default", () => {
		syncDefinitions();
		requests.ensureChannels();
		requests.ensureRequestTypes();
		// A survey of its own, published twice: the second version is the current one.
		const own = studio.duplicate(me, 'service-request')!;
		const first = studio.publish(me, own);
		studio.saveDraft(me, own, { ...studio.draftOf(own)!, name: { ar: 'سكن', en: 'Housing' } });
		const second = studio.publish(me, own);
		expect(first.ok && second.ok && first.versionId !== second.versionId).toBe(true);
		const draftOnly = studio.create(me, { nameAr: 'مسودة', nameEn: 'Draft only', locale: 'ar' });

		// Unknown or never-published surveys are refused, with what was typed kept.
		for (const bad of ['no-such-survey', draftOnly]) {
			const p = parseRequestType(typeForm({ surveyId: bad }));
			expect(p.ok).toBe(false);
			if (p.ok) return;
			expect(p.errors).toEqual({ surveyId: 'programs.unknownSurvey' });
			expect(p.values).toMatchObject({ surveyId: bad, nameAr: 'طلب سكن' });
		}
		// The empty choice is the default service survey.
		const none = parseRequestType(typeForm({ surveyId: '' }));
		expect(none.ok && none.input.surveyId).toBeNull();

		const p = parseRequestType(typeForm({ surveyId: own }));
		if (!p.ok) throw new Error('refused');
		const typeId = requests.saveType(me, p.input, requests.recomputeDueDates);
		expect(requests.getType(typeId)!.surveyId).toBe(own);

		const chosen = closedRequest('R-TYPE-00001', typeId);
		expect(chosen.surveyVersionId).toBe(second.ok && second.versionId);
		expect(chosen.surveyVersionId).toBe(publishedVersion(own)!.versionId);

		const support = requests.listTypes().find((x) => x.key === 'support')!;
		expect(support.surveyId).toBeNull();
		const plain = closedRequest('R-TYPE-00002', support.id);
		expect(plain.surveyVersionId).toBe(publishedVersion('service-request')!.versionId);
	});
});
