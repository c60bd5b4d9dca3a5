import { type Locale } from '$lib/i18n/locales';
/**
 * CSV/XLSX import of direct beneficiaries: read through the shared pipeline (any encoding a
 * spreadsheet saves, XLSX size and row caps), map Arabic or English headers, check each row
 * (Arabic-Indic digits understood), report errors as i18n keys with row and column, then insert
 * the valid rows in one transaction. Personal data stays in memory only.
 */
import * as beneficiaries from '../beneficiaries';
import * as segments from '../segments';
import { msg, toLatinDigits } from '../validate';
import { ImportFileError, readSpreadsheet, StagingStore, type Cell, type FileMessages } from '.';

// Below adapter-node's default BODY_SIZE_LIMIT (512 KB), so the user gets our message, not a bare 413.
export const MAX_BYTES = 500 * 1024;
export const MAX_ROWS = 5000;

export const COLUMNS = [
	'name',
	'mobile',
	'email',
	'gender',
	'ageBand',
	'city',
	'locale',
	'channel',
	'consent',
	'segment'
] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['name', 'mobile'];

const norm = (s: string) =>
	toLatinDigits(String(s ?? ''))
		.normalize('NFKC')
		.replace(/[\u064B-\u065F\u0640\u200c-\u200f\ufeff]/g, '')
		.replace(/[إأآ]/g, 'ا')
		.replace(/ة/g, 'ه')
		.replace(/ى/g, 'ي')
		.replace(/[_-]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();

const HEADERS: Record<Column, string[]> = {
	name: ['الاسم', 'اسم المستفيد', 'الاسم الكامل', 'name', 'full name'],
	mobile: [
		'الجوال',
		'رقم الجوال',
		'الهاتف',
		'رقم الهاتف',
		'الموبايل',
		'mobile',
		'phone',
		'mobile number'
	],
	email: ['البريد الالكتروني', 'البريد', 'الايميل', 'email', 'e mail'],
	gender: ['الجنس', 'النوع', 'gender', 'sex'],
	ageBand: ['الفئه العمريه', 'العمر', 'age band', 'age', 'ageband'],
	city: ['المدينه', 'city'],
	locale: ['اللغه', 'language', 'locale'],
	channel: ['قناه التواصل', 'القناه', 'channel', 'preferred channel'],
	consent: ['الموافقه', 'موافقه', 'الموافقه علي التواصل', 'consent'],
	segment: [
		'الشريحه',
		'الفئه',
		'فئه اصحاب المصلحه',
		'صفه',
		'الصفه',
		'segment',
		'stakeholder',
		'type'
	]
};
const headerIndex = new Map<string, Column>();
for (const [col, names] of Object.entries(HEADERS) as [Column, string[]][])
	for (const n of names) headerIndex.set(norm(n), col);

/** The column names as the user's file should spell them (shown in errors). */
export const COLUMN_LABELS: Record<Locale, Record<Column, string>> = {
	ar: {
		name: 'الاسم',
		mobile: 'الجوال',
		email: 'البريد الإلكتروني',
		gender: 'الجنس',
		ageBand: 'الفئة العمرية',
		city: 'المدينة',
		locale: 'اللغة',
		channel: 'قناة التواصل',
		consent: 'الموافقة',
		segment: 'الشريحة'
	},
	en: {
		name: 'name',
		mobile: 'mobile',
		email: 'email',
		gender: 'gender',
		ageBand: 'age band',
		city: 'city',
		locale: 'language',
		channel: 'channel',
		consent: 'consent',
		segment: 'segment'
	}
};

/** Segment labels a file may use: key, Arabic or English name, English plural ("donors"). */
function segmentLabels(): Map<string, string> {
	const m = new Map<string, string>();
	for (const s of segments.list()) {
		for (const l of [s.key, s.nameAr, s.nameEn, s.nameEn + 's', s.key + 's']) m.set(norm(l), s.key);
	}
	return m;
}

const VALUES = {
	gender: { male: ['ذكر', 'male', 'm', 'رجل'], female: ['انثي', 'female', 'f', 'امراه'] },
	locale: {
		ar: ['العربيه', 'عربي', 'ar', 'arabic'],
		en: ['الانجليزيه', 'انجليزي', 'en', 'english']
	},
	channel: {
		sms: ['رساله نصيه', 'sms', 'رسائل', 'نصيه', 'جوال'],
		whatsapp: ['واتساب', 'واتس', 'whatsapp'],
		email: ['بريد الكتروني', 'البريد الالكتروني', 'بريد', 'email', 'ايميل'],
		print: ['ورقي', 'مطبوع', 'ورقي مطبوع', 'print', 'paper']
	},
	consent: {
		yes: ['نعم', 'موافق', 'yes', 'y', 'true', '1', 'agree', '✓'],
		no: ['لا', 'غير موافق', 'no', 'n', 'false', '0']
	}
} as const;

function lookup<K extends string>(table: Record<K, readonly string[]>, raw: string): K | undefined {
	const v = norm(raw);
	for (const [k, names] of Object.entries(table) as [K, readonly string[]][])
		if (names.some((n) => norm(n) === v)) return k;
	return undefined;
}

function ageBandOf(raw: string): (typeof beneficiaries.AGE_BANDS)[number] | undefined {
	const v = norm(raw).replace(/\s/g, '');
	const map: Record<string, (typeof beneficiaries.AGE_BANDS)[number]> = {
		u18: 'u18',
		اقلمن18: 'u18',
		under18: 'u18',
		'<18': 'u18',
		'18 29': '18_29',
		'18-29': '18_29',
		'1829': '18_29',
		'18_29': '18_29',
		'30-44': '30_44',
		'3044': '30_44',
		'30_44': '30_44',
		'45-59': '45_59',
		'4559': '45_59',
		'45_59': '45_59',
		'60p': '60p',
		'60+': '60p',
		'60فاكثر': '60p',
		'60andover': '60p'
	};
	if (map[v]) return map[v];
	const dashed = v.replace(/[–—]/g, '-');
	if (map[dashed]) return map[dashed];
	if (/^\d{1,3}$/.test(v)) {
		const n = Number(v);
		return n < 18 ? 'u18' : n < 30 ? '18_29' : n < 45 ? '30_44' : n < 60 ? '45_59' : '60p';
	}
	return undefined;
}

export type RowError = { row: number; column: Column | null; reason: string };
export type ValidRow = { row: number; input: beneficiaries.BeneficiaryInput };
export type Preview = { total: number; valid: ValidRow[]; errors: RowError[] };

export { ImportFileError };

const FILE_MESSAGES: FileMessages = {
	tooLarge: 'import.err.fileSize',
	fileType: 'import.err.fileType',
	legacyXls: 'import.err.fileType',
	unreadable: 'import.err.unreadable',
	unpackedTooLarge: 'import.err.unpackedSize',
	tooManyRows: 'import.err.tooManyRows'
};

/** A checked table: rows of text and, for each, its row number in the file. */
export type TextTable = { rows: string[][]; rowNumbers: number[] };

/** Reads the file into rows of strings (first row = headers); at most MAX_ROWS data rows. */
export async function readTable(data: Uint8Array, fileName: string): Promise<TextTable> {
	const table = await readSpreadsheet(data, fileName, {
		maxBytes: MAX_BYTES,
		maxRows: MAX_ROWS + 1,
		extensions: ['.csv', '.txt', '.xlsx'],
		messages: FILE_MESSAGES
	});
	if (table.truncated) throw new ImportFileError('import.err.tooManyRows');
	return { rows: table.rows.map((r) => r.map(cellText)), rowNumbers: table.rowNumbers };
}

function cellText(c: Cell): string {
	if (c === null) return '';
	if (c instanceof Date) return c.toISOString().slice(0, 10);
	return String(c).trim();
}

/** Checks every row; data rows are numbered as in the spreadsheet (header = row 1). */
export function check(input: TextTable | string[][]): Preview {
	const table = Array.isArray(input) ? input : input.rows;
	const rowNumberOf = (i: number) => (Array.isArray(input) ? i + 1 : input.rowNumbers[i]);
	if (table.length < 2) throw new ImportFileError('import.err.empty');
	if (table.length - 1 > MAX_ROWS) throw new ImportFileError('import.err.tooManyRows');
	const cols = new Map<Column, number>();
	table[0].forEach((h, i) => {
		const c = headerIndex.get(norm(h));
		if (c && !cols.has(c)) cols.set(c, i);
	});
	const missing = REQUIRED.filter((c) => !cols.has(c));
	if (missing.length)
		throw new ImportFileError(msg('import.err.missingColumns', { columns: missing.join(',') }));

	const valid: ValidRow[] = [];
	const errors: RowError[] = [];
	const seenMobile = new Map<string, number>();
	const seenEmail = new Map<string, number>();
	const segmentOf = segmentLabels();
	for (let i = 1; i < table.length; i++) {
		const row = rowNumberOf(i);
		const cells = table[i];
		if (cells.every((c) => !String(c ?? '').trim())) continue;
		const get = (c: Column) => (cols.has(c) ? String(cells[cols.get(c)!] ?? '').trim() : '');
		const rowErrors: RowError[] = [];
		const err = (column: Column, reason: string) => rowErrors.push({ row, column, reason });

		const name = get('name');
		if (!name) err('name', 'import.err.required');
		else if (name.length > 200) err('name', 'import.err.tooLong');
		const mobileRaw = get('mobile');
		const mobile = mobileRaw ? beneficiaries.normaliseMobile(mobileRaw) : null;
		if (!mobileRaw) err('mobile', 'import.err.required');
		else if (!mobile) err('mobile', 'import.err.mobile');
		else if (seenMobile.has(mobile))
			err('mobile', msg('import.err.duplicateInFile', { row: seenMobile.get(mobile)! }));
		else if (beneficiaries.findByMobile(mobile)) err('mobile', 'import.err.duplicateExisting');

		const emailRaw = get('email');
		let email: string | null = null;
		if (emailRaw) {
			email = beneficiaries.normaliseEmail(toLatinDigits(emailRaw));
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
				err('email', 'import.err.email');
			else if (seenEmail.has(email))
				err('email', msg('import.err.duplicateInFile', { row: seenEmail.get(email)! }));
			else if (beneficiaries.findByEmail(email)) err('email', 'import.err.duplicateExisting');
		}
		const choice = <T>(column: Column, raw: string, value: T | undefined): T | null => {
			if (!raw) return null;
			if (value === undefined) {
				err(column, msg('import.err.choice', { value: raw.slice(0, 40) }));
				return null;
			}
			return value;
		};
		const gender = choice('gender', get('gender'), lookup(VALUES.gender, get('gender')));
		const ageBand = choice('ageBand', get('ageBand'), ageBandOf(get('ageBand')));
		const locale = choice('locale', get('locale'), lookup(VALUES.locale, get('locale')));
		const channel = choice('channel', get('channel'), lookup(VALUES.channel, get('channel')));
		const consent = choice('consent', get('consent'), lookup(VALUES.consent, get('consent')));
		const city = get('city');
		if (city.length > 100) err('city', 'import.err.tooLong');
		// One or more segments in the cell: «متبرع، متطوع», "donor; volunteer".
		const segmentKeys: string[] = [];
		for (const part of get('segment').split(/[،,;؛|/]/)) {
			if (!part.trim()) continue;
			const key = segmentOf.get(norm(part));
			if (key) segmentKeys.push(key);
			else err('segment', msg('import.err.choice', { value: part.trim().slice(0, 40) }));
		}

		if (rowErrors.length) {
			errors.push(...rowErrors);
			continue;
		}
		seenMobile.set(mobile!, row);
		if (email) seenEmail.set(email, row);
		valid.push({
			row,
			input: {
				name,
				mobile: mobile!,
				email,
				gender,
				ageBand,
				city: city || null,
				locale: locale ?? 'ar',
				preferredChannel: channel ?? (email && !mobile ? 'email' : 'sms'),
				consentContact: consent === 'yes',
				segments: segmentKeys.length ? [...new Set(segmentKeys)] : undefined
			}
		});
	}
	return { total: valid.length + new Set(errors.map((e) => e.row)).size, valid, errors };
}

// Previews wait here between "preview" and "import" (memory only, short-lived, per user).
const pending = new StagingStore<Preview>(20 * 60_000);

export function stash(userId: number, preview: Preview): string {
	return pending.put(userId, preview).id;
}

/** The preview, once: confirming consumes it. */
export function take(userId: number, id: string): Preview | undefined {
	return pending.take(id, userId) ?? undefined;
}

/** Inserts the valid rows (re-checking duplicates that appeared meanwhile) in one transaction. */
export function commit(
	actor: { id: number | null; ip?: string | null },
	preview: Preview,
	programId: number | null,
	campaignId: number | null = null
): number[] {
	const rows = preview.valid.filter(
		(v) =>
			!beneficiaries.findByMobile(v.input.mobile) &&
			!(v.input.email && beneficiaries.findByEmail(v.input.email))
	);
	return beneficiaries.createMany(
		actor,
		rows.map((r) => r.input),
		{ enrollIn: programId, campaignId }
	);
}
