import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { catalogs } from '$lib/i18n/catalog';
import { xlsx } from '../fixtures';
import {
	detectAndParse,
	FILE_REASONS,
	fileFingerprint,
	parseCount,
	parseWithMapping,
	rollup,
	type ParsedRow
} from '.';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../../../tests/fixtures/social/${name}`, import.meta.url));
const csv = (text: string) => Buffer.from(text, 'utf8');
const row = (r: Partial<ParsedRow> & Pick<ParsedRow, 'platform' | 'periodStart'>): ParsedRow => ({
	periodKind: 'day',
	reach: null,
	impressions: null,
	followers: null,
	engagements: null,
	posts: null,
	...r
});

describe('X content export', () => {
	it('parses the 2024+ layout: BOM, multi-line quoted text, "1,234", Arabic-Indic digits, bad number', async () => {
		const res = await detectAndParse(fixture('x_content.csv'), 'x_content.csv');
		expect(res.format).toBe('x_content');
		expect(res.platform).toBe('x');
		expect(res.headers.slice(0, 3)).toEqual(['Post id', 'Date', 'Post text']);
		expect(res.rows).toEqual([
			row({
				platform: 'x',
				periodStart: '2025-11-01',
				impressions: 2034,
				engagements: 180,
				followers: 6,
				posts: 2
			}),
			row({
				platform: 'x',
				periodStart: '2025-11-03',
				impressions: 2500,
				engagements: 310,
				followers: 0,
				posts: 1
			}),
			row({
				platform: 'x',
				periodStart: '2025-11-05',
				impressions: 300,
				engagements: null,
				followers: null,
				posts: 1
			})
		]);
		// Row 5 = header (1) + three data records (one spans two lines) + this one.
		expect(res.errors).toEqual([
			{ row: 5, column: 'Impressions', reason: 'import.badNumber', params: { value: 'abc' } }
		]);
	});

	it('parses the older tweet activity export, converting UTC times to the Riyadh date', async () => {
		const file = csv(
			[
				'"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands","permalink clicks","app opens","app installs","follows"',
				'"1","https://twitter.com/j/status/1","a","2019-11-03 20:59 +0000","100.0","10.0","0.1","1","0","5","0","0","0","0","0","0","0","1"',
				'"2","https://twitter.com/j/status/2","b","2019-11-03 21:40 +0000","200.0","20.0","0.1","1","0","5","0","0","0","0","0","0","0","2"'
			].join('\n')
		);
		const res = await detectAndParse(file, 'tweet_activity_metrics.csv');
		expect(res.format).toBe('x_content');
		expect(res.rows).toEqual([
			row({
				platform: 'x',
				periodStart: '2019-11-03',
				impressions: 100,
				engagements: 10,
				followers: 1,
				posts: 1
			}),
			row({
				platform: 'x',
				periodStart: '2019-11-04',
				impressions: 200,
				engagements: 20,
				followers: 2,
				posts: 1
			})
		]);
	});

	it('parses the account overview (daily) layout with net follows and created posts', async () => {
		const file = csv(
			[
				'Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,Profile visits,Create Post,Video views,Media views',
				'"Sun, Nov 02, 2025",1500,20,90,1,1,7,2,3,4,5,2,100,200',
				'"Sat, Nov 01, 2025",900,10,40,0,0,1,3,1,1,1,1,50,60'
			].join('\n')
		);
		const res = await detectAndParse(file, 'account_overview_analytics.csv');
		expect(res.format).toBe('x_content');
		expect(res.rows).toEqual([
			row({
				platform: 'x',
				periodStart: '2025-11-01',
				impressions: 900,
				engagements: 40,
				followers: -2,
				posts: 1
			}),
			row({
				platform: 'x',
				periodStart: '2025-11-02',
				impressions: 1500,
				engagements: 90,
				followers: 5,
				posts: 2
			})
		]);
	});
});

describe('Meta Business Suite content export', () => {
	it('reads UTF-16LE with BOM and a sep=, line (Instagram); per-post reach is not summed', async () => {
		const buf = fixture('meta_content_utf16.csv');
		expect([buf[0], buf[1]]).toEqual([0xff, 0xfe]);
		const res = await detectAndParse(buf, 'meta_content_utf16.csv');
		expect(res.format).toBe('meta_content');
		expect(res.platform).toBe('instagram');
		expect(res.headers[0]).toBe('Post ID');
		expect(res.rows).toEqual([
			row({
				platform: 'instagram',
				periodStart: '2025-11-03',
				impressions: 17120,
				engagements: 1462,
				followers: 15,
				posts: 2
			}),
			row({
				platform: 'instagram',
				periodStart: '2025-11-13',
				impressions: 900,
				engagements: 56,
				followers: 0,
				posts: 1
			})
		]);
		// Header is row 1 (Excel hides the sep= line); the 4th post is row 5.
		expect(res.errors).toEqual([
			{ row: 5, column: 'Likes', reason: 'import.badNumber', params: { value: 'x' } }
		]);
	});

	it('reads the XLSX export (Facebook): date cells, formula and rich-text cells, a bad date', async () => {
		const res = await detectAndParse(fixture('meta_content.xlsx'), 'meta_content.xlsx');
		expect(res.format).toBe('meta_content');
		expect(res.platform).toBe('facebook');
		expect(res.rows).toEqual([
			row({
				platform: 'facebook',
				periodStart: '2025-10-05',
				impressions: 3500,
				engagements: 118,
				posts: 2
			}),
			row({
				platform: 'facebook',
				periodStart: '2025-10-28',
				impressions: 320,
				engagements: 12,
				posts: 1
			})
		]);
		expect(res.errors).toEqual([
			{ row: 6, column: 'Publish time', reason: 'import.badDate', params: { value: 'not a date' } }
		]);
		expect(res.preview[0][2]).toBe('جمعية الخير');
	});

	it('reads a tab-separated UTF-16LE file without sep= line, and day-first dates when the file proves it', async () => {
		const text = [
			'Post ID\tAccount ID\tAccount username\tPublish time\tDate\tViews\tReach\tLikes\tShares\tFollows\tComments\tSaves',
			'1\t9\tj\t25/11/2025 10:00\tLifetime\t10\t9\t1\t0\t0\t0\t0',
			'2\t9\tj\t03/11/2025 10:00\tLifetime\t20\t9\t1\t0\t0\t0\t0'
		].join('\n');
		const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		const res = await detectAndParse(buf, 'x.csv');
		expect(res.format).toBe('meta_content');
		expect(res.rows.map((r) => [r.periodStart, r.impressions])).toEqual([
			['2025-11-03', 20],
			['2025-11-25', 10]
		]);
	});

	it('needs a platform when the headers do not say which Meta app it is', async () => {
		const text = 'Post ID,Publish time,Date,Views,Comments\n1,11/03/2025 10:00,Lifetime,10,1\n';
		const none = await detectAndParse(csv(text), 'a.csv');
		expect(none.errors).toEqual([{ row: 0, column: '', reason: 'import.platformUnknown' }]);
		expect(none.rows).toEqual([]);
		const hinted = await detectAndParse(csv(text), 'a.csv', { platformHint: 'facebook' });
		expect(hinted.platform).toBe('facebook');
		expect(hinted.rows).toEqual([
			row({
				platform: 'facebook',
				periodStart: '2025-11-03',
				impressions: 10,
				engagements: 1,
				posts: 1
			})
		]);
	});
});

describe('TikTok Studio', () => {
	const now = new Date('2026-01-15T09:00:00Z');

	it('overview: year-less dates crossing the new year, separators, Arabic digits, 1.2K, a bad cell', async () => {
		const res = await detectAndParse(fixture('tiktok_overview.csv'), 'Overview.csv', { now });
		expect(res.format).toBe('tiktok_overview');
		expect(res.platform).toBe('tiktok');
		expect(res.rows).toEqual([
			row({ platform: 'tiktok', periodStart: '2025-12-29', impressions: 12345, engagements: 1069 }),
			row({ platform: 'tiktok', periodStart: '2025-12-30', impressions: 8900, engagements: 728 }),
			row({ platform: 'tiktok', periodStart: '2025-12-31', impressions: 15002, engagements: 1571 }),
			row({ platform: 'tiktok', periodStart: '2026-01-01', impressions: 3456, engagements: 206 }),
			row({ platform: 'tiktok', periodStart: '2026-01-02', impressions: 1200, engagements: 106 })
		]);
		expect(res.errors).toEqual([
			{ row: 7, column: 'Video Views', reason: 'import.badNumber', params: { value: '12x' } }
		]);
		expect(res.warnings).toContainEqual({
			reason: 'import.yearInferred',
			params: { years: '2025,2026' }
		});
	});

	it('never puts inferred dates in the future', async () => {
		// On 1 January 2026 (Riyadh) a file ending on "January 2" must be from 2025.
		const res = await detectAndParse(fixture('tiktok_overview.csv'), 'Overview.csv', {
			now: new Date('2025-12-31T21:30:00Z') // = 2026-01-01 00:30 Riyadh
		});
		expect(res.rows.map((r) => r.periodStart)).toEqual([
			'2024-12-29',
			'2024-12-30',
			'2024-12-31',
			'2025-01-01',
			'2025-01-02'
		]);
		const res2 = await detectAndParse(fixture('tiktok_overview.csv'), 'Overview.csv', {
			now: new Date('2026-01-01T21:30:00Z') // = 2026-01-02 Riyadh
		});
		expect(res2.rows.at(-1)?.periodStart).toBe('2026-01-02');
	});

	it('opts.year is the year of the most recent date in the file', async () => {
		const res = await detectAndParse(fixture('tiktok_overview.csv'), 'Overview.csv', {
			year: 2027,
			now
		});
		expect(res.rows[0].periodStart).toBe('2026-12-29');
		expect(res.rows.at(-1)?.periodStart).toBe('2027-01-02');
	});

	it('accepts "3 November" and newest-first order', async () => {
		const file = csv(
			'Date,Video Views,Profile Views,Likes,Comments,Shares\n2 January,10,0,1,0,0\n31 December,20,0,1,0,0\n'
		);
		const res = await detectAndParse(file, 'o.csv', { now });
		expect(res.rows.map((r) => [r.periodStart, r.impressions])).toEqual([
			['2025-12-31', 20],
			['2026-01-02', 10]
		]);
	});

	it('viewers → reach (account-level, one row per day)', async () => {
		const res = await detectAndParse(fixture('tiktok_viewers.csv'), 'Viewers.csv', { now });
		expect(res.format).toBe('tiktok_viewers');
		expect(res.rows).toEqual([
			row({ platform: 'tiktok', periodStart: '2025-11-01', reach: 4210 }),
			row({ platform: 'tiktok', periodStart: '2025-11-02', reach: 3980 }),
			row({ platform: 'tiktok', periodStart: '2025-11-03', reach: 5012 })
		]);
	});

	it('a repeated day in a viewers file: reach is not added up', async () => {
		const file = csv(
			'Date,Total Viewers,New Viewers,Returning Viewers\nNovember 1,100,90,10\nNovember 1,100,90,10\n'
		);
		const res = await detectAndParse(file, 'v.csv', { now });
		expect(res.rows).toEqual([row({ platform: 'tiktok', periodStart: '2025-11-01', reach: null })]);
		expect(res.warnings).toContainEqual({
			reason: 'import.reachNotSummable',
			params: { period: '2025-11-01' }
		});
		expect(res.warnings).toContainEqual({
			reason: 'import.duplicatePeriod',
			params: { period: '2025-11-01', rows: 2 }
		});
	});
});

describe('YouTube Studio table export', () => {
	it('skips the Total row, keeps negative net subscribers', async () => {
		const res = await detectAndParse(fixture('youtube_table.csv'), 'Table data.csv');
		expect(res.format).toBe('youtube_table');
		expect(res.platform).toBe('youtube');
		expect(res.errors).toEqual([]);
		expect(res.rows).toEqual([
			row({ platform: 'youtube', periodStart: '2025-11-01', impressions: 22000, followers: 5 }),
			row({ platform: 'youtube', periodStart: '2025-11-02', impressions: 19000, followers: -2 }),
			row({ platform: 'youtube', periodStart: '2025-11-03', impressions: 20000, followers: 4 })
		]);
	});

	it('uses Views, gained − lost and Unique viewers when those are the columns', async () => {
		const file = csv(
			'Date,Views,Watch time (hours),Subscribers gained,Subscribers lost,Unique viewers,Likes,Comments added,Shares\nTotal,5,1,3,1,4,1,1,1\n"Nov 3, 2025",5,1,3,1,4,2,1,1\n'
		);
		const res = await detectAndParse(file, 't.csv');
		expect(res.rows).toEqual([
			row({
				platform: 'youtube',
				periodStart: '2025-11-03',
				impressions: 5,
				followers: 2,
				reach: 4,
				engagements: 4
			})
		]);
	});
});

describe('unknown files and parseWithMapping', () => {
	it('detects unknown.csv as unknown and returns headers and a preview', async () => {
		const res = await detectAndParse(fixture('unknown.csv'), 'unknown.csv', {
			platformHint: 'snapchat'
		});
		expect(res.format).toBe('unknown');
		expect(res.platform).toBe('snapchat');
		expect(res.rows).toEqual([]);
		expect(res.headers).toEqual([
			'الشهر',
			'المنصة',
			'الوصول',
			'مرات الظهور',
			'المتابعون الجدد',
			'التفاعل'
		]);
		expect(res.preview).toHaveLength(3);
		expect(res.preview[0][0]).toBe('2025-09');
	});

	it('maps a monthly report (semicolons, Arabic month names, dot/Arabic/space thousands)', async () => {
		const res = await parseWithMapping(fixture('unknown.csv'), 'unknown.csv', {
			platform: 'snapchat',
			periodKind: 'month',
			date: 'الشهر',
			reach: ' الوصول ',
			impressions: 'مرات الظهور',
			followers: 'المتابعون الجدد',
			engagements: 'التفاعل'
		});
		expect(res.rows).toEqual([
			row({
				platform: 'snapchat',
				periodKind: 'month',
				periodStart: '2025-09-01',
				reach: 12000,
				impressions: 45000,
				followers: 120,
				engagements: 900
			}),
			row({
				platform: 'snapchat',
				periodKind: 'month',
				periodStart: '2025-10-01',
				reach: 15000,
				impressions: 50000,
				followers: -5,
				engagements: 1000
			})
		]);
		expect(res.errors).toEqual([
			{ row: 4, column: 'التفاعل', reason: 'import.badNumber', params: { value: '؟' } }
		]);
	});

	it('daily rows mapped to months: additive metrics summed, reach dropped with a warning', async () => {
		const file = csv(
			'day,reach,views,likes,comments\n01/10/2025,100,1000,5,1\n15/10/2025,200,2000,6,2\n01/11/2025,300,3000,7,3\n'
		);
		const res = await parseWithMapping(file, 'd.csv', {
			platform: 'linkedin',
			periodKind: 'month',
			date: 'Day',
			reach: 'reach',
			impressions: 'views',
			engagements: ['likes', 'comments'],
			countRowsAsPosts: true
		});
		expect(res.rows).toEqual([
			row({
				platform: 'linkedin',
				periodKind: 'month',
				periodStart: '2025-10-01',
				reach: null,
				impressions: 3000,
				engagements: 14,
				posts: 2
			}),
			row({
				platform: 'linkedin',
				periodKind: 'month',
				periodStart: '2025-11-01',
				reach: 300,
				impressions: 3000,
				engagements: 10,
				posts: 1
			})
		]);
		expect(res.warnings).toContainEqual({
			reason: 'import.reachNotSummable',
			params: { period: '2025-10-01' }
		});
	});

	it('quarters, day-first default, a date too coarse for the period, and missing columns', async () => {
		const file = csv('date,views\n03/04/2025,10\n2025-06-30,5\nQ3 2025,7\n');
		const q = await parseWithMapping(file, 'q.csv', {
			platform: 'telegram',
			periodKind: 'quarter',
			date: 'date',
			impressions: 'views'
		});
		expect(q.rows.map((r) => [r.periodStart, r.impressions])).toEqual([
			['2025-04-01', 15],
			['2025-07-01', 7]
		]);
		const d = await parseWithMapping(file, 'q.csv', {
			platform: 'telegram',
			periodKind: 'day',
			date: 'date',
			impressions: 'views'
		});
		expect(d.rows.map((r) => r.periodStart)).toEqual(['2025-04-03', '2025-06-30']);
		expect(d.errors).toEqual([
			{ row: 4, column: 'date', reason: 'import.dateTooCoarse', params: { periodKind: 'day' } }
		]);
		const mdy = await parseWithMapping(file, 'q.csv', {
			platform: 'telegram',
			periodKind: 'day',
			date: 'date',
			impressions: 'views',
			dateOrder: 'mdy'
		});
		expect(mdy.rows[0].periodStart).toBe('2025-03-04');
		const missing = await parseWithMapping(file, 'q.csv', {
			platform: 'telegram',
			periodKind: 'day',
			date: 'date',
			reach: 'Reach'
		});
		expect(missing.rows).toEqual([]);
		expect(missing.errors).toEqual([
			{ row: 0, column: 'Reach', reason: 'import.columnNotFound', params: { column: 'Reach' } }
		]);
	});

	it('rejects an invalid mapping (zod)', async () => {
		await expect(
			parseWithMapping(csv('a,b\n1,2\n'), 'a.csv', {
				platform: 'myspace' as never,
				periodKind: 'day',
				date: 'a'
			})
		).rejects.toThrow();
	});

	it('reads an XLSX with a title row above the header, Excel serial dates and Arabic text numbers', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('تقرير');
		ws.addRow(['تقرير واتساب']);
		ws.addRow(['التاريخ', 'المشاهدات']);
		ws.addRow([45962, '١٬٢٠٠']); // serial 45962 = 2025-11-01
		ws.addRow([new Date(Date.UTC(2025, 10, 2)), 300]);
		const buf = Buffer.from(await wb.xlsx.writeBuffer());
		const res = await parseWithMapping(buf, 'r.xlsx', {
			platform: 'whatsapp_channel',
			periodKind: 'day',
			date: 'التاريخ',
			impressions: 'المشاهدات'
		});
		expect(res.rows).toEqual([
			row({ platform: 'whatsapp_channel', periodStart: '2025-11-01', impressions: 1200 }),
			row({ platform: 'whatsapp_channel', periodStart: '2025-11-02', impressions: 300 })
		]);
	});
});

describe('messy input never crashes', () => {
	it('garbage, empty files, broken xlsx, legacy xls, Windows-1256 CSV', async () => {
		expect((await detectAndParse(Buffer.alloc(0), 'a.csv')).format).toBe('unknown');
		expect(
			(await detectAndParse(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'a.xlsx')).errors[0]
				.reason
		).toBe('import.unreadableFile');
		expect(
			(await detectAndParse(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'a.xls')).errors[0].reason
		).toBe('import.unsupportedFile');
		expect((await detectAndParse(Buffer.from('a,"b\n1,2'), 'a.csv')).format).toBe('unknown');
		// "التاريخ,المشاهدات" in Windows-1256 (Arabic Excel's "CSV (Comma delimited)").
		const cp1256 = Buffer.from([
			0xc7, 0xe1, 0xca, 0xc7, 0xd1, 0xed, 0xce, 0x2c, 0x41, 0x0a, 0x31, 0x2c, 0x32, 0x0a
		]);
		expect((await detectAndParse(cp1256, 'w.csv')).headers).toEqual(['التاريخ', 'A']);
	});

	it('header matching ignores case, spaces, quotes and BOM', async () => {
		const file = csv('\uFEFF  "DATE" ; \'Total viewers\' ;New Viewers\nNovember 1;10;5\n');
		const res = await detectAndParse(file, 'v.csv', { now: new Date('2025-12-01') });
		expect(res.format).toBe('tiktok_viewers');
		expect(res.rows[0].reach).toBe(10);
	});
});

describe('hostile XLSX', () => {
	it('a small file that unpacks beyond 20 MB is refused as a whole, in words', async () => {
		const bomb = xlsx([['Date', 'Views']], { emptyRows: 3_000_000 });
		const res = await detectAndParse(bomb, 'bomb.xlsx');
		expect(res.rows).toEqual([]);
		expect(res.errors).toEqual([{ row: 0, column: '', reason: 'import.unpackedTooLarge' }]);
		expect(FILE_REASONS).toContain('import.unpackedTooLarge');
		expect(catalogs.ar['import.unpackedTooLarge']).toMatch(/20/);
		expect(catalogs.en['import.unpackedTooLarge']).toMatch(/20 MB/);
	});

	it('every refusal of a whole file has words in both languages', () => {
		for (const reason of FILE_REASONS)
			for (const l of ['ar', 'en'] as const)
				expect((catalogs[l] as Record<string, string>)[reason], `${l} ${reason}`).toBeTruthy();
	});
});

describe('parseCount', () => {
	it.each([
		['12,345', 12345],
		['12 345', 12345],
		['12\u00a0345', 12345],
		['١٢٬٣٤٥', 12345],
		['۱۲۳', 123],
		['12.345', 12345],
		['1.234.567', 1234567],
		['1.2K', 1200],
		['3M', 3000000],
		['12.5', 13],
		['0', 0],
		[7, 7],
		['', null],
		['-', null],
		['—', null],
		[null, null]
	])('%s → %s', (input, expected) => {
		expect(parseCount(input)).toEqual({ ok: true, value: expected });
	});
	it('rejects garbage and negatives (unless allowed)', () => {
		expect(parseCount('abc')).toEqual({ ok: false, reason: 'import.badNumber' });
		expect(parseCount('12,34,5')).toEqual({ ok: false, reason: 'import.badNumber' });
		expect(parseCount(Number.NaN)).toEqual({ ok: false, reason: 'import.badNumber' });
		expect(parseCount('-3')).toEqual({ ok: false, reason: 'import.negativeNumber' });
		expect(parseCount('\u22123', true)).toEqual({ ok: true, value: -3 });
	});
});

describe('fileFingerprint and rollup', () => {
	it('fingerprint is the sha256 of the bytes', () => {
		expect(fileFingerprint(Buffer.from('abc'))).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		expect(fileFingerprint(fixture('x_content.csv'))).toBe(
			fileFingerprint(fixture('x_content.csv'))
		);
		expect(fileFingerprint(fixture('x_content.csv'))).not.toBe(
			fileFingerprint(fixture('youtube_table.csv'))
		);
	});

	it('rollup sums additive metrics and keeps reach only for single-row periods', () => {
		const rows = [
			row({ platform: 'tiktok', periodStart: '2025-11-01', reach: 10, impressions: 5 }),
			row({ platform: 'tiktok', periodStart: '2025-11-02', reach: 20, impressions: 6 }),
			row({ platform: 'tiktok', periodStart: '2025-12-02', reach: 30, impressions: null }),
			row({ platform: 'x', periodStart: '2025-11-02', impressions: 1, posts: 2 })
		];
		expect(rollup(rows, 'month')).toEqual([
			row({
				platform: 'tiktok',
				periodKind: 'month',
				periodStart: '2025-11-01',
				reach: null,
				impressions: 11
			}),
			row({ platform: 'tiktok', periodKind: 'month', periodStart: '2025-12-01', reach: 30 }),
			row({
				platform: 'x',
				periodKind: 'month',
				periodStart: '2025-11-01',
				impressions: 1,
				posts: 2
			})
		]);
		expect(rollup(rows, 'quarter').map((r) => [r.platform, r.periodStart])).toEqual([
			['tiktok', '2025-10-01'],
			['x', '2025-10-01']
		]);
	});
});
