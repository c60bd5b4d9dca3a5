/**
 * Survey campaigns not tied to a program's end: an audience (segments, a program's enrolled,
 * the campaign's own imported list), a schedule (once, yearly or quarterly on a date, in the
 * Gregorian or Hijri calendar), personal links through the outbox (with the usual reminders)
 * and/or one open link + QR code for the website and social media. Answers carry the
 * respondent's segment, a dimension of the dashboard and the board report.
 */
import { and, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import * as audit from '../audit';
import { hashToken } from '../auth';
import { blindIndex } from '../crypto';
import { getDb } from '../db';
import {
	beneficiary,
	campaign,
	campaignContact,
	contactSegment,
	enrollment,
	invitation,
	response,
	segment
} from '../db/schema';
import {
	addMonths,
	addYears,
	gregorianOfHijri,
	hijriOf,
	localDate,
	startOfLocalDay,
	type Calendar,
	type IsoDate
} from '../../dates';
import * as delivery from '../delivery';
import { expiryDays, newToken, type NewInvitation } from '../invitations';
import { log } from '../log';
import * as scheduler from '../scheduler';
import * as segments from '../segments';
import * as settings from '../settings';
import { currentVersion } from '../surveys/versions';
import type { Actor } from '../audit';

export const SCHEDULES = ['once', 'yearly', 'quarterly'] as const;
export type Schedule = (typeof SCHEDULES)[number];
export type Campaign = typeof campaign.$inferSelect;

export type CampaignInput = {
	nameAr: string;
	nameEn: string;
	surveyId: string;
	audienceSegments: string[];
	audienceProgramId: number | null;
	audienceList: boolean;
	personalLinks: boolean;
	reminders: boolean;
	openLink: boolean;
	openSegment: string | null;
	respondentQuestion: string | null;
	schedule: Schedule;
	calendar: Calendar;
	startDate: IsoDate;
};

export class CampaignError extends Error {
	constructor(
		public field: string,
		public key: string
	) {
		super(key);
	}
}

/** The date after `date` in the schedule (null: a one-off has no next run). */
export function nextDate(date: IsoDate, schedule: Schedule, calendar: Calendar): IsoDate | null {
	if (schedule === 'once') return null;
	if (schedule === 'yearly') return addYears(date, 1, calendar);
	if (calendar === 'gregorian') return addMonths(date, 3);
	const h = hijriOf(date);
	const index = h.year * 12 + (h.month - 1) + 3;
	const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
	try {
		return gregorianOfHijri({ year, month, day: h.day });
	} catch {
		return gregorianOfHijri({ year, month, day: 29 }); // the 30th of a 29-day month
	}
}

type Choice = { value: unknown; text?: unknown };
const textsOf = (t: unknown): string[] =>
	typeof t === 'string'
		? [t]
		: t && typeof t === 'object'
			? Object.values(t).filter((x): x is string => typeof x === 'string')
			: [];

/** Questions with choices in a survey (candidates for the respondent-type question). */
export function choiceQuestions(surveyId: string): { name: string; title: string[] }[] {
	const v = currentVersion(surveyId);
	if (!v) return [];
	return v.def.questions
		.filter((q) => Array.isArray(q.raw.choices))
		.map((q) => ({ name: q.name, title: textsOf(q.raw.title) }));
}

/** choice value → segment key, for the choices whose value or text names a segment. */
export function segmentMapFor(surveyId: string, questionName: string): Record<string, string> {
	const q = currentVersion(surveyId)?.def.questions.find((x) => x.name === questionName);
	const map: Record<string, string> = {};
	for (const c of (q?.raw.choices ?? []) as (Choice | string | number)[]) {
		const choice = typeof c === 'object' ? c : { value: c };
		const labels = [String(choice.value), ...textsOf(choice.text)];
		for (const l of labels) {
			const key = segments.resolveLabel(l);
			if (key) {
				map[String(choice.value)] = key;
				break;
			}
		}
	}
	return map;
}

function openToken(id: number, at: Date): string {
	return 'c' + blindIndex(`campaign-link:${id}:${at.getTime()}`).slice(0, 32);
}

export function create(actor: Actor, input: CampaignInput, now = new Date()): number {
	if (!currentVersion(input.surveyId)) throw new CampaignError('surveyId', 'campaigns.err.survey');
	if (!input.personalLinks && !input.openLink)
		throw new CampaignError('personalLinks', 'campaigns.err.delivery');
	if (
		input.personalLinks &&
		!input.audienceSegments.length &&
		!input.audienceProgramId &&
		!input.audienceList
	)
		throw new CampaignError('audienceSegments', 'campaigns.err.audience');
	if (
		input.respondentQuestion &&
		!choiceQuestions(input.surveyId).some((q) => q.name === input.respondentQuestion)
	)
		throw new CampaignError('respondentQuestion', 'campaigns.err.question');
	const segmentMap = input.respondentQuestion
		? segmentMapFor(input.surveyId, input.respondentQuestion)
		: {};
	const db = getDb();
	const id = db.transaction((tx) => {
		const row = tx
			.insert(campaign)
			.values({
				nameAr: input.nameAr,
				nameEn: input.nameEn,
				surveyId: input.surveyId,
				audienceSegments: JSON.stringify(input.audienceSegments),
				audienceProgramId: input.audienceProgramId,
				audienceList: input.audienceList,
				personalLinks: input.personalLinks,
				reminders: input.reminders,
				schedule: input.schedule,
				calendar: input.calendar,
				startDate: input.startDate,
				nextRunDate: input.personalLinks ? input.startDate : null,
				openSegment: input.openSegment,
				respondentQuestion: input.respondentQuestion,
				segmentMap: JSON.stringify(segmentMap),
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: campaign.id })
			.get();
		if (input.openLink) {
			const token = openToken(row.id, now);
			tx.update(campaign)
				.set({ openTokenHash: hashToken(token), openLinkAt: now })
				.where(eq(campaign.id, row.id))
				.run();
		}
		return row.id;
	});
	audit.record({
		actorId: actor.id,
		action: 'campaign.create',
		targetType: 'campaign',
		targetId: id,
		ip: actor.ip
	});
	return id;
}

export function get(id: number): Campaign | undefined {
	return getDb().select().from(campaign).where(eq(campaign.id, id)).get();
}

export type CampaignStats = {
	invited: number;
	opened: number;
	completed: number;
	openResponses: number;
};

const statsColumns = (cid: typeof campaign.id) => ({
	invited: sql<number>`(select count(*) from ${invitation} i where i.campaign_id = ${cid} and i.anonymous = 0)`,
	opened: sql<number>`(select count(*) from ${invitation} i where i.campaign_id = ${cid} and i.anonymous = 0 and i.opened_at is not null)`,
	completed: sql<number>`(select count(*) from ${invitation} i where i.campaign_id = ${cid} and i.anonymous = 0 and i.completed_at is not null)`,
	openResponses: sql<number>`(select count(*) from ${response} r where r.campaign_id = ${cid} and r.anonymous = 1)`
});

export function list(): (Campaign & CampaignStats)[] {
	return getDb()
		.select({ c: campaign, ...statsColumns(campaign.id) })
		.from(campaign)
		.orderBy(desc(campaign.id))
		.all()
		.map(({ c, ...s }) => ({ ...c, ...s }));
}

export function stats(id: number): CampaignStats {
	return (
		getDb().select(statsColumns(campaign.id)).from(campaign).where(eq(campaign.id, id)).get() ?? {
			invited: 0,
			opened: 0,
			completed: 0,
			openResponses: 0
		}
	);
}

/** Answers per segment with mean CSAT-question score (one grouped query). */
export function bySegment(
	id: number
): { segment: string | null; n: number; mean: number | null }[] {
	return getDb()
		.select({
			segment: response.segment,
			n: sql<number>`count(*)`,
			mean: sql<number | null>`avg(${response.csat})`
		})
		.from(response)
		.where(eq(response.campaignId, id))
		.groupBy(response.segment)
		.all();
}

export function setStatus(actor: Actor, id: number, status: 'active' | 'closed') {
	getDb().update(campaign).set({ status }).where(eq(campaign.id, id)).run();
	audit.record({
		actorId: actor.id,
		action: status === 'closed' ? 'campaign.close' : 'campaign.reopen',
		targetType: 'campaign',
		targetId: id,
		ip: actor.ip
	});
}

/** Turns the open link on (a new token: old posters stop working) or off. */
export function setOpenLink(actor: Actor, id: number, enabled: boolean, now = new Date()) {
	const token = enabled ? openToken(id, now) : null;
	getDb()
		.update(campaign)
		.set({ openTokenHash: token ? hashToken(token) : null, openLinkAt: enabled ? now : null })
		.where(eq(campaign.id, id))
		.run();
	audit.record({
		actorId: actor.id,
		action: enabled ? 'campaign.openLink' : 'campaign.openLinkOff',
		targetType: 'campaign',
		targetId: id,
		ip: actor.ip
	});
}

/** The open link's token, re-derived from the issue time under the server key (shown again to staff). */
export function openLinkToken(c: Pick<Campaign, 'id' | 'openLinkAt' | 'openTokenHash'>) {
	return c.openLinkAt && c.openTokenHash ? openToken(c.id, c.openLinkAt) : null;
}

export function findByOpenToken(token: string) {
	if (!/^c[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
	return getDb()
		.select({ id: campaign.id, surveyId: campaign.surveyId, status: campaign.status })
		.from(campaign)
		.where(eq(campaign.openTokenHash, hashToken(token)))
		.get();
}

/**
 * One run: an invitation for everyone in the audience who consented to be contacted, has not
 * opted out or been erased, and has no invitation of this campaign since the run's day began
 * (so a second call on the same day adds only newcomers). Queued in the outbox.
 */
export function run(id: number, now = new Date()): NewInvitation[] {
	const c = get(id);
	if (!c || !c.personalLinks) return [];
	const v = currentVersion(c.surveyId);
	if (!v) {
		log('warn', 'campaign survey not published', { campaignId: id });
		return [];
	}
	const tz = settings.get().timeZone;
	const dayStart = startOfLocalDay(localDate(now, tz), tz).getTime();
	const keys = JSON.parse(c.audienceSegments) as string[];
	const db = getDb();
	const inAudience = sql.join(
		[
			keys.length
				? sql`exists (select 1 from ${contactSegment} cs join ${segment} s on s.id = cs.segment_id
					where cs.contact_id = ${beneficiary.id} and s.key in ${keys})`
				: undefined,
			c.audienceProgramId
				? sql`exists (select 1 from ${enrollment} e where e.beneficiary_id = ${beneficiary.id} and e.program_id = ${c.audienceProgramId})`
				: undefined,
			c.audienceList
				? sql`exists (select 1 from ${campaignContact} cc where cc.contact_id = ${beneficiary.id} and cc.campaign_id = ${id})`
				: undefined
		].filter((x) => x !== undefined),
		sql` or `
	);
	const expiresAt = new Date(now.getTime() + expiryDays() * 86_400_000);
	const out = db.transaction((tx) => {
		const targets = tx
			.select({ id: beneficiary.id, locale: beneficiary.locale })
			.from(beneficiary)
			.where(
				and(
					sql`(${inAudience})`,
					eq(beneficiary.consentContact, true),
					isNull(beneficiary.optedOutAt),
					isNull(beneficiary.erasedAt),
					sql`not exists (select 1 from ${invitation} i where i.campaign_id = ${id} and i.beneficiary_id = ${beneficiary.id} and i.created_at >= ${dayStart})`
				)
			)
			.all();
		const created: NewInvitation[] = [];
		for (const b of targets) {
			const token = newToken();
			const row = tx
				.insert(invitation)
				.values({
					kind: 'campaign',
					campaignId: id,
					beneficiaryId: b.id,
					surveyVersionId: v.versionId,
					tokenHash: hashToken(token),
					createdAt: now,
					expiresAt,
					locale: b.locale
				})
				.returning({ id: invitation.id })
				.get();
			created.push({ invitationId: row.id, beneficiaryId: b.id, token });
		}
		tx.update(campaign).set({ lastRunAt: now }).where(eq(campaign.id, id)).run();
		return created;
	});
	if (out.length) {
		log('info', 'campaign invitations created', { campaignId: id, count: out.length });
		delivery.enqueueInvitations(out.map((i) => i.invitationId));
	}
	return out;
}

/** Runs every active campaign whose next date has come, and moves its next date on. */
export function runDue(now = new Date()): number {
	const today = localDate(now, settings.get().timeZone);
	const due = getDb()
		.select()
		.from(campaign)
		.where(and(eq(campaign.status, 'active'), lte(campaign.nextRunDate, today)))
		.all();
	let n = 0;
	for (const c of due) {
		n += run(c.id, now).length;
		let next = nextDate(c.nextRunDate!, c.schedule, c.calendar);
		while (next && next <= today) next = nextDate(next, c.schedule, c.calendar);
		getDb().update(campaign).set({ nextRunDate: next }).where(eq(campaign.id, c.id)).run();
	}
	return n;
}

/**
 * The respondent's segment for a completed invitation: the answer to the campaign's
 * respondent-type question when it names a segment; else, for the open link, the campaign's
 * open-link segment; for a personal link, the contact's segment within the audience; outside
 * campaigns, a direct beneficiary.
 */
export function segmentOf(
	inv: { campaignId: number | null; beneficiaryId: number | null; anonymous: boolean },
	answers: Record<string, unknown>
): string | null {
	if (!inv.campaignId) return segments.BENEFICIARY;
	const c = get(inv.campaignId);
	if (!c) return null;
	if (c.respondentQuestion) {
		const a = answers[c.respondentQuestion];
		const value = Array.isArray(a) ? a[0] : a;
		const map = JSON.parse(c.segmentMap) as Record<string, string>;
		if (value !== undefined && value !== null && map[String(value)]) return map[String(value)];
	}
	if (!inv.beneficiaryId) return c.openSegment;
	const own = segments.keysOf(inv.beneficiaryId);
	const audience = JSON.parse(c.audienceSegments) as string[];
	return own.find((k) => audience.includes(k)) ?? own[0] ?? c.openSegment;
}

/** Campaigns offered on the import page (their lists). */
export function choices() {
	return getDb()
		.select({ id: campaign.id, nameAr: campaign.nameAr, nameEn: campaign.nameEn })
		.from(campaign)
		.where(and(eq(campaign.status, 'active'), eq(campaign.audienceList, true)))
		.orderBy(desc(campaign.id))
		.all();
}

scheduler.registerJob({ name: 'campaigns.daily', pattern: '10 0 * * *', run: () => void runDue() });
