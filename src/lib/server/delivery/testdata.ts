/** Test data for delivery specs: a program, a survey version and invited beneficiaries. */
import { getDb } from '../db';
import { invitation, program, surveyVersion } from '../db/schema';
import * as beneficiaries from '../beneficiaries';
import { hashToken, generateToken } from '../auth';

export function makeInvitations(
	n: number,
	opts: {
		channel?: 'sms' | 'email' | 'whatsapp' | 'print';
		expiresInDays?: number;
		email?: boolean;
	} = {}
) {
	const db = getDb();
	const sv = db
		.insert(surveyVersion)
		.values({ surveyId: 'test', hash: generateToken(), definition: '{}' })
		.returning()
		.get();
	const p = db
		.insert(program)
		.values({
			nameAr: 'برنامج تجريبي',
			nameEn: 'Test program',
			kind: 'program',
			startDate: '2026-01-01',
			endDate: '2026-02-01',
			surveyId: 'test',
			status: 'ended'
		})
		.returning()
		.get();
	const ids: number[] = [];
	for (let i = 0; i < n; i++) {
		const base = 550000000 + Math.floor(Math.random() * 9_000_000);
		const bid = beneficiaries.create(
			{ id: null },
			{
				name: `مستفيد ${i}`,
				mobile: `0${base + i}`.slice(0, 10),
				email: opts.email ? `b${i}-${base}@example.org` : null,
				consentContact: true,
				preferredChannel: opts.channel ?? 'sms'
			},
			{ audit: false }
		);
		const inv = db
			.insert(invitation)
			.values({
				programId: p.id,
				beneficiaryId: bid,
				surveyVersionId: sv.id,
				tokenHash: hashToken(generateToken()),
				expiresAt: new Date(Date.now() + (opts.expiresInDays ?? 30) * 86_400_000)
			})
			.returning()
			.get();
		ids.push(inv.id);
	}
	return { programId: p.id, invitationIds: ids };
}
