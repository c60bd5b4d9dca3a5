import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact, redactAnswers, stripFreeText } from './redact';

const NAME = '[اسم]';
const MOBILE = '[رقم جوال]';
const EMAIL = '[بريد إلكتروني]';
const ID = '[رقم هوية]';

describe('redact: numbers', () => {
	it.each([
		['جوالي 0551234567 اتصلوا بي', `جوالي ${MOBILE} اتصلوا بي`],
		['جوالي ٠٥٥١٢٣٤٥٦٧ اتصلوا بي', `جوالي ${MOBILE} اتصلوا بي`], // Arabic-Indic
		['جوالي ۰۵۵۱۲۳۴۵۶۷ اتصلوا بي', `جوالي ${MOBILE} اتصلوا بي`], // Persian
		['رقمي 055 123 4567', `رقمي ${MOBILE}`],
		['رقمي 055-123-4567.', `رقمي ${MOBILE}.`],
		['تواصلوا +966551234567', `تواصلوا ${MOBILE}`],
		['تواصلوا +966 55 123 4567', `تواصلوا ${MOBILE}`],
		['تواصلوا 00966551234567', `تواصلوا ${MOBILE}`],
		['تواصلوا ٠٠٩٦٦ ٥٥ ١٢٣ ٤٥٦٧', `تواصلوا ${MOBILE}`],
		['تواصلوا 966551234567', `تواصلوا ${MOBILE}`],
		['على الرقم 551234567', `على الرقم ${MOBILE}`],
		['(055) 123-4567 بعد العصر', `${MOBILE} بعد العصر`],
		['جوالي0551234567', `جوالي${MOBILE}`],
		['هويتي 1012345678', `هويتي ${ID}`],
		['إقامتي ٢٣٤٥٦٧٨٩٠١ منتهية', `إقامتي ${ID} منتهية`],
		['الهاتف 0114567890', 'الهاتف [رقم]'],
		['رقم الحساب SA0380000000608010167519', 'رقم الحساب SA[رقم]']
	])('%s', (input, output) => {
		expect(redact(input)).toBe(output);
	});

	it('keeps the numbers a comment needs: counts, days, money, dates, years', () => {
		for (const s of [
			'انتظرت 3 ساعات في 2024',
			'تأخر الرد 15 يومًا',
			'استلمت ١٥٠٠ ريال',
			'الموعد 1446/05/12 الساعة 10:30',
			'الموعد 2026-11-25',
			'ثلاثة برامج بين 2023 و2024'
		])
			expect(redact(s), s).toBe(s);
	});
});

describe('redact: e-mails and accounts', () => {
	it('masks e-mails (Arabic text around, spaces around @) and social handles', () => {
		expect(redact('راسلوني على sara.q+1@gmail.com شكرًا')).toBe(`راسلوني على ${EMAIL} شكرًا`);
		expect(redact('بريدي nora_99 @ hotmail.com')).toBe(`بريدي ${EMAIL}`);
		expect(redact('حسابي في تويتر @nora_1990')).toBe('حسابي في تويتر [حساب]');
	});
});

describe('redact: names', () => {
	it('masks every word form of the known name of the person the text belongs to', () => {
		const names = ['نورة عبدالله القحطاني'];
		expect(redact('أنا نورة وأحتاج مساعدة', { names })).toBe(`أنا ${NAME} وأحتاج مساعدة`);
		expect(redact('الطلب باسم نوره القحطاني', { names })).toBe(`الطلب باسم ${NAME}`);
		expect(redact('أرسلوا لنورة الرد', { names })).toBe(`أرسلوا ل${NAME} الرد`);
		expect(redact('من عائلة قحطاني', { names })).toBe(`من عائلة ${NAME}`);
		expect(redact('والدها عبد الله مريض', { names })).toBe(`والدها ${NAME} مريض`);
		expect(redact('نُورَة ونـــورة', { names })).toBe(`${NAME} و${NAME}`);
		// God's name in a blessing is not the person's name
		expect(redact('جزاكم الله خيرًا', { names })).toBe('جزاكم الله خيرًا');
	});

	it('masks Latin names case-insensitively', () => {
		expect(redact('Thanks, this is HUDA from Jeddah', { names: ['Huda Test'] })).toBe(
			'Thanks, this is [name] from Jeddah'
		);
		expect(redact('My name is Huda Test.', { names: ['Huda Test'], locale: 'en' })).toBe(
			'My name is [name].'
		);
	});

	it('masks names introduced the usual ways, keeping the title', () => {
		expect(redact('اسمي فلوة بنت سعد وأشكركم')).toBe(`اسمي ${NAME} وأشكركم`);
		expect(redact('أنا أم فيصل ولدي طلب')).toBe(`أنا ${NAME} ولدي طلب`);
		expect(redact('اتصل بي ابو عبدالرحمن')).toBe(`اتصل بي ${NAME}`);
		expect(redact('شكرًا للأستاذة منيرة الدوسري على تعاونها')).toBe(
			`شكرًا للأستاذة ${NAME} على تعاونها`
		);
		expect(redact('الموظف حمود كان متعاونًا')).toBe(`الموظف ${NAME} كان متعاونًا`);
		expect(redact('راجعت الدكتور زياد')).toBe(`راجعت الدكتور ${NAME}`);
		expect(redact('قابلت مشعل بن فهد آل سعود')).toBe(`قابلت ${NAME}`);
		expect(redact('Dr. Smith was kind', { locale: 'en' })).toBe('Dr. [name] was kind');
	});

	it('masks common given names even without a title', () => {
		expect(redact('شكرًا لخالد وفاطمة على المتابعة')).toBe(`شكرًا ل${NAME} و${NAME} على المتابعة`);
	});

	it('leaves ordinary sentences alone', () => {
		for (const s of [
			'هل الخدمة جيدة أم لا؟',
			'هل أتصل أم أنتظر؟',
			'الموظف متعاون جدًا والمكان نظيف',
			'أتمنى توضيح الإجراءات بشكل أفضل.',
			'شكرًا على حسن التنظيم والتعامل الراقي.',
			'Great program, thank you!'
		])
			expect(redact(s), s).toBe(s);
	});
});

describe('redact: the whole', () => {
	it('English placeholders for English text', () => {
		expect(redact('Call me on 0551234567 or mail huda@example.org', { locale: 'en' })).toBe(
			'Call me on [mobile number] or mail [email]'
		);
	});

	it('is idempotent and never lets a planted mobile through, in any digit form or spacing', () => {
		const digits = fc.stringMatching(/^5[0-9]{8}$/);
		const form = fc.constantFrom('latin', 'indic', 'persian');
		const prefix = fc.constantFrom('0', '+966', '00966', '966', '', '+966 ', '0');
		const sep = fc.constantFrom('', ' ', '-');
		fc.assert(
			fc.property(digits, form, prefix, sep, fc.string({ maxLength: 20 }), (d, f, p, s, noise) => {
				const spaced = `${d.slice(0, 2)}${s}${d.slice(2, 5)}${s}${d.slice(5)}`;
				let number = p + spaced;
				if (f === 'indic') number = number.replace(/\d/g, (c) => '٠١٢٣٤٥٦٧٨٩'[Number(c)]);
				if (f === 'persian') number = number.replace(/\d/g, (c) => '۰۱۲۳۴۵۶۷۸۹'[Number(c)]);
				const text = `${noise.replace(/[\d٠-٩۰-۹]/g, '')} جوالي ${number} شكرًا`;
				const once = redact(text);
				expect(
					once
						.replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x660))
						.replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x6f0))
						.replace(/\D/g, '')
				).not.toContain(d.slice(1));
				expect(redact(once)).toBe(once);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('redact: survey answers', () => {
	const isFree = (k: string) =>
		['suggestion', 'what_went_wrong'].includes(k) || k.endsWith('-Comment');
	it('redacts free-text answers only and says whether anything changed', () => {
		const data = {
			overall: 5,
			channel_used: 'phone',
			suggestion: 'اتصلوا على 0551234567',
			'channel_used-Comment': 'عن طريق أم فهد',
			aspects: { courtesy: 4 }
		};
		const r = redactAnswers(data, isFree, { names: [] });
		expect(r.changed).toBe(true);
		expect(r.data).toEqual({
			...data,
			suggestion: `اتصلوا على ${MOBILE}`,
			'channel_used-Comment': `عن طريق ${NAME}`
		});
		expect(redactAnswers({ overall: 5, suggestion: 'ممتاز' }, isFree).changed).toBe(false);
	});

	it('erasure drops every free-text answer and keeps the scores', () => {
		expect(
			stripFreeText(
				{ overall: 2, suggestion: 'نص', 'x-Comment': 'نص', aspects: { speed: 1 } },
				isFree
			)
		).toEqual({ overall: 2, aspects: { speed: 1 } });
	});
});
