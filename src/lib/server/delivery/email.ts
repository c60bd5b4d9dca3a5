/** Email through nodemailer to the SMTP server in SMTP_URL (e.g. smtp://user:pass@host:587). */
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../config';
import type { SendResult } from './sms';

let transport: Transporter | undefined;
let transportUrl: string | undefined;

export function emailConfigured(): boolean {
	return !!config().smtp;
}

function getTransport(): Transporter {
	const url = config().smtp!.url;
	if (!transport || transportUrl !== url) {
		transport = nodemailer.createTransport(url);
		transportUrl = url;
	}
	return transport;
}

export async function sendEmail(msg: {
	to: string;
	subject: string;
	text: string;
	html?: string;
	idempotencyKey?: string;
	headers?: Record<string, string>;
}): Promise<SendResult> {
	try {
		const info = await getTransport().sendMail({
			from: config().smtp!.from,
			to: msg.to,
			subject: msg.subject,
			text: msg.text,
			html: msg.html,
			// A stable Message-ID per message lets mail systems drop a duplicate after a crash.
			messageId: msg.idempotencyKey ? `<${msg.idempotencyKey}@rida.local>` : undefined,
			headers: msg.headers
		});
		return { ok: true, providerId: info.messageId ?? null };
	} catch (e) {
		const err = e as { responseCode?: number; message?: string; code?: string };
		const permanent =
			typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600;
		return {
			ok: false,
			retry: !permanent,
			error: `${err.code ?? ''} ${err.responseCode ?? ''} ${err.message ?? String(e)}`
				.trim()
				.slice(0, 300)
		};
	}
}
