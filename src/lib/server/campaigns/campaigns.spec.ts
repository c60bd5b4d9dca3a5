import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import * as beneficiaries from '../beneficiaries';
import { invitation, outboxMessage, response } from '../db/schema';
import { hijriOf } from '../../dates';
import * as invitations from '../invitations';
import * as campaigns from '.';
import type { Filters } from '../indicators/filters';
import { responseWhere } from '../indicators/sql';

const ctx = useTestDb();

const base: campaigns.CampaignInput = {
	nameAr: 'استبانة المتبرعين',
	nameEn: 'Donors',
	surveyId: 'stakeholders',
	audienceSegments: ['donor'],
	audienceProgramId: null,
	audienceList: false,
	personalLinks: true,
	reminders: true,
	openLink: true,
	openSegment: 'donor',
	respondentQuestion: 'respondent_type',
	schedule: 'yearly',
	calendar: 'hijri',
	startDate: '2026-01-10'
};

describe('campaigns', () => {
	it('moves yearly and quarterly schedules in either calendar', () => {
		expect(campaigns.nextDate('2026-01-10', 'yearly', 'gregorian')).toBe('2027-01-10');
		expect(campaigns.nextDate('2026-01-10', 'quarterly', 'gregorian')).toBe('2026-04-10');
		expect(campaigns.nextDate('2026-01-10', 'once', 'gregorian')).toBeNull();
		const h = hijriOf('2026-01-10');
		const y = hijriOf(campaigns.nextDate('2026-01-10', 'yearly', 'hijri')!);
		expect([y.year, y.month, y.day]).toEqual([h.year + 1, h.month, h.day]);
		const q = hijriOf(campaigns.nextDate('2026-01-10', 'quarterly', 'hijri')!);
		expect(q.year * 12 + q.month - (h.year * 12 + h.month)).toBe(3);
	});

	it('invites the consenting contacts of the audience once per run, through the outbox', () => {
		const donor = beneficiaries.create(
			{ id: null },
			{ name: 'متبرع', mobile: '0554000001', consentContact: true, segments: ['donor'] }
		);
		beneficiaries.create(
			{ id: null },
			{ name: 'بلا موافقة', mobile: '0554000002', consentContact: false, segments: ['donor'] }
		);
		beneficiaries.create(
			{ id: null },
			{ name: 'مستفيد', mobile: '0554000003', consentContact: true }
		);
		const id = campaigns.create({ id: null }, base);
		const first = campaigns.run(id);
		expect(first.map((i) => i.beneficiaryId)).toEqual([donor]);
		expect(campaigns.run(id)).toEqual([]); // same day: nobody twice
		const queued = ctx.db
			.select()
			.from(outboxMessage)
			.where(eq(outboxMessage.invitationId, first[0].invitationId))
			.all();
		expect(queued).toHaveLength(1);
		// A personal answer is the donor's; an open-link answer takes the respondent's own word.
		const inv = ctx.db
			.select()
			.from(invitation)
			.where(eq(invitation.id, first[0].invitationId))
			.get()!;
		const rid = invitations.complete(inv, { overall: 5, respondent_type: 'donor' });
		expect(ctx.db.select().from(response).where(eq(response.id, rid)).get()?.segment).toBe('donor');
		const open = invitations.createInvitation({
			kind: 'campaign',
			campaignId: id,
			surveyId: 'stakeholders',
			anonymous: true
		});
		const row = ctx.db.select().from(invitation).where(eq(invitation.id, open.invitationId)).get()!;
		const rid2 = invitations.complete(row, { overall: 3, respondent_type: 'volunteer' });
		const r2 = ctx.db.select().from(response).where(eq(response.id, rid2)).get()!;
		expect([r2.segment, r2.campaignId, r2.anonymous]).toEqual(['volunteer', id, true]);
		// The dashboard's segment filter reads the same column.
		const w = responseWhere({ segment: 'volunteer' } as Filters, {
			from: '2000-01-01',
			to: '2100-01-01'
		});
		const n = ctx.db.$client
			.prepare(`select count(*) n from response r where ${w.sql}`)
			.get(...w.params) as { n: number };
		expect(n.n).toBe(1);
		expect(campaigns.bySegment(id).map((s) => [s.segment, s.n])).toEqual([
			['donor', 1],
			['volunteer', 1]
		]);
	});

	it('finds the open link by its token only while it is on', () => {
		const id = campaigns.create({ id: null }, { ...base, personalLinks: false });
		const token = campaigns.openLinkToken(campaigns.get(id)!)!;
		expect(campaigns.findByOpenToken(token)?.id).toBe(id);
		campaigns.setOpenLink({ id: null }, id, false);
		expect(campaigns.findByOpenToken(token)).toBeUndefined();
	});

	it('refuses a campaign with no way to reach anyone, or no audience for personal links', () => {
		expect(() =>
			campaigns.create({ id: null }, { ...base, personalLinks: false, openLink: false })
		).toThrow(campaigns.CampaignError);
		expect(() =>
			campaigns.create({ id: null }, { ...base, audienceSegments: [], openLink: false })
		).toThrow(campaigns.CampaignError);
	});
});
