/**
 * Outgoing email: a small nodemailer wrapper. Reads SMTP_URL (e.g. smtp://user:pass@host:587)
 * and MAIL_FROM. Without SMTP_URL it logs "mail skipped" and returns: never addresses or
 * bodies in the log.
 */
import type { Transporter } from 'nodemailer';
import { log } from './log';

export type Mail = { to: string; subject: string; text: string; html?: string };
export type MailResult = { sent: boolean; messageId?: string };

let transport: Transporter | undefined;
let transportUrl: string | undefined;

async function getTransport(url: string): Promise<Transporter> {
	if (!transport || transportUrl !== url) {
		const nodemailer = (await import('nodemailer')).default;
		transport = nodemailer.createTransport(url);
		transportUrl = url;
	}
	return transport;
}

/** Sends one message; `ref` is an id for the log (e.g. 'request:12'). Throws on SMTP errors. */
export async function sendMail(mail: Mail, ref?: string): Promise<MailResult> {
	const url = process.env.SMTP_URL;
	if (!url) {
		log('info', 'mail skipped', { ref, reason: 'SMTP_URL unset' });
		return { sent: false };
	}
	const from = process.env.MAIL_FROM || 'Rida <no-reply@localhost>';
	const t = await getTransport(url);
	const info = await t.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
	log('info', 'mail sent', { ref });
	return { sent: true, messageId: info.messageId };
}
