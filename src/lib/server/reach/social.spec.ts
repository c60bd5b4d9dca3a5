import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { socialImport, socialReach } from '../db/schema';
import { useTestDb } from '../testing';
import { indirectReach } from '.';
import * as social from './social';
import { detectAndParse, fileFingerprint } from '../imports/social';

const ctx = useTestDb();
const fixture = (name: string) =>
	new Uint8Array(readFileSync(join(process.cwd(), 'tests/fixtures/social', name)));

async function stageFile(name: string, opts: Parameters<typeof detectAndParse>[2] = {}) {
	const buf = fixture(name);
	const res = await detectAndParse(buf, name, opts);
	return social.stage({
		userId: 1,
		fileName: name,
		fingerprint: fileFingerprint(buf),
		format: res.format,
		platform: res.platform ?? null,
		rows: res.rows,
		errors: res.errors,
		warnings: res.warnings,
		headers: res.headers,
		preview: res.preview,
		file: null
	});
}

describe('platforms', () => {
	it('seeds the nine default platforms once, and the list is editable', () => {
		social.ensurePlatforms();
		social.ensurePlatforms();
		expect(social.listPlatforms().map((p) => p.key)).toEqual([
			'x',
			'instagram',
			'snapchat',
			'tiktok',
			'youtube',
			'facebook',
			'linkedin',
			'telegram',
			'whatsapp_channel'
		]);
		social.savePlatform(
			{ id: null },
			{ key: 'threads', nameAr: 'ثريدز', nameEn: 'Threads', sort: 95, active: true }
		);
		social.savePlatform(
			{ id: null },
			{ key: 'linkedin', nameAr: 'لينكدإن', nameEn: 'LinkedIn', sort: 70, active: false }
		);
		expect(social.listPlatforms({ activeOnly: true }).map((p) => p.key)).toContain('threads');
		expect(social.listPlatforms({ activeOnly: true }).map((p) => p.key)).not.toContain('linkedin');
	});
});

describe('import wiring', () => {
	it('stages a platform export, commits it once, and refuses the same file again', async () => {
		const s = await stageFile('x_content.csv');
		expect(s.format).toBe('x_content');
		expect(s.rows.length).toBeGreaterThan(0);
		expect(social.staged(s.id, 2)).toBeNull(); // another user's stage is invisible
		const out = social.commitImport({ id: null }, social.staged(s.id, 1)!);
		expect(out).toMatchObject({ ok: true, rows: s.rows.length });
		expect(social.staged(s.id, 1)).toBeNull(); // consumed
		const saved = ctx.db
			.select()
			.from(socialReach)
			.all()
			.filter((r) => r.platform === 'x');
		expect(saved).toHaveLength(s.rows.length);
		const again = await stageFile('x_content.csv');
		expect(social.commitImport({ id: null }, again)).toEqual({
			ok: false,
			reason: 'import.alreadyImported'
		});
		expect(ctx.db.select().from(socialImport).all()).toHaveLength(1);
	});

	it('a different file covering the same periods replaces figures instead of adding them', async () => {
		const s = await stageFile('tiktok_viewers.csv', { year: 2025 });
		expect(social.commitImport({ id: null }, s).ok).toBe(true);
		const before = ctx.db
			.select()
			.from(socialReach)
			.all()
			.filter((r) => r.platform === 'tiktok');
		const tweaked = {
			...s,
			id: social.stage({ ...s, fingerprint: 'other-file' }).id,
			fingerprint: 'other-file'
		};
		expect(social.commitImport({ id: null }, tweaked).ok).toBe(true);
		const after = ctx.db
			.select()
			.from(socialReach)
			.all()
			.filter((r) => r.platform === 'tiktok');
		expect(after).toHaveLength(before.length);
		const from = before.map((r) => r.periodStart).sort()[0];
		const total = indirectReach({ from, to: '2100-01-01' });
		expect(total.platforms.find((p) => p.platform === 'tiktok')!.reach).toBe(
			before.reduce((a, r) => a + (r.reach ?? 0), 0)
		);
	});

	it('manual entries upsert by (platform, kind, start)', () => {
		const f = {
			platform: 'snapchat',
			periodKind: 'month' as const,
			periodStart: social.periodStartOf('2026-07-19', 'month'),
			reach: 100,
			impressions: 300,
			followers: 2,
			engagements: 9,
			posts: 3
		};
		expect(f.periodStart).toBe('2026-07-01');
		expect(social.periodStartOf('2026-08-19', 'quarter')).toBe('2026-07-01');
		social.saveEntry({ id: null }, f);
		social.saveEntry({ id: null }, { ...f, reach: 120 });
		const rows = ctx.db
			.select()
			.from(socialReach)
			.all()
			.filter((r) => r.platform === 'snapchat');
		expect(rows).toHaveLength(1);
		expect(rows[0].reach).toBe(120);
		social.deleteEntry({ id: null }, rows[0].id);
		expect(social.figuresFor('snapchat', 'month', '2026-07-01')).toBeNull();
	});
});
