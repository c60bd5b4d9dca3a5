/**
 * Delivery end to end: ending a program sends the invitation email to a real SMTP server
 * started here; the link read from that email opens the survey in Chromium, which is
 * completed; the program's funnel shows the email sent, opened and completed.
 */
import { SMTPServer } from 'smtp-server';
import { expect, login, test } from './helpers';

type Mail = { to: string[]; raw: string };
const inbox: Mail[] = [];
let smtp: SMTPServer;

test.beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
			stream.on('end', () => {
				inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) =>
		smtp.listen(Number(process.env.E2E_SMTP_PORT), '127.0.0.1', resolve)
	);
});
test.afterAll(async () => {
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** Quoted-printable soft breaks and escapes undone, enough to read links. */
const unQP = (s: string) =>
	s
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));

test('ending a program emails the invitation; the emailed link completes the survey; the funnel shows it', async ({
	page,
	browser
}) => {
	const stamp = Date.now().toString().slice(-6);
	const email = `reem${stamp}@example.org`;
	await login(page, 'relations', '/programs/new');
	await page.locator('input[name=nameAr]').fill(`برنامج البريد ${stamp}`);
	await page.locator('input[name=nameEn]').fill(`Email program ${stamp}`);
	await page.locator('input[name=startDate]').fill('2026-09-01');
	await page.locator('input[name=endDate]').fill('2026-10-15');
	await page.locator('main form button[type=submit]').click();
	await expect(page).toHaveURL(/\/programs\/\d+/);
	const programUrl = new URL(page.url()).pathname;
	const programId = programUrl.split('/').pop()!;

	const csv = [
		'الاسم,الجوال,البريد الإلكتروني,اللغة,قناة التواصل,الموافقة',
		`ريم البريد${stamp},056${stamp}7,${email},العربية,البريد الإلكتروني,نعم`
	].join('\n');
	await page.goto(`/beneficiaries/import?program=${programId}`);
	await page.locator('input[name=file]').setInputFiles({
		name: 'people.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('\ufeff' + csv)
	});
	await page.getByRole('button', { name: 'معاينة' }).click();
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-done')).toContainText('1');

	await page.goto(programUrl);
	await page.getByTestId('end-program').click();
	await expect(page.getByTestId('stat-invited')).toHaveText('1');

	// The outbox worker sends it to our SMTP server.
	await expect
		.poll(() => inbox.filter((m) => m.to.includes(email)).length, { timeout: 20_000 })
		.toBe(1);
	const mail = unQP(inbox.find((m) => m.to.includes(email))!.raw);
	expect(mail).toMatch(/^Subject: /m);
	expect(mail).toContain('dir="rtl"'); // the Arabic HTML part
	const link = mail.match(/https?:\/\/[^\s"<>]+\/s\/[a-z0-9]+/)![0];
	expect(mail).toMatch(/\/u\/[a-z0-9]+/); // an unsubscribe link in every email

	const phone = await browser.newContext({
		viewport: { width: 360, height: 740 },
		locale: 'ar-SA'
	});
	const p = await phone.newPage();
	await p.goto(link);
	await expect(p.locator('h1')).toBeVisible();
	const choose = async (name: string, value: string) => {
		const id = await p.locator(`input[name="${name}"][value="${value}"]`).getAttribute('id');
		await p.locator(`label[for="${id}"]`).click();
	};
	await choose('overall', '5');
	await choose('recommend', '10');
	await p.getByRole('button', { name: 'التالي' }).click();
	for (const a of ['courtesy', 'clarity', 'speed', 'competence', 'channel_convenience'])
		await choose(`aspects.${a}`, '5');
	await choose('channel_used', 'website');
	await choose('answered_in_time', 'yes');
	await p.getByRole('button', { name: 'التالي' }).click();
	await p.getByRole('button', { name: 'إرسال' }).click();
	await expect(p.getByTestId('survey-thanks')).toBeVisible();
	await phone.close();

	await page.goto(programUrl);
	const row = page.getByTestId('funnel').locator('tr[data-channel="email"]');
	await expect(row).toBeVisible();
	await expect(row.locator('td').nth(2)).toHaveText('1'); // sent
	await expect(row.locator('td').nth(4)).toHaveText('1'); // opened
	await expect(row.getByTestId('funnel-completed')).toHaveText('1');
	await expect(page.getByTestId('stat-completed')).toHaveText('1');
});
