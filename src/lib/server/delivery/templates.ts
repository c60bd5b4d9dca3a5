import { type Locale } from '$lib/i18n/locales';
/**
 * Message texts. Defaults here; the association edits them (message_template rows). Placeholders:
 * {name} {program} {link} {association} {unsubscribe}; requester notices (request*):
 * {name} {code} {due} {link} (the status page) {association} {reason} {body} {contact}.
 */
import { and, eq } from 'drizzle-orm';
import { getDb } from '../db';
import { messageTemplate } from '../db/schema';

export type TemplateKey = 'invitation' | 'reminder' | NoticeKey;
export const NOTICE_KEYS = [
	'requestAck',
	'requestAccepted',
	'requestRejected',
	'requestReferred'
] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];
export type TemplatePart = 'emailSubject' | 'emailBody' | 'sms' | 'whatsapp';
export type Vars = {
	name: string;
	program: string;
	link: string;
	association: string;
	unsubscribe: string;
};
export type NoticeVars = {
	name: string;
	code: string;
	due: string;
	link: string;
	association: string;
	reason: string;
	body: string;
	contact: string;
};

export const DEFAULTS: Record<TemplateKey, Record<TemplatePart, { ar: string; en: string }>> = {
	invitation: {
		emailSubject: { ar: 'رأيك يهمنا: {program}', en: 'Your opinion matters: {program}' },
		emailBody: {
			ar: 'السلام عليكم {name}،\n\nشكرًا لمشاركتك في «{program}». نرجو أن تخبرنا برأيك في دقيقتين، فرأيك يساعدنا على تحسين خدماتنا:\n{link}\n\nمع خالص التقدير،\n{association}',
			en: 'Dear {name},\n\nThank you for taking part in “{program}”. Please tell us what you think — it takes two minutes and helps us improve:\n{link}\n\nWith thanks,\n{association}'
		},
		sms: {
			ar: '{association}: شكرًا لمشاركتك في {program}. رأيك يهمنا: {link} لإيقاف الرسائل: {unsubscribe}',
			en: '{association}: thank you for joining {program}. Tell us what you think: {link} Stop messages: {unsubscribe}'
		},
		whatsapp: {
			ar: 'السلام عليكم {name}، شكرًا لمشاركتك في «{program}». نسعد برأيك عبر هذا الرابط: {link}\n{association}',
			en: 'Hello {name}, thank you for taking part in “{program}”. We would love your opinion: {link}\n{association}'
		}
	},
	reminder: {
		emailSubject: { ar: 'تذكير: رأيك في {program}', en: 'Reminder: your opinion on {program}' },
		emailBody: {
			ar: 'السلام عليكم {name}،\n\nنذكّرك بلطف بأن رأيك في «{program}» يهمنا. الاستبانة قصيرة:\n{link}\n\nمع خالص التقدير،\n{association}',
			en: 'Dear {name},\n\nA gentle reminder that your opinion on “{program}” matters to us. The survey is short:\n{link}\n\nWith thanks,\n{association}'
		},
		sms: {
			ar: '{association}: تذكير لطيف، رأيك في {program} يهمنا: {link} لإيقاف الرسائل: {unsubscribe}',
			en: '{association}: a gentle reminder, your opinion on {program} matters: {link} Stop: {unsubscribe}'
		},
		whatsapp: {
			ar: 'السلام عليكم {name}، تذكير لطيف: رأيك في «{program}» يهمنا: {link}\n{association}',
			en: 'Hello {name}, a gentle reminder: your opinion on “{program}” matters to us: {link}\n{association}'
		}
	},
	requestAck: {
		emailSubject: { ar: 'استلمنا طلبك {code}', en: 'We received your request {code}' },
		emailBody: {
			ar: 'السلام عليكم {name}،\n\nاستلمنا طلبك، ورقم متابعته {code}. نرد عليك قبل {due}.\nتابع حالته من هنا: {link}\n\nمع خالص التقدير،\n{association}',
			en: 'Dear {name},\n\nWe received your request; its tracking code is {code}. We will answer by {due}.\nFollow it here: {link}\n\nWith thanks,\n{association}'
		},
		sms: {
			ar: '{association}: استلمنا طلبك، رقم المتابعة {code}، الرد قبل {due}. تابعه: {link}',
			en: '{association}: we received your request, tracking code {code}, answer by {due}. Follow it: {link}'
		},
		whatsapp: {
			ar: 'السلام عليكم {name}، استلمنا طلبك ورقم متابعته {code}. نرد عليك قبل {due}. تابعه: {link}\n{association}',
			en: 'Hello {name}, we received your request, tracking code {code}. We will answer by {due}. Follow it: {link}\n{association}'
		}
	},
	requestAccepted: {
		emailSubject: { ar: 'قُبل طلبك {code}', en: 'Your request {code} was accepted' },
		emailBody: {
			ar: 'السلام عليكم {name}،\n\nيسعدنا إبلاغك بقبول طلبك {code}. التفاصيل: {link}\n\nمع خالص التقدير،\n{association}',
			en: 'Dear {name},\n\nWe are glad to tell you that your request {code} was accepted. Details: {link}\n\nWith thanks,\n{association}'
		},
		sms: {
			ar: '{association}: قُبل طلبك {code}. التفاصيل: {link}',
			en: '{association}: your request {code} was accepted. Details: {link}'
		},
		whatsapp: {
			ar: 'السلام عليكم {name}، قُبل طلبك {code}. التفاصيل: {link}\n{association}',
			en: 'Hello {name}, your request {code} was accepted. Details: {link}\n{association}'
		}
	},
	requestRejected: {
		emailSubject: { ar: 'نتيجة طلبك {code}', en: 'The outcome of your request {code}' },
		emailBody: {
			ar: 'السلام عليكم {name}،\n\nنأسف لإبلاغك بأن طلبك {code} لم يُقبل، والسبب: {reason}\nالتفاصيل: {link}\n\nمع خالص التقدير،\n{association}',
			en: 'Dear {name},\n\nWe are sorry to tell you that your request {code} was not accepted. The reason: {reason}\nDetails: {link}\n\nWith thanks,\n{association}'
		},
		sms: {
			ar: '{association}: لم يُقبل طلبك {code}. السبب: {reason}. التفاصيل: {link}',
			en: '{association}: your request {code} was not accepted. Reason: {reason}. Details: {link}'
		},
		whatsapp: {
			ar: 'السلام عليكم {name}، لم يُقبل طلبك {code}. السبب: {reason}. التفاصيل: {link}\n{association}',
			en: 'Hello {name}, your request {code} was not accepted. Reason: {reason}. Details: {link}\n{association}'
		}
	},
	requestReferred: {
		emailSubject: {
			ar: 'أحلنا طلبك {code} إلى {body}',
			en: 'Your request {code} was referred to {body}'
		},
		emailBody: {
			ar: 'السلام عليكم {name}،\n\nطلبك {code} من اختصاص {body}، وقد أحلناه إليها. للتواصل معها: {contact}\nالتفاصيل: {link}\n\nمع خالص التقدير،\n{association}',
			en: 'Dear {name},\n\nYour request {code} is a matter for {body}, and we referred it to them. To reach them: {contact}\nDetails: {link}\n\nWith thanks,\n{association}'
		},
		sms: {
			ar: '{association}: أحلنا طلبك {code} إلى {body}. للتواصل: {contact}. التفاصيل: {link}',
			en: '{association}: your request {code} was referred to {body}. Contact: {contact}. Details: {link}'
		},
		whatsapp: {
			ar: 'السلام عليكم {name}، أحلنا طلبك {code} إلى {body}. للتواصل معها: {contact}. التفاصيل: {link}\n{association}',
			en: 'Hello {name}, your request {code} was referred to {body}. To reach them: {contact}. Details: {link}\n{association}'
		}
	}
};

export function getTemplate(key: TemplateKey, part: TemplatePart, locale: Locale): string {
	const row = getDb()
		.select({ body: messageTemplate.body })
		.from(messageTemplate)
		.where(
			and(
				eq(messageTemplate.key, key),
				eq(messageTemplate.part, part),
				eq(messageTemplate.locale, locale)
			)
		)
		.get();
	return row?.body ?? DEFAULTS[key][part][locale];
}

export function setTemplate(key: TemplateKey, part: TemplatePart, locale: Locale, body: string) {
	getDb()
		.insert(messageTemplate)
		.values({ key, part, locale, body })
		.onConflictDoUpdate({
			target: [messageTemplate.key, messageTemplate.part, messageTemplate.locale],
			set: { body, updatedAt: new Date() }
		})
		.run();
}

export function fill(template: string, vars: Vars): string {
	return template.replace(
		/\{(name|program|link|association|unsubscribe)\}/g,
		(_, k: keyof Vars) => vars[k]
	);
}

/** Fills a requester notice's placeholders. */
export function fillNotice(template: string, vars: NoticeVars): string {
	return template.replace(
		/\{(name|code|due|link|association|reason|body|contact)\}/g,
		(_, k: keyof NoticeVars) => vars[k]
	);
}

const esc = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** RTL-aware HTML email with the link as a button and a plain unsubscribe link. */
export function emailHtml(body: string, vars: Vars, locale: Locale): string {
	const dir = locale === 'ar' ? 'rtl' : 'ltr';
	const paragraphs = esc(fill(body, { ...vars, link: '\u0000LINK\u0000' }))
		.split(/\n{2,}/)
		.map((p) => `<p style="margin:0 0 16px">${p.replace(/\n/g, '<br>')}</p>`)
		.join('')
		.replace(
			'\u0000LINK\u0000',
			`</p><p style="margin:8px 0 20px"><a href="${esc(vars.link)}" style="display:inline-block;background:#0f766e;color:#ffffff;padding:12px 22px;border-radius:8px;text-decoration:none;font-weight:bold">${locale === 'ar' ? 'ابدأ الاستبانة' : 'Start the survey'}</a></p><p style="margin:0 0 16px">`
		);
	const stop =
		locale === 'ar'
			? 'لا ترغب في رسائلنا؟ إيقاف الرسائل'
			: 'Prefer not to hear from us? Unsubscribe';
	return `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head><body style="margin:0;background:#f6f7f9"><div dir="${dir}" style="max-width:560px;margin:0 auto;padding:24px;font-family:Tahoma,'Segoe UI',Arial,sans-serif;font-size:16px;line-height:1.7;color:#17202a;text-align:${dir === 'rtl' ? 'right' : 'left'};background:#ffffff">${paragraphs}<p style="margin:24px 0 0;font-size:13px;color:#55606e"><a href="${esc(vars.unsubscribe)}" style="color:#55606e">${stop}</a></p></div></body></html>`;
}
