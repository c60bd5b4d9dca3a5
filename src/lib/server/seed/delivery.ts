/**
 * Outbox history matching the demo invitations: one invitation message per delivered
 * invitation on the beneficiary's channel, a few that failed for good, and reminders to those
 * who had not answered after three days. Pure SQL (INSERT … SELECT): fast at any size.
 */
import { getDb } from '../db';
import { redact } from '../redact';

export function seedDelivery() {
	const c = getDb().$client;
	// The gateway's error goes through the same redaction as a real one (outbox.settle).
	const error = redact('HTTP 400: {"error":"invalid number"}');
	c.transaction(() => {
		c.prepare(
			`
			insert into outbox_message (invitation_id, kind, channel, state, attempts, not_before, claimed_at, sent_at, last_error, idempotency_key, created_at)
			select i.id, 'invitation',
			       case b.preferred_channel when 'email' then case when b.email_enc is null then 'sms' else 'email' end else b.preferred_channel end,
			       case when i.delivered_at is null then 'given_up' else 'sent' end,
			       case when i.delivered_at is null then 5 else 1 end,
			       i.created_at, i.created_at + 3600000, i.delivered_at,
			       case when i.delivered_at is null then ? end,
			       'inv-' || i.id || '-invitation-0', i.created_at
			from invitation i join beneficiary b on b.id = i.beneficiary_id
			where i.kind = 'program' and i.anonymous = 0`
		).run(error);
		c.exec(`
			insert into outbox_message (invitation_id, kind, channel, state, attempts, not_before, claimed_at, sent_at, idempotency_key, created_at)
			select i.id, 'reminder', m.channel, 'sent', 1, i.created_at + 3 * 86400000, i.created_at + 3 * 86400000, i.created_at + 3 * 86400000 + 7200000,
			       'inv-' || i.id || '-reminder-1', i.created_at + 3 * 86400000
			from invitation i join outbox_message m on m.invitation_id = i.id and m.kind = 'invitation' and m.state = 'sent'
			where (i.completed_at is null or i.completed_at > i.created_at + 3 * 86400000)
			  and i.created_at + 3 * 86400000 < unixepoch('subsec') * 1000
			  and m.channel in ('sms', 'email');
		`);
	})();
}
