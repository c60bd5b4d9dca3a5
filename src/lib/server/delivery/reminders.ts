/**
 * Reminders: up to N (default 2) to those who have not completed, D days (default 3) after the
 * last message, never to someone who completed, opted out, or whose link has expired (or
 * will expire before the reminder could go out), and only in sending hours.
 */
import { sql } from 'drizzle-orm';
import { config } from '../config';
import { getDb } from '../db';
import { nextSendingTime } from './hours';
import { enqueue } from './outbox';

export function reminderConfig() {
	return config().reminders;
}

export function scheduleReminders(now = new Date(), cfg = reminderConfig()): number {
	if (cfg.count === 0) return 0;
	const sendAt = nextSendingTime(now);
	const cutoff = now.getTime() - cfg.afterDays * 86_400_000;
	// One query finds who is due; everything is decided in SQL.
	const due = getDb().all<{ id: number; reminders: number; channel: string }>(sql`
		select i.id as id,
		       sum(case when m.kind = 'reminder' then 1 else 0 end) as reminders,
		       (select m2.channel from outbox_message m2 where m2.invitation_id = i.id order by m2.id limit 1) as channel
		from invitation i
		join beneficiary b on b.id = i.beneficiary_id
		join outbox_message m on m.invitation_id = i.id and m.state <> 'cancelled'
		where i.completed_at is null
		  and i.expires_at > ${sendAt.getTime() + 3_600_000}
		  and b.opted_out_at is null and b.erased_at is null and b.consent_contact = 1
		  and (i.campaign_id is null
		       or exists (select 1 from campaign c where c.id = i.campaign_id and c.reminders = 1))
		group by i.id
		having sum(case when m.state in ('queued', 'sending') then 1 else 0 end) = 0
		   and sum(case when m.state = 'sent' then 1 else 0 end) > 0
		   and max(m.sent_at) <= ${cutoff}
		   and sum(case when m.kind = 'reminder' then 1 else 0 end) < ${cfg.count}
	`);
	let n = 0;
	for (const d of due) {
		const channel = d.channel === 'print' ? undefined : (d.channel as 'email' | 'sms' | 'whatsapp');
		if (enqueue(d.id, 'reminder', { number: d.reminders + 1, channel, now: sendAt })) n++;
	}
	return n;
}
