/**
 * Demo programs, direct beneficiaries, invitations and responses over the last 18 months,
 * with realistic variation: each program has its own quality, one quarter dips, response
 * rates differ. Deterministic (seeded), bulk inserts in one transaction each.
 * RIDA_DEMO_SIZE=small keeps it tiny for e2e start-up.
 */
import { createHash, randomBytes } from 'node:crypto';
import { getDb } from '../db';
import { addDays, instantAt, localDate } from '../../dates';
import * as beneficiaries from '../beneficiaries';
import * as settings from '../settings';
import { log } from '../log';
import { freeTextKeys, seal, sealAnswers } from '../redact';
import { score } from '../surveys';
import { currentVersion } from '../surveys/versions';
import { rng } from './random';
import { config } from '../config';

const FIRST_M = [
	'محمد',
	'عبدالله',
	'فهد',
	'خالد',
	'سعد',
	'عبدالرحمن',
	'فيصل',
	'تركي',
	'سلطان',
	'ناصر',
	'ماجد',
	'يوسف',
	'عمر',
	'إبراهيم',
	'علي',
	'حمد'
];
const FIRST_F = [
	'نورة',
	'سارة',
	'فاطمة',
	'هيا',
	'منيرة',
	'ريم',
	'لطيفة',
	'أمل',
	'هند',
	'مها',
	'عبير',
	'جواهر',
	'العنود',
	'شهد',
	'لمى',
	'أسماء'
];
const FAMILY = [
	'العتيبي',
	'القحطاني',
	'الشهري',
	'الدوسري',
	'الغامدي',
	'الزهراني',
	'الحربي',
	'المطيري',
	'العنزي',
	'الشمري',
	'السبيعي',
	'البقمي',
	'العمري',
	'المالكي',
	'الرشيدي',
	'السلمي'
];
const CITIES = [
	['الرياض', 40],
	['جدة', 15],
	['مكة المكرمة', 8],
	['الدمام', 8],
	['المدينة المنورة', 7],
	['الخرج', 6],
	['بريدة', 6],
	['أبها', 5],
	['تبوك', 5]
] as const;
const CHANNELS = [
	['interview', 22],
	['phone', 25],
	['social', 12],
	['letter', 3],
	['help_request', 14],
	['volunteering', 5],
	['website', 10],
	['branch', 9]
] as const;
const GOOD = [
	'شكرًا على حسن التنظيم والتعامل الراقي.',
	'برنامج مفيد جدًا وأتمنى تكراره.',
	'الموظفون متعاونون جدًا.',
	'تجربة ممتازة، جزاكم الله خيرًا.',
	// People name staff and leave their numbers in comments: the demo shows the redaction.
	'شكرًا للأستاذة منيرة الدوسري على حسن الاستقبال.',
	'Great program, thank you!',
	'التواصل كان سريعًا وواضحًا.'
];
const BAD = [
	'تأخر الرد على طلبي أكثر من أسبوعين.',
	'المكان كان مزدحمًا وطالت مدة الانتظار.',
	'أتمنى توضيح الإجراءات بشكل أفضل.',
	'لم أتلقَّ معلومات كافية عن موعد التوزيع.',
	'صعوبة في الوصول عبر الهاتف.',
	'اتصلت أكثر من مرة ولم يرد أحد، جوالي 0551234567 أرجو التواصل.'
];
const SUGGEST = [
	'أقترح إتاحة التسجيل عبر الموقع الإلكتروني.',
	'زيادة عدد المقاعد في البرنامج.',
	'إرسال تذكير قبل الموعد بيوم.',
	'توفير مواقف للسيارات.',
	''
];

const PROGRAMS: {
	ar: string;
	en: string;
	kind: 'program' | 'service' | 'event' | 'aid';
	quality: number;
	rate: number;
}[] = [
	{
		ar: 'السلة الغذائية الرمضانية',
		en: 'Ramadan food baskets',
		kind: 'aid',
		quality: 4.4,
		rate: 0.62
	},
	{
		ar: 'برنامج التأهيل للعمل',
		en: 'Job readiness program',
		kind: 'program',
		quality: 4.1,
		rate: 0.55
	},
	{ ar: 'كسوة العيد', en: 'Eid clothing', kind: 'aid', quality: 4.5, rate: 0.6 },
	{
		ar: 'دورة الحاسب الآلي للأمهات',
		en: 'Computer course for mothers',
		kind: 'program',
		quality: 4.3,
		rate: 0.5
	},
	{ ar: 'الاستشارات الأسرية', en: 'Family counselling', kind: 'service', quality: 3.9, rate: 0.42 },
	{ ar: 'الحقيبة المدرسية', en: 'School bags', kind: 'aid', quality: 4.2, rate: 0.58 },
	{
		ar: 'ملتقى الأيتام السنوي',
		en: 'Annual orphans gathering',
		kind: 'event',
		quality: 4.6,
		rate: 0.48
	},
	{ ar: 'ترميم المنازل', en: 'Home repairs', kind: 'service', quality: 3.7, rate: 0.38 },
	{
		ar: 'سداد فواتير الكهرباء',
		en: 'Electricity bill support',
		kind: 'aid',
		quality: 3.7,
		rate: 0.45
	},
	{
		ar: 'برنامج الأسر المنتجة',
		en: 'Productive families program',
		kind: 'program',
		quality: 4.2,
		rate: 0.52
	},
	{ ar: 'حملة الشتاء الدافئ', en: 'Warm winter campaign', kind: 'aid', quality: 4.0, rate: 0.5 },
	{
		ar: 'دورة الإسعافات الأولية',
		en: 'First aid course',
		kind: 'program',
		quality: 4.4,
		rate: 0.46
	},
	{
		ar: 'النقل إلى المواعيد الطبية',
		en: 'Transport to medical appointments',
		kind: 'service',
		quality: 3.6,
		rate: 0.35
	},
	{
		ar: 'اليوم المفتوح للمستفيدين',
		en: 'Beneficiaries open day',
		kind: 'event',
		quality: 4.3,
		rate: 0.4
	},
	{
		ar: 'الأجهزة الكهربائية للأسر',
		en: 'Home appliances for families',
		kind: 'aid',
		quality: 3.8,
		rate: 0.5
	},
	{
		ar: 'برنامج حفظ القرآن الصيفي',
		en: 'Summer Quran memorisation',
		kind: 'program',
		quality: 4.7,
		rate: 0.57
	},
	{ ar: 'الإرشاد المالي', en: 'Financial guidance', kind: 'service', quality: 3.6, rate: 0.41 },
	{ ar: 'زكاة الفطر', en: 'Zakat al-Fitr distribution', kind: 'aid', quality: 4.1, rate: 0.55 },
	{
		ar: 'ورشة ريادة الأعمال',
		en: 'Entrepreneurship workshop',
		kind: 'program',
		quality: 4.0,
		rate: 0.3
	},
	{
		ar: 'مبادرة الحي الصحي',
		en: 'Healthy neighbourhood initiative',
		kind: 'event',
		quality: 3.9,
		rate: 0
	}
];

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(n)));

export function seedPrograms(now = new Date()) {
	const t0 = Date.now();
	const small = config().demoSize === 'small';
	const r = rng(20261125);
	const version = currentVersion('post-program');
	if (!version) throw new Error('post-program survey not loaded');
	const tz = settings.get().timeZone;
	const today = localDate(now, tz);
	const nBen = small ? 120 : 3000;
	const nProg = small ? 8 : PROGRAMS.length;

	// 1. Beneficiaries: one bulk, encrypted insert.
	const inputs: (beneficiaries.BeneficiaryInput & { createdAt: Date })[] = [];
	for (let i = 0; i < nBen; i++) {
		const gender = r.chance(0.58) ? 'female' : 'male';
		const first = r.pick(gender === 'female' ? FIRST_F : FIRST_M);
		const name = `${first} ${r.pick(FIRST_M)} ${r.pick(FAMILY)}`;
		const mobile = `+9665${r.pick(['0', '3', '4', '5', '6', '9'])}${String(1_000_000 + i * 37).slice(-7)}`;
		inputs.push({
			name,
			mobile,
			email: r.chance(0.3) ? `demo${i}@example.org` : null,
			gender,
			ageBand: r.weighted([
				['u18', 8],
				['18_29', 24],
				['30_44', 32],
				['45_59', 22],
				['60p', 14]
			] as const),
			city: r.weighted(CITIES),
			locale: r.chance(0.92) ? 'ar' : 'en',
			preferredChannel: r.weighted([
				['sms', 45],
				['whatsapp', 40],
				['email', 10],
				['print', 5]
			] as const),
			consentContact: r.chance(0.9),
			consentIdentified: r.chance(0.35),
			createdAt: new Date(now.getTime() - r.int(30, 560) * 86_400_000)
		});
	}
	const tb = Date.now();
	const ids = beneficiaries.createMany({ id: null }, inputs, { audit: false });
	const benMs = Date.now() - tb;

	// 2. Programs, enrollments, invitations, responses: one transaction, prepared statements.
	const client = getDb().$client;
	const insProgram = client.prepare(
		`insert into program (name_ar, name_en, description, kind, start_date, end_date, survey_id, status, ended_at, created_at) values (?, ?, '', ?, ?, ?, 'post-program', ?, ?, ?)`
	);
	const insEnroll = client.prepare(
		'insert or ignore into enrollment (program_id, beneficiary_id, enrolled_at) values (?, ?, ?)'
	);
	const insInv = client.prepare(
		`insert into invitation (kind, program_id, beneficiary_id, survey_version_id, token_hash, created_at, expires_at, delivered_at, opened_at, started_at, completed_at, locale, anonymous) values ('program', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insResp = client.prepare(
		`insert into response (invitation_id, program_id, beneficiary_id, survey_version_id, anonymous, submitted_at, local_date, answers, answers_enc, csat, nps, channel, within_two_weeks, comment, comment_enc, gender, age_band, city) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const isFreeText = freeTextKeys(version.def);
	const insAspect = client.prepare(
		'insert into response_aspect (response_id, aspect, score) values (?, ?, ?)'
	);
	const fakeHash = () => createHash('sha256').update(randomBytes(16)).digest('hex');
	const dipFrom = addDays(today, -270);
	const dipTo = addDays(today, -180);
	let responses = 0;
	let invitations = 0;

	client.transaction(() => {
		for (let p = 0; p < nProg; p++) {
			const spec = PROGRAMS[p];
			// Spread over 18 months; the last two are still running / planned.
			const endOffset =
				p === nProg - 1
					? 40
					: p === nProg - 2
						? 10
						: -Math.round(540 - (p * 520) / (nProg - 2)) + r.int(-10, 10);
			const endDate = addDays(today, Math.min(endOffset, 60));
			const startDate = addDays(endDate, -r.int(5, 60));
			const status = endDate < today ? 'ended' : startDate <= today ? 'running' : 'planned';
			const endedAt = status === 'ended' ? new Date(`${endDate}T21:05:00Z`).getTime() : null;
			const pid = Number(
				insProgram.run(
					spec.ar,
					spec.en,
					spec.kind,
					startDate,
					endDate,
					status,
					endedAt,
					instantAt(startDate, tz, 11).getTime() - 20 * 86_400_000
				).lastInsertRowid
			);
			const size = small ? r.int(12, 24) : r.int(80, 260);
			const members = new Set<number>();
			while (members.size < size) members.add(r.int(0, ids.length - 1));
			for (const m of members) {
				const bid = ids[m];
				insEnroll.run(pid, bid, instantAt(startDate, tz, 12).getTime());
				if (status !== 'ended' || !inputs[m].consentContact) continue;
				const created = endedAt!;
				const opened = r.chance(Math.min(0.95, spec.rate + 0.25));
				const started =
					opened && r.chance(Math.min(0.98, (spec.rate + 0.1) / Math.min(0.95, spec.rate + 0.25)));
				const completed = started && r.chance(spec.rate / Math.max(0.01, spec.rate + 0.1));
				const at = (d: number) => Math.min(now.getTime() - 3_600_000, created + d);
				const openedAt = opened ? at(r.int(1, 6 * 24) * 3_600_000) : null;
				const startedAt = started ? openedAt! + r.int(10, 600) * 1000 : null;
				const completedAt = completed ? startedAt! + r.int(60, 900) * 1000 : null;
				const invId = Number(
					insInv.run(
						pid,
						bid,
						version.versionId,
						fakeHash(),
						created,
						created + 30 * 86_400_000,
						created + 60_000,
						openedAt,
						startedAt,
						completedAt,
						inputs[m].locale ?? 'ar',
						0
					).lastInsertRowid
				);
				invitations++;
				if (!completedAt) continue;
				addResponse(invId, pid, bid, m, completedAt, spec.quality);
			}
			// Walk-in answers on events.
			if (spec.kind === 'event' && status === 'ended') {
				for (let k = 0; k < (small ? 2 : r.int(8, 20)); k++) {
					const at = Math.min(now.getTime() - 3_600_000, endedAt! - r.int(0, 3) * 86_400_000);
					const invId = Number(
						insInv.run(
							pid,
							null,
							version.versionId,
							fakeHash(),
							at - 600_000,
							at + 30 * 86_400_000,
							null,
							at - 600_000,
							at - 500_000,
							at,
							'ar',
							1
						).lastInsertRowid
					);
					addResponse(invId, pid, null, -1, at, spec.quality);
				}
			}
		}
	})();

	function addResponse(
		invId: number,
		pid: number,
		bid: number | null,
		m: number,
		at: number,
		quality: number
	) {
		const day = localDate(at, tz);
		const dip = day >= dipFrom && day < dipTo ? -0.8 : 0;
		const mood = quality + dip + r.normal(0, 0.8);
		const overall = clamp(mood, 1, 5);
		const data: Record<string, unknown> = {
			overall,
			recommend: clamp((mood - 1) * 2.5 + r.normal(0, 1.2), 0, 10),
			aspects: {
				courtesy: clamp(mood + 0.3 + r.normal(0, 0.6), 1, 5),
				clarity: clamp(mood - 0.1 + r.normal(0, 0.7), 1, 5),
				speed: clamp(mood - 0.4 + r.normal(0, 0.8), 1, 5),
				competence: clamp(mood + 0.1 + r.normal(0, 0.6), 1, 5),
				channel_convenience: clamp(mood + r.normal(0, 0.7), 1, 5)
			},
			channel_used: r.weighted(CHANNELS),
			answered_in_time: r.weighted([
				['yes', 60 + (mood - 3) * 10],
				['no', 15 - (mood - 3) * 4],
				['not_applicable', 20]
			] as const)
		};
		if (overall <= 3 && r.chance(0.6)) data.what_went_wrong = r.pick(BAD);
		const suggestion = r.chance(0.3) ? (overall >= 4 ? r.pick(GOOD) : r.pick(SUGGEST)) : '';
		if (suggestion) data.suggestion = suggestion;
		const s = score(version!.def, data);
		const b = m >= 0 ? inputs[m] : null;
		// The same path as a real submission (invitations.complete): free text redacted.
		const who = { names: [b?.name] };
		const answers = sealAnswers(data, isFreeText, who);
		const comment = s.comment ? seal(s.comment, who) : { shown: null, original: null };
		const rid = Number(
			insResp.run(
				invId,
				pid,
				bid,
				version!.versionId,
				bid ? 0 : 1,
				at,
				day,
				answers.shown,
				answers.original,
				s.csat,
				s.nps,
				s.channel,
				s.withinTwoWeeks === null ? null : s.withinTwoWeeks ? 1 : 0,
				comment.shown,
				comment.original,
				b?.gender ?? null,
				b?.ageBand ?? null,
				b?.city ?? null
			).lastInsertRowid
		);
		for (const [aspect, v] of Object.entries(s.aspects))
			if (v !== null) insAspect.run(rid, aspect, v);
		responses++;
	}

	log('info', 'demo programs seeded', {
		programs: nProg,
		beneficiaries: ids.length,
		invitations,
		responses,
		beneficiariesMs: benMs,
		ms: Date.now() - t0
	});
}
