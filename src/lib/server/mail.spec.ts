import { resetConfig } from './config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { sendMail } from './mail';

describe('sendMail', () => {
	const received: { to: string[]; body: string }[] = [];
	let server: SMTPServer;
	let port = 0;
	beforeAll(async () => {
		server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			onData(stream, session, cb) {
				let body = '';
				stream.on('data', (c: Buffer) => (body += c.toString()));
				stream.on('end', () => {
					received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
					cb();
				});
			}
		});
		await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
		port = (server.server.address() as AddressInfo).port;
	});
	afterAll(async () => {
		delete process.env.SMTP_URL;
		resetConfig();
		await new Promise<void>((res) => server.close(() => res()));
	});

	it('skips (and says so) without SMTP_URL', async () => {
		delete process.env.SMTP_URL;
		resetConfig();
		expect(await sendMail({ to: 'a@example.org', subject: 's', text: 't' }, 'test:1')).toEqual({
			sent: false
		});
		expect(received).toHaveLength(0);
	});

	it('sends through the configured server with MAIL_FROM', async () => {
		process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
		process.env.MAIL_FROM = 'Rida <rida@example.org>';
		resetConfig();
		const r = await sendMail(
			{ to: 'officer@example.org', subject: 'تجاوز مهلة الرد', text: 'نص', html: '<p>نص</p>' },
			'test:2'
		);
		expect(r.sent).toBe(true);
		expect(received).toHaveLength(1);
		expect(received[0].to).toEqual(['officer@example.org']);
		expect(received[0].body).toContain('From: Rida <rida@example.org>');
	});
});
