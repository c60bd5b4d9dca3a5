import type { Page } from '@playwright/test';
import { axe, expect, login, postAction, test } from './helpers';

const mobile = () => '0558' + String(Date.now() % 1_000_000).padStart(6, '0');

async function submitPublic(page: Page, subject: string) {
	await page.goto('/r');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('تقديم طلب أو اقتراح');
	await page.getByLabel('الاسم').fill('ريم عبدالله الحربي');
	await page.getByLabel('رقم الجوال').fill(mobile());
	await page.getByLabel('طلب مساعدة').check();
	await page.getByLabel('الموضوع').fill(subject);
	await page.getByLabel('التفاصيل').fill('أسرة من خمسة أفراد تحتاج إلى سلة غذائية شهرية.');
	await page.getByLabel(/أوافق على أن تستخدم الجمعية/).check();
	await page.getByRole('button', { name: 'إرسال الطلب' }).click();
	await expect(page).toHaveURL(/\/r\/[A-Z2-9]{4}-[A-Z2-9]{4}\?new=1$/);
	return (await page.getByTestId('tracking-code').innerText()).trim();
}

test('public form → officer moves it through the committee to a decision → status page; response time = decision − receipt', async ({
	page,
	browser
}) => {
	// The public form refuses a missing consent and keeps what was typed.
	await page.goto('/r');
	await page.getByLabel('الاسم').fill('اسم تجريبي');
	await page.getByLabel('الموضوع').fill('موضوع محفوظ');
	await page.getByRole('button', { name: 'إرسال الطلب' }).click();
	await expect(page.getByRole('alert').first()).toContainText('يرجى تصحيح');
	await expect(page.getByLabel('الموضوع')).toHaveValue('موضوع محفوظ');
	await expect(page.getByText('الموافقة مطلوبة لإرسال الطلب.')).toBeVisible();

	const subject = 'طلب سلة غذائية ' + Date.now();
	const code = await submitPublic(page, subject);
	await expect(page.getByTestId('progress').locator('li.done')).toHaveCount(1);

	// An officer (relations) finds it by its code.
	const staff = await browser.newPage();
	await login(staff, 'relations', '/requests?q=' + code);
	await expect(staff.getByTestId('request-count')).toContainText('1');
	await staff.getByRole('link', { name: code }).click();
	await expect(staff.getByTestId('request-code')).toHaveText(code);
	await expect(staff.getByTestId('beneficiary-name')).toHaveText('ريم عبدالله الحربي');
	const requestUrl = staff.url();

	// Data checked → committee → decision (accepted).
	await staff.locator('form[data-step=data_checked] button[type=submit]').click();
	await expect(staff.getByTestId('request-status')).toHaveText('تم التحقق من البيانات');
	await staff.locator('form[data-step=referred_committee] button[type=submit]').click();
	await expect(staff.getByTestId('request-status')).toHaveText('لدى لجنة الدراسة');
	await staff.locator('form[data-step=decision] input[value=accepted]').check();
	await staff.locator('form[data-step=decision] button[type=submit]').click();
	await expect(staff.getByTestId('request-status')).toHaveText('صدر القرار');

	// The response time shown equals the time between receipt and decision on the timeline.
	// Four steps, and a notice to the requester after intake and after the decision.
	const timeline = staff.getByTestId('timeline');
	await expect(timeline.locator('li time')).toHaveCount(6);
	await expect(timeline.locator('li.notice')).toHaveCount(2);
	const received = Date.parse(
		(await timeline.locator('li.received time').getAttribute('datetime'))!
	);
	const decided = Date.parse(
		(await timeline.locator('li.decision time').getAttribute('datetime'))!
	);
	const rt = staff.getByTestId('response-time');
	expect(Number(await rt.getAttribute('data-ms'))).toBe(decided - received);
	const minutes = Math.round((decided - received) / 60_000);
	await expect(rt).toHaveText(
		`${Math.floor(minutes / 1440)} يوم و${Math.floor((minutes % 1440) / 60)} ساعة و${minutes % 60} دقيقة`
	);
	// Due date in both calendars.
	await expect(staff.getByTestId('due')).toContainText('هـ');

	// The status page shows the progress, without personal details.
	await page.goto('/r/' + code);
	await expect(page.getByTestId('public-decision')).toHaveText('قُبل طلبك');
	await expect(page.getByTestId('progress').locator('li.done')).toHaveCount(4);
	await expect(page.locator('body')).not.toContainText('ريم');

	// Board: 403 on the request (GET and POST); quality sees it without personal details.
	const board = await browser.newPage();
	await login(board, 'board');
	const res = await board.goto(requestUrl);
	expect(res?.status()).toBe(403);
	const post = await postAction(board, new URL(requestUrl).pathname + '?/step', {
		type: 'note',
		text: 'x'
	});
	expect(post.status() === 403 || (await post.text()).includes('"status":403')).toBe(true);
	const quality = await browser.newPage();
	await login(quality, 'quality');
	expect((await quality.goto(requestUrl))?.status()).toBe(200);
	await expect(quality.getByText('بيانات المستفيد لا تظهر لدورك.')).toBeVisible();
	await expect(quality.locator('body')).not.toContainText('ريم عبدالله');
	await board.close();
	await quality.close();

	// Decision dated before receipt is refused with a clear message.
	await staff.goto('/requests/new');
	await staff.getByLabel('قناة الاستقبال').selectOption({ label: 'الخطابات' });
	await staff.getByLabel('نوع الطلب').selectOption('inquiry');
	await staff.getByLabel('بدون هوية (للاستفسارات والاقتراحات)').check();
	await staff.getByLabel('الموضوع').fill('استفسار هاتفي');
	await staff.getByRole('button', { name: 'إنشاء' }).click();
	await expect(staff).toHaveURL(/\/requests\/\d+$/);
	// The one "saved" notice, shown once: gone after a reload.
	await expect(staff.locator('.flash')).toBeVisible();
	await staff.reload();
	await expect(staff.locator('.flash')).toHaveCount(0);
	const path = new URL(staff.url()).pathname;
	const r1 = await postAction(staff, path + '?/step', { type: 'answered', at: '2001-01-01T10:00' });
	expect(await r1.text()).toContain('requests.err.beforeReceipt');
	await staff.goto(path);
	await staff.locator('details:has(form[data-step=answered]) > summary').click();
	await staff.locator('form[data-step=answered] input[name=at]').fill('2001-01-01T10:00');
	await staff.locator('form[data-step=answered] textarea[name=text]').fill('الإجابة المحفوظة');
	await staff.locator('form[data-step=answered] button[type=submit]').click();
	await expect(staff.getByText('لا يمكن أن تسبق الخطوة تاريخ استلام الطلب.')).toBeVisible();
	await expect(staff.locator('form[data-step=answered] textarea[name=text]')).toHaveValue(
		'الإجابة المحفوظة'
	);
	await staff.close();
});

test('the public form switches to English and back, and has no accessibility violations', async ({
	page
}) => {
	await page.goto('/r');
	expect((await axe(page).analyze()).violations.map((v) => v.id)).toEqual([]);
	await page.getByTestId('lang-switch').click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Submit a request or suggestion'
	);
	await page.getByRole('button', { name: 'Send request' }).click();
	await expect(page.getByText('Consent is needed to send the request.')).toBeVisible();
	await page.getByTestId('lang-switch').click();
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('bad input on the new request form is refused with a clear message and nothing is lost', async ({
	page
}) => {
	await login(page, 'relations', '/requests/new');
	// Missing channel.
	await page.getByLabel('الموضوع').fill('موضوع لا يضيع');
	await page.getByLabel('التفاصيل').fill('تفاصيل لا تضيع');
	await page.getByLabel('الاسم', { exact: true }).fill('منيرة الشمري');
	await page.getByRole('button', { name: 'إنشاء' }).click();
	await expect(page.getByText('اختر قناة الاستقبال.')).toBeVisible();
	await expect(page.getByLabel('الموضوع')).toHaveValue('موضوع لا يضيع');
	await expect(page.getByLabel('التفاصيل')).toHaveValue('تفاصيل لا تضيع');
	await expect(page.getByLabel('الاسم', { exact: true })).toHaveValue('منيرة الشمري');

	const base = {
		channelId: '1',
		kind: 'support',
		subject: 's',
		beneficiaryMode: 'existing',
		beneficiaryId: '99999999'
	};
	// Unknown beneficiary.
	let r = await postAction(page, '/requests/new?/create', base);
	let body = await r.text();
	expect(body).toContain('requests.err.unknownBeneficiary');
	expect(body).toContain('"status":400');
	// Oversized text.
	r = await postAction(page, '/requests/new?/create', {
		...base,
		beneficiaryMode: 'anonymous',
		kind: 'inquiry',
		subject: 'x'.repeat(201)
	});
	body = await r.text();
	expect(body).toContain('errors.tooLong?max=200');
	// Missing channel, posted directly.
	r = await postAction(page, '/requests/new?/create', {
		...base,
		channelId: '',
		beneficiaryMode: 'anonymous',
		kind: 'inquiry'
	});
	expect(await r.text()).toContain('requests.err.channel');
	// The public form refuses oversized details.
	const pub = await page.request.post('/r', {
		form: {
			name: 'x',
			mobile: '0551112223',
			kind: 'inquiry',
			subject: 's',
			details: 'x'.repeat(3001),
			consent: 'on'
		},
		headers: {
			origin: new URL(page.url()).origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		}
	});
	expect(await pub.text()).toContain('errors.tooLong');
	// Honeypot filled: refused.
	const bot = await page.request.post('/r', {
		form: {
			name: 'x',
			mobile: '0551112224',
			kind: 'inquiry',
			subject: 's',
			details: 'd',
			consent: 'on',
			website: 'http://spam'
		},
		headers: {
			origin: new URL(page.url()).origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		}
	});
	expect(await bot.text()).toContain('pub.err.spam');
});
