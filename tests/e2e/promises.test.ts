/**
 * The policy's promises, end to end: a request logged by phone is acknowledged by SMS through
 * a real HTTP gateway started here (SMS_GATEWAY_URL points at E2E_SMS_PORT, see serverEnv),
 * referred to another body with a notice naming it, shown on the public status page and
 * counted on the dashboard; a consumer complaint with its sector and authority referral
 * reaches the complaint indicators; /transparency is public, works without JavaScript and
 * holds no personal data (canaries planted where staff and beneficiaries type).
 * The outbox worker polls every OUTBOX_INTERVAL_MS (500 ms in e2e), so notices arrive within
 * a second or two: the test polls the gateway's inbox, it never sleeps.
 */
import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import { openDb, plantBeneficiary, plantComment, plantRequest, uniqueWord } from './canary';
import { expect, login, test } from './helpers';

type Sms = { to: string; from: string; text: string; key: string; auth: string };
const texts: Sms[] = [];
let gateway: Server;

test.beforeAll(async () => {
	gateway = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString('utf8')));
		req.on('end', () => {
			const m = JSON.parse(body) as { to: string; from: string; text: string };
			texts.push({
				...m,
				key: String(req.headers['idempotency-key'] ?? ''),
				auth: String(req.headers.authorization ?? '')
			});
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ id: `sms-${texts.length}` }));
		});
	});
	await new Promise<void>((resolve) =>
		gateway.listen(Number(process.env.E2E_SMS_PORT), '127.0.0.1', resolve)
	);
});
test.afterAll(async () => {
	await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

const mobile = () => '0559' + String(Date.now() % 1_000_000).padStart(6, '0');
/** The texts sent to a Saudi mobile typed as 05XXXXXXXX (the app sends +9665XXXXXXXX). */
const textsTo = (m: string) => texts.filter((s) => s.to.replace(/\D/g, '').endsWith(m.slice(1)));

/** Logs a request as the relations officer would after a phone call; returns its page and code. */
async function logByPhone(
	page: Page,
	opts: { kind: string; type?: string; name: string; mobile: string; subject: string }
) {
	await page.goto('/requests/new');
	await page.getByLabel('قناة الاستقبال').selectOption({ label: 'الاتصالات الهاتفية' });
	await page.locator('select[name=kind]').selectOption(opts.kind);
	if (opts.type) await page.locator('select[name=typeId]').selectOption({ label: opts.type });
	await page.locator('input[name=beneficiaryMode][value=new]').check();
	await page.locator('input[name=name]').fill(opts.name);
	await page.locator('input[name=mobile]').fill(opts.mobile);
	await page.locator('input[name=consent]').check();
	await page.getByLabel('الموضوع').fill(opts.subject);
	await page.getByRole('button', { name: 'إنشاء', exact: true }).click();
	await expect(page).toHaveURL(/\/requests\/\d+$/);
	return (await page.getByTestId('request-code').innerText()).trim();
}

test('phone request → SMS with the tracking code → referred → SMS naming the body → status page and dashboard show it', async ({
	page,
	browser
}) => {
	const m = mobile();
	const body = `جمعية الإسكان ${uniqueWord('ال')}`;
	await login(page, 'relations');
	const code = await logByPhone(page, {
		kind: 'support',
		name: 'نورة سالم القحطاني',
		mobile: m,
		subject: 'طلب مساعدة في إيجار المسكن'
	});

	// The acknowledgement: one SMS to the requester through the gateway, with the code and link.
	await expect.poll(() => textsTo(m).length, { timeout: 15_000 }).toBe(1);
	const ack = textsTo(m)[0];
	expect(ack.to).toBe('+966' + m.slice(1));
	expect(ack.auth).toBe('Bearer e2e-sms-key');
	expect(ack.text).toContain(code);
	expect(ack.text).toContain(`/r/${code}`);
	await page.reload();
	await expect(page.getByTestId('notices')).toContainText('أُرسل');

	// Data checked → committee → referred to another body, with how to reach it.
	await page.locator('form[data-step=data_checked] button[type=submit]').click();
	await expect(page.getByTestId('request-status')).toHaveText('تم التحقق من البيانات');
	await page.locator('form[data-step=referred_committee] button[type=submit]').click();
	await expect(page.getByTestId('request-status')).toHaveText('لدى لجنة الدراسة');
	const decision = page.locator('form[data-step=decision]');
	await decision.locator('input[value=referred]').check();
	await decision.locator('input[name=association]').fill(body);
	await decision.locator('input[name=contact]').fill('مكتب الاستقبال، حي الملز');
	await decision.locator('button[type=submit]').click();
	await expect(page.getByTestId('referred-to')).toHaveText(body);

	// The referral notice names the body and how to reach it.
	await expect.poll(() => textsTo(m).length, { timeout: 15_000 }).toBe(2);
	const referral = textsTo(m)[1];
	expect(referral.text).toContain(code);
	expect(referral.text).toContain(body);
	expect(referral.text).toContain('حي الملز');
	expect(referral.key).not.toBe(ack.key);

	// The public status page (no sign-in) shows the body.
	const anon = await browser.newPage();
	await anon.goto('/r/' + code);
	await expect(anon.getByTestId('public-referred-to')).toContainText(body);
	await expect(anon.locator('body')).not.toContainText('نورة');
	await anon.close();

	// The quality dashboard counts one referral by that body, its requester told.
	const quality = await browser.newPage();
	await login(quality, 'quality', '/dashboard');
	const row = quality.getByTestId('referrals-by-body').locator('tr', { hasText: body });
	await expect(row).toHaveCount(1);
	await expect(row.locator('td').nth(1)).toHaveText('1');
	await quality.close();
});

/** The complaint figures on the quality dashboard. */
async function complaintFigures(page: Page) {
	await page.goto('/dashboard');
	const panel = page.getByTestId('complaint-indicators');
	const num = async (loc: ReturnType<Page['locator']>) =>
		(await loc.count()) ? Number((await loc.innerText()).replace(/\D/g, '') || 0) : 0;
	return {
		total: await num(panel.getByTestId('complaints-total')),
		authority: await num(panel.getByTestId('complaints-authority')),
		telecom: await num(
			panel
				.getByTestId('complaints-by-sector')
				.locator('tr', { hasText: 'الاتصالات' })
				.locator('td')
				.nth(1)
		)
	};
}

test('a consumer complaint with its sector and authority referral is counted in the complaint indicators', async ({
	page,
	browser
}) => {
	const quality = await browser.newPage();
	await login(quality, 'quality', '/account');
	const before = await complaintFigures(quality);

	await login(page, 'relations');
	await logByPhone(page, {
		kind: 'complaint',
		type: 'شكوى استهلاكية',
		name: 'هيا ناصر الدوسري',
		mobile: mobile(),
		subject: 'خدمة إنترنت مقطوعة رغم السداد'
	});
	const form = page.getByTestId('complaint-form');
	await form.locator('select[name=sector]').selectOption('telecom');
	await form.locator('input[name=amount]').fill('350');
	await form.locator('input[name=authority]').fill('وزارة التجارة');
	await form.locator('input[name=authorityRef]').fill('MC-1448-77');
	await Promise.all([
		page.waitForResponse((r) => r.url().includes('?/complaint') && r.status() === 200),
		form.locator('button[type=submit]').click()
	]);

	const after = await complaintFigures(quality);
	expect(after.total).toBe(before.total + 1);
	expect(after.authority).toBe(before.authority + 1);
	expect(after.telecom).toBe(before.telecom + 1);
	await quality.close();
});

test('/transparency: public, works without JavaScript, and holds no personal data', async ({
	playwright,
	baseURL,
	browser
}) => {
	// Canaries where people type: a beneficiary, a request subject and note, a survey comment.
	const request = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { accept: 'text/html' }
	});
	const signed = await request.post('/login', {
		form: { email: 'relations@demo.rida', password: 'demo-relations-1448' },
		headers: { origin: baseURL! },
		maxRedirects: 0
	});
	expect(signed.status()).toBe(303);
	const c = await plantBeneficiary(request, baseURL!);
	const subject = uniqueWord('موضوع');
	const note = uniqueWord('ملاحظة');
	const comment = uniqueWord('تعليق');
	await plantRequest(request, baseURL!, c.id, `${subject} ${c.name}`, `${note} ${c.mobile}`);
	await plantComment(request, baseURL!, c.id, `${comment} ${c.email}`);
	await request.dispose();
	const planted = [c.name, c.tail, c.mobile, c.email, subject, note, comment];

	// Anonymous, JavaScript off: the page is whole, in Arabic and in English.
	const ctx = await browser.newContext({ javaScriptEnabled: false });
	const page = await ctx.newPage();
	for (const lang of ['ar', 'en']) {
		const res = await page.goto(`/transparency?lang=${lang}`);
		expect(res?.status()).toBe(200);
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const html = await res!.text();
		for (const value of planted)
			expect(html, `/transparency (${lang}) shows ${value}`).not.toContain(value);
		// No app JavaScript on the page (csr = false).
		expect(await page.locator('script[src]').count()).toBe(0);
	}
	await ctx.close();
});

test('an administrator edits a request type (deadline, documents, escalation) and adds one; bad input is refused and kept', async ({
	page
}) => {
	await login(page, 'admin', '/settings/requests');
	const row = page.getByTestId('request-types').locator('tr[data-type=complaint]');
	await row.getByRole('link').click();
	await expect(page).toHaveURL(/\?type=\d+/);
	const form = page.locator('#type-form');
	await form.locator('input[name=slaDays]').fill('10');
	await form.locator('input[name=slaMode][value=working]').check();
	await form.locator('select[name=escalationRole]').selectOption('quality');
	const docs = form.locator('textarea[name=documents]');
	const kept = (await docs.inputValue()) + '\nعقد الشراء بلا ترجمة';
	await docs.fill(kept);
	await form.getByRole('button', { name: 'حفظ' }).click();
	// A line without both names: refused, everything typed is still there.
	await expect(form.getByText('اكتب كل مستند في سطر')).toBeVisible();
	await expect(docs).toHaveValue(kept);
	await expect(form.locator('input[name=slaDays]')).toHaveValue('10');
	await docs.fill(kept.replace('عقد الشراء بلا ترجمة', 'عقد الشراء | Purchase contract'));
	await form.getByRole('button', { name: 'حفظ' }).click();
	await expect(page).toHaveURL(/\/settings\/requests$/);
	await expect(page.locator('.flash')).toContainText('حُفظ نوع الطلب');
	await expect(row.getByTestId('type-sla')).toHaveText('10 يوم · أيام عمل');
	await expect(row.locator('td').nth(2)).toHaveText('3');

	// A new type, in English (the admin's language, set back afterwards); a taken key is refused.
	const setLocale = (locale: string) =>
		page.request.post('/locale', {
			form: { locale, next: '/' },
			headers: { origin: new URL(page.url()).origin },
			maxRedirects: 0
		});
	await setLocale('en');
	try {
		await addHousingType(page);
	} finally {
		await setLocale('ar');
	}
});

async function addHousingType(page: Page) {
	const form = page.locator('#type-form');
	await page.goto('/settings/requests?type=new');
	await form.locator('input[name=key]').fill('complaint');
	await form.locator('input[name=nameAr]').fill('طلب سكن');
	await form.locator('input[name=nameEn]').fill('Housing request');
	await form.locator('input[name=slaDays]').fill('21');
	// Its own service survey: the empty choice is the default one.
	const survey = form.locator('select[name=surveyId]');
	await expect(survey.locator('option[value=""]')).toHaveText('Default service survey');
	await survey.selectOption('post-program');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(form.getByText('This key is already used.')).toBeVisible();
	await expect(form.locator('input[name=nameEn]')).toHaveValue('Housing request');
	await expect(survey).toHaveValue('post-program');
	await form.locator('input[name=key]').fill('housing');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(page).toHaveURL(/\/settings\/requests$/);
	const added = page.getByTestId('request-types').locator('tr[data-type=housing]');
	await expect(added).toContainText('Housing request');
	await expect(added.getByTestId('type-sla')).toHaveText('21 days · calendar');
	await added.getByRole('link').click();
	await expect(survey).toHaveValue('post-program');
}

test('requester notices are editable with a preview on the message texts page', async ({
	page
}) => {
	await login(page, 'admin', '/settings/messages');
	const referred = page.locator('section[data-key=requestReferred]');
	await expect(referred.locator('h2')).toHaveText('إشعار إحالة الطلب');
	const sms = referred.locator('textarea[name="requestReferred.sms.ar"]');
	await expect(sms).toHaveValue(/\{body\}/);
	// Without the body's name the referral notice is refused, and the text is kept.
	await sms.fill('{association}: أحلنا طلبك {code}. التفاصيل: {link}');
	await page.getByRole('button', { name: 'حفظ' }).click();
	await expect(referred.getByText('يجب أن يحتوي النص على {body}.')).toBeVisible();
	await expect(sms).toHaveValue('{association}: أحلنا طلبك {code}. التفاصيل: {link}');
	const text =
		'{association}: أحلنا طلبك {code} إلى {body}، وللتواصل معها: {contact}. التفاصيل: {link}';
	await sms.fill(text);
	const field = sms.locator('xpath=..');
	await field.locator('summary').click();
	await expect(field.locator('.preview')).toHaveText(
		'جمعية البر: أحلنا طلبك K3X9-P7Q2 إلى جمعية الإسكان التنموي، وللتواصل معها: هاتف ٩٢٠٠٠٠٠٠٠. التفاصيل: https://rida.example/r/K3X9-P7Q2'
	);
	await page.getByRole('button', { name: 'حفظ' }).click();
	await expect(page.locator('.flash')).toContainText('حُفظت النصوص');
	await page.reload();
	await expect(sms).toHaveValue(text);
});

/** A number as shown (Arabic-Indic or Latin digits, separators dropped). */
const digits = (s: string) =>
	Number(s.replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d))).replace(/\D/g, '') || 0);

test('the dashboard filtered by one request category shows only its figures; the report breaks requests down by category', async ({
	page
}) => {
	const complaint = 'شكوى استهلاكية';
	await login(page, 'quality', '/dashboard');
	const tileN = (k: string) => page.locator(`[data-tile="${k}"] [data-n]`).innerText();
	const allDecided = digits(await tileN('withinSla'));
	const allCsat = await page.locator('[data-tile="csat"] [data-value]').innerText();
	await expect(page.getByTestId('requests-by-type').locator('tbody tr')).not.toHaveCount(1);

	await page.getByTestId('filters').getByLabel('تصنيف الطلب').selectOption({ label: complaint });
	await page.getByTestId('filters').getByRole('button', { name: 'تطبيق' }).click();
	await expect(page).toHaveURL(/[?&]type=\d+/);
	await expect(page.getByTestId('type-note')).toContainText(complaint);
	// The promises panel: one category only; the request tiles rest on fewer decisions.
	const rows = page.getByTestId('requests-by-type').locator('tbody tr');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText(complaint);
	expect(digits(await tileN('withinSla'))).toBeLessThan(allDecided);
	// Survey figures are not filtered by a request category.
	await expect(page.locator('[data-tile="csat"] [data-value]')).toHaveText(allCsat);

	// The drill-down keeps the filter: every request listed is a complaint.
	await page.locator('a[href^="/dashboard/requests?"]').click();
	await expect(page).toHaveURL(/\/dashboard\/requests\?.*type=\d+/);
	const types = page.getByTestId('rows').getByTestId('type');
	expect(await types.count()).toBeGreaterThan(0);
	for (const t of await types.allInnerTexts()) expect(t.trim()).toBe(complaint);

	// The quarterly report: requests by category with the share within each one's deadline and
	// the median days, referrals by body and complaints by sector. The quarter is the latest
	// past one that holds a consumer complaint: the demo data's dates move with today's date,
	// so "last quarter" may hold none.
	const riyadh = new Date(Date.now() + 3 * 3_600_000);
	const thisQuarter = `${riyadh.getUTCFullYear()}-${String(Math.floor(riyadh.getUTCMonth() / 3) * 3 + 1).padStart(2, '0')}-01`;
	const received = openDb(
		(db) =>
			(
				db
					.prepare(
						`select r.received_local_date d from request r
						join request_type t on t.id = r.type_id and t.complaint = 1
						where r.received_local_date < ? order by d desc limit 1`
					)
					.get(thisQuarter) as { d: string }
			).d
	);
	const year = Number(received.slice(0, 4));
	const quarter = Math.floor((Number(received.slice(5, 7)) - 1) / 3) + 1;
	await page.goto(`/reports/${year}/${quarter}`);
	const byType = page.getByTestId('report').getByTestId('requests-by-type');
	await expect(byType).toBeVisible();
	await expect(byType.locator('thead')).toContainText('وسيط أيام القرار');
	expect(await byType.locator('tbody tr').count()).toBeGreaterThan(1);
	await expect(byType.locator('tbody tr', { hasText: complaint })).toHaveCount(1);
	await expect(page.getByTestId('report').getByTestId('complaints-by-sector')).toBeVisible();
	await expect(page.getByTestId('report').getByTestId('referrals-by-body')).toBeVisible();
});
