import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import * as beneficiaries from '../beneficiaries';
import * as invitations from './index';
import * as programs from '../programs';
import { surveysDir } from '../paths';
import { syncDefinitions, definitionOf, fileProblems } from '../surveys/versions';
import { submitPage } from '../surveys';

const ctx = useTestDb();

const prog = (over: Partial<programs.ProgramInput> = {}): programs.ProgramInput => ({
	nameAr: 'برنامج',
	nameEn: 'Program',
	description: '',
	kind: 'program',
	startDate: '2026-01-01',
	endDate: '2026-02-01',
	surveyId: 'post-program',
	responsibleUserId: null,
	...over
});

function form(entries: Record<string, string>) {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return f;
}

describe('survey versions', () => {
	it('loads the shipped definitions once per content hash', () => {
		const first = syncDefinitions();
		expect(first.map((v) => v.surveyId).sort()).toEqual([
			'post-program',
			'service-request',
			'stakeholders'
		]);
		const again = syncDefinitions();
		expect(again.every((v) => !v.inserted)).toBe(true);
		expect(again.map((v) => v.versionId)).toEqual(first.map((v) => v.versionId));
	});

	it('skips a bad definition, naming the file and the question, and loads the others', () => {
		const dir = mkdtempSync(join(tmpdir(), 'rida-surveys-'));
		copyFileSync(join(surveysDir, 'post-program.json'), join(dir, 'post-program.json'));
		writeFileSync(
			join(dir, 'broken.json'),
			JSON.stringify({
				id: 'broken',
				name: 'x',
				indicators: { csat: 'missing_q' },
				survey: { pages: [{ name: 'p', elements: [{ type: 'rating', name: 'q' }] }] }
			})
		);
		const loaded = syncDefinitions(dir);
		expect(loaded.map((l) => l.surveyId)).toEqual(['post-program']);
		expect(fileProblems()).toEqual([
			expect.objectContaining({
				file: 'broken.json',
				code: 'mapMissing',
				params: expect.objectContaining({ question: 'missing_q', indicator: 'csat' })
			})
		]);
		writeFileSync(join(dir, 'broken.json'), '{ not json');
		expect(syncDefinitions(dir)).toHaveLength(1);
		expect(fileProblems()[0]).toMatchObject({ file: 'broken.json', code: 'json' });
		syncDefinitions(); // back to the real ones
		expect(fileProblems()).toEqual([]);
	});
});

describe('invitations', () => {
	it('ending a program invites consenting enrolled beneficiaries once (idempotent)', () => {
		syncDefinitions();
		const pid = programs.create({ id: null }, prog());
		const a = beneficiaries.create(
			{ id: null },
			{ name: 'أ', mobile: '0551000001', consentContact: true }
		);
		const b = beneficiaries.create(
			{ id: null },
			{ name: 'ب', mobile: '0551000002', consentContact: true }
		);
		const noConsent = beneficiaries.create(
			{ id: null },
			{ name: 'ج', mobile: '0551000003', consentContact: false }
		);
		programs.enroll({ id: null }, pid, [a, b, noConsent]);
		const created = programs.end({ id: null }, pid);
		expect(created.map((c) => c.beneficiaryId).sort()).toEqual([a, b].sort());
		for (const c of created) expect(c.token.length).toBeGreaterThanOrEqual(32); // 192 bits base64url
		// Only hashes stored.
		const raw = JSON.stringify(ctx.db.$client.prepare('select * from invitation').all());
		for (const c of created) expect(raw).not.toContain(c.token);
		expect(programs.end({ id: null }, pid)).toEqual([]);
		expect(invitations.createForProgram(pid)).toEqual([]);
		// A late enrollment in an ended program is invited at once, and only them.
		const d = beneficiaries.create(
			{ id: null },
			{ name: 'د', mobile: '0551000004', consentContact: true }
		);
		const late = programs.enroll({ id: null }, pid, [a, d]);
		expect(late.invited.map((i) => i.beneficiaryId)).toEqual([d]);
		const p = programs.get(pid)!;
		expect(p).toMatchObject({ status: 'ended', enrolled: 4, invited: 3, completed: 0 });
		const inv = invitations.findByToken(created[0].token);
		expect(inv.status).toBe('ok');
		if (inv.status === 'ok')
			expect(inv.invitation.expiresAt.getTime() - inv.invitation.createdAt.getTime()).toBe(
				30 * 86_400_000
			);
	});

	it('validates submissions, stores scores, refuses a second submission', () => {
		const pid = programs.create({ id: null }, prog({ nameAr: 'ثان' }));
		const a = beneficiaries.create(
			{ id: null },
			{ name: 'هـ', mobile: '0551000010', consentContact: true, gender: 'female', city: 'الرياض' }
		);
		programs.enroll({ id: null }, pid, [a]);
		const [{ token }] = programs.end({ id: null }, pid);
		const found = invitations.findByToken(token);
		if (found.status !== 'ok') throw new Error('no invitation');
		const def = definitionOf(found.invitation.surveyVersionId)!;
		// Out of range on a 1–5 scale is refused.
		const bad = submitPage(def, {
			locale: 'ar',
			data: {},
			pageIndex: 0,
			form: form({ overall: '9', recommend: '10', nav: 'next' })
		});
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(Object.keys(bad.errors)).toContain('overall');
		// Fill every page with valid answers.
		let data: Record<string, unknown> = {};
		let pageIndex = 0;
		const answers: Record<string, string> = {
			overall: '5',
			recommend: '9',
			'aspects.courtesy': '5',
			'aspects.clarity': '4',
			'aspects.speed': '3',
			'aspects.competence': '4',
			'aspects.channel_convenience': '5',
			channel_used: 'phone',
			answered_in_time: 'yes',
			suggestion: 'شكرًا'
		};
		for (let i = 0; i < 10; i++) {
			const r = submitPage(def, {
				locale: 'ar',
				data,
				pageIndex,
				form: form({ ...answers, nav: 'next' })
			});
			if (!r.ok) throw new Error(JSON.stringify(r.errors));
			data = r.data;
			if (r.done) break;
			pageIndex = r.nextPageIndex;
		}
		const rid = invitations.complete(found.invitation, data);
		const row = ctx.db.$client.prepare('select * from response where id = ?').get(rid) as Record<
			string,
			unknown
		>;
		expect(row).toMatchObject({ csat: 5, nps: 9, gender: 'female', anonymous: 0 });
		const aspects = ctx.db.$client
			.prepare('select aspect, score from response_aspect where response_id = ?')
			.all(rid);
		expect(aspects.length).toBeGreaterThanOrEqual(5);
		expect(() => invitations.complete(found.invitation, { overall: 1 })).toThrow(
			invitations.AlreadyCompletedError
		);
		expect(
			(
				ctx.db.$client.prepare('select csat from response where id = ?').get(rid) as {
					csat: number;
				}
			).csat
		).toBe(5);
		// The used-link (and thank-you) page speaks the invitation's language, not the browser's.
		expect(invitations.findByToken(token)).toEqual({ status: 'used', locale: 'ar' });
		expect(programs.get(pid)).toMatchObject({ completed: 1, csat: 1, responseRate: 1 });
	});

	it('regenerating a link invalidates the old one; unknown and expired tokens are told apart', () => {
		const pid = programs.create({ id: null }, prog({ nameAr: 'ثالث' }));
		const a = beneficiaries.create(
			{ id: null },
			{ name: 'و', mobile: '0551000020', consentContact: true }
		);
		programs.enroll({ id: null }, pid, [a]);
		const [{ token, invitationId }] = programs.end({ id: null }, pid);
		const fresh = invitations.regenerate({ id: null }, invitationId)!;
		expect(invitations.findByToken(token).status).toBe('unknown');
		expect(invitations.findByToken(fresh).status).toBe('ok');
		expect(invitations.findByToken(fresh, new Date(Date.now() + 31 * 86_400_000))).toEqual({
			status: 'expired',
			locale: 'ar'
		});
		expect(invitations.findByToken('x').status).toBe('unknown');
	});

	it('the daily job starts and ends programs by date', () => {
		const now = new Date('2026-06-10T08:00:00Z');
		const running = programs.create(
			{ id: null },
			prog({ startDate: '2026-06-01', endDate: '2026-06-30' }),
			new Date('2026-05-01T00:00:00Z')
		);
		const over = programs.create(
			{ id: null },
			prog({ startDate: '2026-05-01', endDate: '2026-06-09' }),
			new Date('2026-04-01T00:00:00Z')
		);
		expect(programs.get(running)!.status).toBe('planned');
		programs.runDaily(now);
		expect(programs.get(running)!.status).toBe('running');
		expect(programs.get(over)!.status).toBe('ended');
	});
});

describe('responses export', async () => {
	const responses = await import('../responses');
	it('escapes formula-like cells and starts the CSV with a BOM', () => {
		expect(responses.safeCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
		expect(responses.safeCell('+966')).toBe("'+966");
		expect(responses.safeCell('-1')).toBe("'-1");
		expect(responses.safeCell('@x')).toBe("'@x");
		expect(responses.safeCell(5)).toBe(5);
		expect(responses.safeCell('شكرًا')).toBe('شكرًا');
		const pid = programs.create({ id: null }, prog({ nameAr: 'تصدير' }));
		const b = beneficiaries.create(
			{ id: null },
			{ name: 'ز', mobile: '0551000030', consentContact: true }
		);
		programs.enroll({ id: null }, pid, [b]);
		const [{ token }] = programs.end({ id: null }, pid);
		const f = invitations.findByToken(token);
		if (f.status !== 'ok') throw new Error('no invitation');
		invitations.complete(f.invitation, { overall: 4, recommend: 10, suggestion: '=cmd|calc' });
		const h = {
			date: 'التاريخ',
			respondent: 'المستجيب',
			csat: 'الرضا',
			nps: 'nps',
			channel: 'c',
			withinTwoWeeks: 'w',
			comment: 'تعليق',
			anonymous: 'a',
			yes: 'y',
			no: 'n'
		};
		const csv = responses.toCsv(pid, false, h);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv).toContain("'=cmd|calc");
		expect(csv).toContain('التاريخ');
		expect(csv).not.toContain('"ز"'); // no name without beneficiaries.read (and not identified)
		expect(responses.toCsv(pid, true, h)).toContain('"ز"');
	});
});

describe('versions and walk-in limits', () => {
	it('an edited definition becomes a new version; old invitations keep theirs', async () => {
		const { readFileSync } = await import('node:fs');
		syncDefinitions();
		const pid = programs.create({ id: null }, prog({ nameAr: 'نسخة' }));
		const a = beneficiaries.create(
			{ id: null },
			{ name: 'ح', mobile: '0551000040', consentContact: true }
		);
		programs.enroll({ id: null }, pid, [a]);
		const [{ token }] = programs.end({ id: null }, pid);
		const before = invitations.findByToken(token);
		if (before.status !== 'ok') throw new Error('no invitation');
		const dir = mkdtempSync(join(tmpdir(), 'rida-surveys-'));
		const json = JSON.parse(readFileSync(join(surveysDir, 'post-program.json'), 'utf8'));
		json.survey.title = { default: 'عنوان جديد', en: 'New title' };
		writeFileSync(join(dir, 'post-program.json'), JSON.stringify(json));
		const [v2] = syncDefinitions(dir);
		expect(v2.inserted).toBe(true);
		expect(v2.versionId).not.toBe(before.invitation.surveyVersionId);
		expect(definitionOf(before.invitation.surveyVersionId)!.survey.title).not.toEqual(
			json.survey.title
		);
		expect(definitionOf(v2.versionId)!.survey.title).toEqual(json.survey.title);
		syncDefinitions();
	});

	it('allows three walk-in surveys per device, then refuses; other devices still pass', async () => {
		const walkin = await import('../surveys/walkin');
		walkin.reset();
		const t = 1_000_000;
		expect([1, 2, 3].map(() => walkin.allow(7, 'device-a', '10.0.0.1', t))).toEqual([
			true,
			true,
			true
		]);
		expect(walkin.allow(7, 'device-a', '10.0.0.1', t)).toBe(false);
		expect(walkin.allow(7, 'device-b', '10.0.0.1', t)).toBe(true);
		expect(walkin.allow(8, 'device-a', '10.0.0.1', t)).toBe(true);
		expect(walkin.allow(7, 'device-a', '10.0.0.1', t + 7 * 3_600_000)).toBe(true);
	});
});
