/**
 * Outgoing email for staff notices (breach alerts…): the same SMTP transport as the survey
 * invitations (delivery/email.ts). Without SMTP_URL it logs "mail skipped" and returns:
 * never addresses or bodies in the log.
 */
import { emailConfigured, sendEmail } from './delivery/email';
import { log } from './log';

export type Mail = { to: string; subject: string; text: string; html?: string };
export type MailResult = { sent: boolean; messageId?: string };

/** Sends one message; `ref` is an id for the log (e.g. 'request:12'). Throws on SMTP errors. */
export async function sendMail(mail: Mail, ref?: string): Promise<MailResult> {
	if (!emailConfigured()) {
		log('info', 'mail skipped', { ref, reason: 'SMTP_URL unset' });
		return { sent: false };
	}
	const r = await sendEmail(mail);
	if (!r.ok) throw new Error(`mail failed: ${r.error}`);
	log('info', 'mail sent', { ref });
	return { sent: true, messageId: r.providerId ?? undefined };
}
