/**
 * Demo requests: 18 months over the eight channels with a realistic mix. Most decisions
 * within 14 days, a tail of breaches, one slow quarter (about a year ago), letters slower.
 * Beneficiaries are created through beneficiaries.create (encrypted); requests and their
 * timelines with prepared inserts in one transaction. Deterministic (seeded).
 */
import { inArray } from 'drizzle-orm';
import * as beneficiaries from '../beneficiaries';
import { getDb } from '../db';
import { user } from '../db/schema';
import { log } from '../log';
import {
	derive,
	type EventData,
	type EventType,
	type Kind,
	type TimelineEvent
} from '../requests/lifecycle';
import {
	ensureChannels,
	ensureRequestTypes,
	listChannels,
	newCode,
	SECTORS,
	sealEventData,
	slaSettings
} from '../requests';
import { seal } from '../redact';
import { recordSentNotice } from '../delivery/notices';
import { dueAt as computeDueAt } from '../requests/sla';
import { localDate, localParts, startOfLocalDay } from '../../dates';
import { rng } from './random';
import { config } from '../config';

const H = 3_600_000;
const D = 24 * H;

const FIRST = [
	'محمد',
	'عبدالله',
	'فهد',
	'سعد',
	'خالد',
	'نورة',
	'سارة',
	'مريم',
	'هيا',
	'ريم',
	'عبدالرحمن',
	'أحمد',
	'منيرة',
	'لطيفة',
	'سلطان',
	'ناصر',
	'الجوهرة',
	'عائشة',
	'فاطمة',
	'تركي'
];
const LAST = [
	'العتيبي',
	'القحطاني',
	'الشهري',
	'الدوسري',
	'الحربي',
	'الغامدي',
	'الزهراني',
	'المطيري',
	'السبيعي',
	'العنزي',
	'الشمري',
	'البقمي',
	'السهلي',
	'الرشيدي'
];
const SUBJECTS: Record<Kind, string[]> = {
	support: [
		'طلب سلة غذائية',
		'مساعدة في سداد الإيجار',
		'طلب أجهزة كهربائية',
		'مساعدة علاجية',
		'كسوة الشتاء',
		'مساعدة في فاتورة الكهرباء',
		'ترميم منزل',
		'حقيبة مدرسية',
		// what people really type: the stored copy masks it (redact.ts)
		'مساعدة عاجلة لأم فهد، جوالها 0559876543'
	],
	inquiry: [
		'الاستفسار عن شروط التسجيل',
		'موعد توزيع السلال',
		'الاستفسار عن حالة الملف',
		'المستندات المطلوبة',
		'أوقات الدوام'
	],
	complaint: ['تأخر الرد على الطلب', 'ملاحظة على التوزيع', 'صعوبة الوصول بالهاتف'],
	suggestion: [
		'اقتراح توزيع في الأحياء البعيدة',
		'اقتراح خدمة التسجيل الإلكتروني',
		'اقتراح برنامج تدريبي للشباب'
	],
	other: ['شكر وتقدير', 'طلب شهادة تطوع', 'تحديث بيانات']
};
const ASSOCIATIONS = [
	'جمعية الأيتام',
	'جمعية مرضى الكلى',
	'جمعية الإسكان التنموي',
	'جمعية رعاية المسنين'
];

export async function seedRequests(now = new Date()) {
	const t0 = Date.now();
	const small = config().demoSize === 'small';
	const r = rng(5_14);
	ensureChannels();
	ensureRequestTypes();
	const db = getDb();
	const channels = listChannels();
	const byKey = new Map(channels.map((c) => [c.key, c.id]));
	const officers = db
		.select({ id: user.id, role: user.role })
		.from(user)
		.where(inArray(user.role, ['relations', 'admin']))
		.all();
	const relations = officers.filter((o) => o.role === 'relations').map((o) => o.id);
	const staff = relations.length ? relations : officers.map((o) => o.id);
	const sla = slaSettings();

	// Beneficiaries (encrypted registry; a mobile already there is linked, not duplicated).
	const nB = small ? 40 : 300;
	const bIds: number[] = [];
	const bNames = new Map<number, string>();
	db.$client.transaction(() => {
		for (let i = 0; i < nB; i++) {
			const mobile =
				'05' + String(40_000_000 + ((i * 7_919_231 + 1_234_567) % 59_999_999)).padStart(8, '0');
			const name = `${r.pick(FIRST)} ${r.pick(FIRST)} ${r.pick(LAST)}`;
			try {
				bIds.push(
					beneficiaries.create(
						{ id: null },
						{
							name,
							mobile,
							consentContact: r.chance(0.9),
							gender: r.pick(['male', 'female'] as const),
							city: 'الرياض'
						},
						{ audit: false }
					)
				);
				bNames.set(bIds[bIds.length - 1], name);
			} catch (e) {
				if (e instanceof beneficiaries.DuplicateBeneficiaryError) bIds.push(e.existingId);
				else if (!(e instanceof beneficiaries.InvalidMobileError)) throw e;
			}
		}
	})();

	const tB = Date.now() - t0;
	const channelWeights: [string, number][] = [
		['interview', 18],
		['phone', 22],
		['social', 10],
		['letter', 8],
		['help_request', 15],
		['volunteering', 5],
		['website', 14],
		['branch', 8]
	];
	const kindWeights: [Kind, number][] = [
		['support', 50],
		['inquiry', 25],
		['complaint', 8],
		['suggestion', 10],
		['other', 7]
	];
	const perMonth = small ? 9 : 140;
	const months = 18;
	const start = now.getTime() - months * 30.4 * D;
	// The slow quarter: months 10–12 before now (about a year ago).
	const slowFrom = now.getTime() - 12 * 30.4 * D;
	const slowTo = now.getTime() - 9 * 30.4 * D;

	const client = db.$client;
	const insReq = client.prepare(
		`insert into request (code, channel_id, kind, beneficiary_id, subject, subject_enc, details, reference_no, received_at, received_local_date, backdate_reason, assignee_id, created_by, created_at, status, due_at, decided_at, decision, closed_at, breach_notified_at)
		 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insEv = client.prepare(
		`insert into request_event (request_id, type, at, user_id, data, data_enc) values (?, ?, ?, ?, ?, ?)`
	);
	const codes = new Set<string>();
	let nReq = 0;
	let nEv = 0;

	client.transaction(() => {
		const total = perMonth * months;
		for (let i = 0; i < total; i++) {
			// Receipt: spread over 18 months, 05:00–14:00 local, mostly Sunday–Thursday.
			let rec = start + r.next() * (now.getTime() - start - 2 * H);
			const dayStart = startOfLocalDay(localDate(rec, sla.timeZone), sla.timeZone).getTime();
			rec = dayStart + (5 + r.next() * 9) * H;
			const wd = localParts(rec, sla.timeZone).weekday;
			if ((wd === 5 || wd === 6) && r.chance(0.8)) rec -= (wd === 5 ? 1 : 2) * D;
			if (rec > now.getTime() - H) rec = now.getTime() - 2 * H;
			rec = Math.round(rec);
			const chKey = r.weighted(channelWeights);
			const channelId = byKey.get(chKey) ?? channels[0].id;
			const kind = r.weighted(kindWeights);
			const anonymous = (kind === 'inquiry' || kind === 'suggestion') && r.chance(0.4);
			const beneficiaryId = anonymous || !bIds.length ? null : r.pick(bIds);
			const officer = r.pick(staff);

			// Response time in days: most 2–12, a tail beyond 14; letters and the slow quarter slower.
			let days = Math.max(0.2, r.normal(6.5, 3.2));
			if (kind === 'inquiry') days *= 0.45;
			if (r.chance(0.07)) days = 15 + r.next() * 16;
			if (chKey === 'letter') days *= 1.45;
			if (rec >= slowFrom && rec < slowTo) days *= 1.7;
			// Some recent files stall near their deadline (the due-soon queue).
			if (now.getTime() - rec < 14 * D && r.chance(0.15)) days = 11.5 + r.next() * 4;
			const decideAt = rec + days * D;

			const plan: { type: EventType; at: number; data: EventData | null }[] = [
				{ type: 'received', at: rec, data: null }
			];
			const check = rec + Math.min(days * 0.15, 1.5) * D + r.next() * 2 * H;
			if (kind === 'support') {
				if (r.chance(0.12)) {
					plan.push({
						type: 'data_checked',
						at: check,
						data: { complete: false, missing: 'صورة الهوية وتعريف بالراتب' }
					});
					plan.push({ type: 'data_checked', at: rec + days * 0.35 * D, data: { complete: true } });
				} else plan.push({ type: 'data_checked', at: check, data: { complete: true } });
				plan.push({ type: 'referred_committee', at: rec + days * 0.5 * D, data: null });
				const outcome = r.weighted([
					['accepted', 70],
					['rejected', 18],
					['referred', 12]
				] as const);
				plan.push({
					type: 'decision',
					at: decideAt,
					data:
						outcome === 'accepted'
							? { outcome }
							: outcome === 'rejected'
								? { outcome, reason: 'لا تنطبق شروط البرنامج' }
								: { outcome, association: r.pick(ASSOCIATIONS) }
				});
				if (outcome === 'accepted')
					plan.push({ type: 'delivered', at: decideAt + (1 + r.next() * 6) * D, data: null });
				plan.push({
					type: 'closed',
					at: plan[plan.length - 1].at + (0.5 + r.next() * 3) * D,
					data: null
				});
			} else {
				plan.push({ type: 'data_checked', at: check, data: { complete: true } });
				plan.push({ type: 'answered', at: Math.max(decideAt, check + H), data: null });
				plan.push({
					type: 'closed',
					at: Math.max(decideAt, check + H) + (0.2 + r.next() * 2) * D,
					data: null
				});
			}
			const events: TimelineEvent[] = plan
				.filter((e) => e.at <= now.getTime())
				.map((e) => ({ type: e.type, at: new Date(Math.round(e.at)), data: e.data }));
			const d = derive(events);
			const receivedAt = new Date(rec);
			const due = computeDueAt(receivedAt, sla);
			const breached = (d.decidedAt ? d.decidedAt.getTime() : now.getTime()) > due.getTime();
			let code = newCode();
			while (codes.has(code)) code = newCode();
			codes.add(code);
			const ref = chKey === 'letter' ? `خ/${localParts(rec, sla.timeZone).year}/${100 + i}` : null;
			// The same path as requests.create: free text stored redacted, original encrypted.
			const names = [beneficiaryId ? bNames.get(beneficiaryId) : null];
			const subject = seal(r.pick(SUBJECTS[kind]), { names });
			const res = insReq.run(
				code,
				channelId,
				kind,
				beneficiaryId,
				subject.shown,
				subject.original,
				'',
				ref,
				rec,
				localDate(receivedAt, sla.timeZone),
				null,
				officer,
				officer,
				rec,
				d.status,
				due.getTime(),
				d.decidedAt?.getTime() ?? null,
				d.decision,
				d.closedAt?.getTime() ?? null,
				breached ? due.getTime() + 2 * H : null
			);
			const id = Number(res.lastInsertRowid);
			for (const e of events) {
				const data = sealEventData(e.data, names);
				insEv.run(id, e.type, e.at.getTime(), officer, data.shown, data.original);
				nEv++;
			}
			nReq++;
		}
		// What the policies promise, in SQL over the rows above (no random draws, so the rest of
		// the demo stays as it was): each request gets its kind's type, a referral names its body
		// (the redacted copy, as requests.addEvent stores it), and consumer complaints get a
		// sector and, one in four, a referral to the Ministry of Commerce.
		client
			.prepare(
				`update request set type_id = (select t.id from request_type t
					where t.kind = request.kind and t.active = 1 order by t.sort, t.id limit 1)
				where type_id is null`
			)
			.run();
		client
			.prepare(
				`update request set referred_to = (select json_extract(e.data, '$.association')
					from request_event e where e.request_id = request.id and e.type = 'decision'
					order by e.at desc, e.id desc limit 1)
				where decision = 'referred' and referred_to is null`
			)
			.run();
		const sectors = JSON.stringify(SECTORS);
		client
			.prepare(
				`update request set
					sector = json_extract('${sectors}', '$[' || (id % ${SECTORS.length}) || ']'),
					authority = case when id % 4 = 0 then 'وزارة التجارة' end,
					authority_ref = case when id % 4 = 0 then 'MC-' || id end,
					authority_outcome = case when id % 4 = 0
						then case when decided_at is null then 'pending' else 'resolved' end end
				where type_id in (select id from request_type where complaint = 1) and sector is null`
			)
			.run();
		// Two referrals in three (by id, no random draw) have their requester told, through the
		// notices module and settled as sent, so "told" on the panel is not 0 % and nothing is sent.
		const told = client
			.prepare(
				`select id, decided_at at from request
				where decision = 'referred' and beneficiary_id is not null and id % 3 != 0 order by id`
			)
			.all() as { id: number; at: number }[];
		for (const r of told) if (recordSentNotice(r.id, 'decision', new Date(r.at)) != null) nEv++;
	})();
	log('info', 'demo requests seeded', {
		requests: nReq,
		events: nEv,
		beneficiaries: bIds.length,
		ms: Date.now() - t0,
		beneficiariesMs: tB
	});
	return { requests: nReq, events: nEv, ms: Date.now() - t0, beneficiariesMs: tB };
}
