/**
 * Privacy: the placeholders free text is redacted with (redact.ts writes them into the
 * stored display copy, in the text's own language) and the small-cell notices.
 */
export const ar = {
	'redact.name': '[اسم]',
	'redact.mobile': '[رقم جوال]',
	'redact.email': '[بريد إلكتروني]',
	'redact.nationalId': '[رقم هوية]',
	'redact.number': '[رقم]',
	'redact.handle': '[حساب]',
	'redact.erased': '[حُذف بطلب صاحبه]',
	'cells.hiddenNotice':
		'أُخفيت بعض الأرقام لأنها تقوم على أقل من {min} مستجيبين، فقد تكشف أشخاصًا بأعيانهم.',
	'cells.warnNotice':
		'بعض الأرقام المعلَّمة تقوم على أقل من {min} مستجيبين وقد تكشف أشخاصًا بأعيانهم: لا تنقلها إلى من لا يحق له الاطلاع.',
	'cells.hidden': 'مخفي (أقل من {min})',
	'cells.small': 'أقل من {min} مستجيبين',
	'cells.listHidden':
		'لا تُعرض هذه القائمة لأنها تضم أقل من {min} مستجيبين، فقد تكشف أشخاصًا بأعيانهم.',
	'cells.listWarn':
		'هذه القائمة تضم أقل من {min} مستجيبين وقد تكشف أشخاصًا بأعيانهم: تعامل معها بحذر.'
};

export const en: Record<keyof typeof ar, string> = {
	'redact.name': '[name]',
	'redact.mobile': '[mobile number]',
	'redact.email': '[email]',
	'redact.nationalId': '[ID number]',
	'redact.number': '[number]',
	'redact.handle': '[account]',
	'redact.erased': '[erased at their request]',
	'cells.hiddenNotice':
		'Some figures are hidden because they rest on fewer than {min} respondents and could identify someone.',
	'cells.warnNotice':
		'Some marked figures rest on fewer than {min} respondents and could identify someone: do not pass them on to anyone not entitled to see them.',
	'cells.hidden': 'hidden (fewer than {min})',
	'cells.small': 'fewer than {min} respondents',
	'cells.listHidden':
		'This list is not shown because it holds fewer than {min} respondents and could identify someone.',
	'cells.listWarn':
		'This list holds fewer than {min} respondents and could identify someone: handle it with care.'
};
