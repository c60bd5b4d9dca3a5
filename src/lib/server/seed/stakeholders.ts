/**
 * Demo stakeholders: donors, volunteers, partners and general-assembly members as contacts
 * (encrypted like beneficiaries), and the annual donors' campaign on surveys/stakeholders.json
 * with personal links and an open link, answered over the last weeks.
 */
import { eq } from 'drizzle-orm';
import * as beneficiaries from '../beneficiaries';
import * as campaigns from '../campaigns';
import { getDb } from '../db';
import { campaign, invitation } from '../db/schema';
import { addDays, localDate } from '../../dates';
import * as invitations from '../invitations';
import * as segments from '../segments';
import * as settings from '../settings';
import { rng } from './random';

const NAMES = ['عبدالله', 'محمد', 'نورة', 'سارة', 'فهد', 'هيا', 'خالد', 'ريم', 'سلمان', 'لطيفة'];
const FAMILY = ['العتيبي', 'القحطاني', 'الشهري', 'الدوسري', 'الحربي', 'الزهراني', 'المطيري'];
const CHANNELS = [
	['website', 30],
	['social', 30],
	['phone', 15],
	['interview', 10],
	['letter', 5],
	['branch', 10]
] as const;
const COMMENTS = [
	'نتمنى تقارير أوضح عن أثر التبرعات',
	'شكرًا على الشفافية وسرعة الرد',
	'تأخر إيصال التبرع عبر البريد',
	'Please send a yearly impact report',
	'التواصل ممتاز لكن الموقع يحتاج تحديثًا'
];

export function seedStakeholders(now: Date) {
	const r = rng(14);
	const tz = settings.get().timeZone;
	segments.ensureDefaults();
	const plan: [string[], number][] = [
		[['donor'], 70],
		[['donor', 'member'], 12],
		[['volunteer'], 25],
		[['partner'], 10],
		[['member'], 8]
	];
	const inputs: (beneficiaries.BeneficiaryInput & { createdAt: Date })[] = [];
	let i = 0;
	for (const [keys, n] of plan)
		for (let k = 0; k < n; k++, i++)
			inputs.push({
				name: `${r.pick(NAMES)} ${r.pick(NAMES)} ${r.pick(FAMILY)}`,
				mobile: `+96657${String(1_000_000 + i * 53).slice(-7)}`,
				email: r.chance(0.6) ? `donor${i}@example.org` : null,
				city: r.pick(['الرياض', 'جدة', 'الدمام', 'أبها']),
				locale: r.chance(0.85) ? 'ar' : 'en',
				preferredChannel: r.chance(0.5) ? 'email' : 'sms',
				consentContact: r.chance(0.92),
				segments: keys,
				createdAt: new Date(now.getTime() - r.int(90, 700) * 86_400_000)
			});
	const ids = beneficiaries.createMany({ id: null }, inputs, { audit: false });

	const today = localDate(now, tz);
	const start = addDays(today, -45);
	const id = campaigns.create(
		{ id: null },
		{
			nameAr: 'استبانة المتبرعين السنوية',
			nameEn: 'Annual donors’ survey',
			surveyId: 'stakeholders',
			audienceSegments: ['donor', 'member'],
			audienceProgramId: null,
			audienceList: false,
			personalLinks: true,
			reminders: true,
			openLink: true,
			openSegment: 'donor',
			respondentQuestion: 'respondent_type',
			schedule: 'yearly',
			calendar: 'hijri',
			startDate: start
		},
		new Date(now.getTime() - 46 * 86_400_000)
	);
	const sentAt = new Date(now.getTime() - 45 * 86_400_000);
	const answers = (type: string, quality: number) => {
		const score = (bias = 0) => Math.max(1, Math.min(5, Math.round(r.normal(quality + bias, 0.9))));
		const overall = score();
		return {
			respondent_type: type,
			channel_used: r.weighted(CHANNELS),
			overall,
			...(overall <= 3 ? { low_reason: r.pick(COMMENTS) } : {}),
			aspects: {
				courtesy: score(0.3),
				clarity: score(-0.4),
				speed: score(),
				competence: score(0.2)
			},
			recommend: Math.max(0, Math.min(10, Math.round(r.normal(quality * 2 - 0.5, 1.6)))),
			...(r.chance(0.4) ? { suggestion: r.pick(COMMENTS) } : {})
		};
	};
	const donorsAndMembers = ids.slice(0, 90).filter((_, k) => inputs[k].consentContact);
	for (const b of donorsAndMembers) {
		const inv = invitations.createInvitation({
			kind: 'campaign',
			campaignId: id,
			beneficiaryId: b,
			surveyId: 'stakeholders',
			now: sentAt
		});
		if (!r.chance(0.62)) continue;
		const at = new Date(sentAt.getTime() + r.int(1, 40) * 86_400_000 + r.int(0, 80_000_000));
		const row = getDb().select().from(invitation).where(eq(invitation.id, inv.invitationId)).get()!;
		invitations.complete(row, answers(segments.keysOf(b)[0] ?? 'donor', 4.1), at);
	}
	// The open link on the website and social media: anyone may answer, saying who they are.
	for (let k = 0; k < 30; k++) {
		const type = r.weighted([
			['donor', 40],
			['volunteer', 25],
			['partner', 10],
			['community', 25]
		] as const);
		const at = new Date(sentAt.getTime() + r.int(1, 44) * 86_400_000);
		const inv = invitations.createInvitation({
			kind: 'campaign',
			campaignId: id,
			surveyId: 'stakeholders',
			anonymous: true,
			now: at
		});
		const row = getDb().select().from(invitation).where(eq(invitation.id, inv.invitationId)).get()!;
		invitations.complete(row, answers(type, type === 'volunteer' ? 3.6 : 4.0), at);
	}
	getDb()
		.update(campaign)
		.set({ lastRunAt: sentAt, nextRunDate: campaigns.nextDate(start, 'yearly', 'hijri') })
		.where(eq(campaign.id, id))
		.run();
}
