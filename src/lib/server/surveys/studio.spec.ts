import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import { ensureChannels } from '../requests';
import { getDb } from '../db';
import { settings as settingsTable } from '../db/schema';
import * as aspects from './aspects';
import { renderPage, score } from './engine';
import * as studio from './studio';
import { publishedVersion, surveyChoices, syncDefinitions } from './versions';
import { eq } from 'drizzle-orm';
import { requestType } from '../db/schema';
import { programSchema, programSchemaFor } from '../programs/form';
import { parseRequestType } from '../requests/forms';
import { ensureRequestTypes, listTypes } from '../requests/types';

useTestDb();
const me = { id: null };
const fixture = readFileSync(join(process.cwd(), 'tests/fixtures/stakeholder-survey.json'), 'utf8');

function mappingForm(entries: [string, string][]) {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
}

describe('survey studio', () => {
	it('imports a bare SurveyJS file with English in "default" and keeps both languages', () => {
		syncDefinitions();
		const r = studio.importFile(me, fixture, 'stakeholders.json');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const d = studio.draftOf(r.id)!;
		expect(d.locale).toBe('en');
		expect(d.name).toEqual({
			ar: 'استبيان رضا أصحاب المصلحة السنوي',
			en: 'Annual stakeholder satisfaction survey'
		});
		// Not publishable yet (nothing mapped), said in both languages.
		const c = studio.check(d);
		expect(c.ok).toBe(false);
		if (c.ok) return;
		expect(studio.describeProblem(c.problem, 'ar')).toContain('سؤال الرضا العام');
		expect(studio.describeProblem(c.problem, 'en')).toContain('overall satisfaction');
		// A draft never reaches respondents.
		expect(publishedVersion(r.id)).toBeUndefined();
		expect(surveyChoices().map((s) => s.id)).not.toContain(r.id);
		// Both languages render from the draft, nothing dropped.
		const def = studio.check(d, { draft: true });
		expect(def.ok).toBe(true);
		if (!def.ok) return;
		expect(renderPage(def.def, { locale: 'ar', data: {} }).questions[0].title).toBe('صفتك');
		expect(renderPage(def.def, { locale: 'en', data: {} }).questions[0].title).toBe('You are a…');
	});

	it('names the question and the reason in the user language when a survey cannot be published', () => {
		const bad = {
			id: 'bad',
			name: { ar: 'س', en: 'S' },
			indicators: { csat: 'city' },
			survey: {
				pages: [{ name: 'p', elements: [{ type: 'dropdown', name: 'city', choices: ['a'] }] }]
			}
		};
		const c = studio.check(bad);
		expect(c.ok).toBe(false);
		if (c.ok) return;
		expect(c.problem.code).toBe('mapType');
		expect(studio.describeProblem(c.problem, 'ar')).toMatch(/^السؤال «city»: نوعه «dropdown»/);
		expect(studio.describeProblem(c.problem, 'en')).toMatch(
			/^Question “city”: its type “dropdown”/
		);
		const unknown = studio.check({
			...bad,
			indicators: {},
			survey: { pages: [{ name: 'p', elements: [{ type: 'signaturepad', name: 'sig' }] }] }
		});
		expect(unknown.ok).toBe(false);
		if (unknown.ok) return;
		expect(studio.describeProblem(unknown.problem, 'en')).toBe(
			'Question “sig”: its type “signaturepad” is not one Rida renders.'
		);
		expect(studio.describeProblem(unknown.problem, 'ar')).toBe(
			'السؤال «sig»: نوعه «signaturepad» لا يعرضه رضا.'
		);
	});

	it('refuses a file that is not JSON without storing anything', () => {
		const before = studio.list().length;
		const r = studio.importFile(me, '{ not json', 'x.json');
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.problem.code).toBe('json');
		expect(studio.list()).toHaveLength(before);
	});

	it('maps new aspects, a checkbox channel and dimensions, then publishes an immutable version', () => {
		ensureChannels();
		const r = studio.importFile(me, fixture, 'stakeholders.json');
		if (!r.ok) throw new Error('import');
		const bad = studio.saveMapping(
			me,
			r.id,
			mappingForm([
				['csat', 'overall'],
				['aspect:aspects.transparency', '_new'],
				['newKey:aspects.transparency', 'has space'],
				['newAr:aspects.transparency', 'الشفافية'],
				['newEn:aspects.transparency', 'Transparency']
			])
		);
		expect(bad).toEqual({
			ok: false,
			errors: { 'newKey:aspects.transparency': 'studio.err.aspectKeyShort' }
		});
		const ok = studio.saveMapping(
			me,
			r.id,
			mappingForm([
				['csat', 'overall'],
				['channel', 'heard_from'],
				['comment', 'suggestions'],
				['aspect:aspects.transparency', '_new'],
				['newKey:aspects.transparency', 'transparency'],
				['newAr:aspects.transparency', 'الشفافية'],
				['newEn:aspects.transparency', 'Transparency'],
				['aspect:aspects.impact', '_new'],
				['newKey:aspects.impact', 'donationImpact'],
				['newAr:aspects.impact', 'أثر التبرعات'],
				['newEn:aspects.impact', 'Donation impact'],
				['dimension', 'respondent_type'],
				['dimension', 'city']
			])
		);
		expect(ok).toEqual({ ok: true });
		expect(aspects.labels().donationImpact).toEqual({ ar: 'أثر التبرعات', en: 'Donation impact' });
		const p = studio.publish(me, r.id);
		expect(p.ok).toBe(true);
		if (!p.ok) return;
		const v = publishedVersion(r.id)!;
		expect(v.versionId).toBe(p.versionId);
		expect(v.def.indicators).toMatchObject({
			csat: 'overall',
			channel: 'heard_from',
			aspects: { transparency: 'aspects.transparency', donationImpact: 'aspects.impact' },
			dimensions: ['respondent_type', 'city']
		});
		// The channel question's choices are Settings → Channels.
		const heard = renderPage(v.def, { locale: 'ar', data: {}, pageIndex: 0 }).questions.find(
			(q) => q.name === 'heard_from'
		)!;
		expect(heard.type === 'checkbox' && heard.choices.map((c) => c.value)).toContain('social');
		expect(heard.type === 'checkbox' && heard.choices.map((c) => c.label)).toContain(
			'وسائل التواصل الاجتماعي'
		);
		expect(surveyChoices().map((s) => s.id)).toContain(r.id);

		// Scoring: new aspects by key, each ticked channel, dimensions.
		const s = score(v.def, {
			respondent_type: 'donor',
			city: 'riyadh',
			heard_from: ['social', 'website'],
			overall: 4,
			aspects: { transparency: 2, impact: 5 }
		});
		expect(s.csat).toBe(4);
		expect(s.aspects).toEqual({ transparency: 2, donationImpact: 5 });
		expect(s.channel).toBe('social');
		expect(s.dimensions).toEqual([
			{ key: 'respondent_type', value: 'donor' },
			{ key: 'city', value: 'riyadh' },
			{ key: 'channel', value: 'social' },
			{ key: 'channel', value: 'website' }
		]);

		// Editing the draft does not change what respondents get until it is published again.
		const d = studio.draftOf(r.id)!;
		studio.saveDraft(me, r.id, { ...d, name: { ar: 'جديد', en: 'New' } });
		expect(publishedVersion(r.id)!.versionId).toBe(p.versionId);
		expect(publishedVersion(r.id)!.def.name.en).toBe('Annual stakeholder satisfaction survey');
		const again = studio.publish(me, r.id);
		expect(again.ok && again.versionId).not.toBe(p.versionId);
	});

	it('words the promise from the SLA setting', () => {
		const r = studio.importFile(
			me,
			JSON.stringify({
				pages: [
					{
						name: 'p',
						elements: [
							{ type: 'rating', name: 'overall', title: 'الرضا' },
							{ type: 'boolean', name: 'within', title: 'هل أُنجزت الخدمة {promise}؟' }
						]
					}
				]
			}),
			'promise.json'
		);
		if (!r.ok) throw new Error('import');
		studio.saveMapping(
			me,
			r.id,
			mappingForm([
				['csat', 'overall'],
				['withinTwoWeeks', 'within']
			])
		);
		const title = () => {
			const c = studio.check(studio.draftOf(r.id)!);
			if (!c.ok) throw new Error(c.problem.message);
			return renderPage(c.def, { locale: 'ar', data: {} }).questions[1].title;
		};
		expect(title()).toBe('هل أُنجزت الخدمة خلال أسبوعين؟');
		getDb().update(settingsTable).set({ slaDays: 10, slaMode: 'working' }).run();
		expect(title()).toBe('هل أُنجزت الخدمة خلال 10 أيام عمل؟');
	});

	it('duplicates and archives; an archived survey is not offered to programs', () => {
		const copy = studio.duplicate(me, 'post-program')!;
		expect(copy).toBe('post-program-copy');
		expect(studio.get(copy)!.status).toBe('draft');
		studio.setArchived(me, 'post-program', true);
		expect(surveyChoices().map((s) => s.id)).not.toContain('post-program');
		// Programs already using it keep their version.
		expect(publishedVersion('post-program')).toBeDefined();
		// A form whose program or request type has it lists it, marked, and saves it unchanged;
		// nothing else may choose it.
		expect(surveyChoices('post-program').filter((s) => s.archived)).toEqual([
			{ id: 'post-program', name: expect.any(Object), archived: true }
		]);
		const program = {
			nameAr: 'برنامج',
			nameEn: 'Program',
			kind: 'program',
			startDate: '2026-01-01',
			endDate: '2026-02-01',
			surveyId: 'post-program'
		};
		expect(programSchemaFor('post-program').safeParse(program).success).toBe(true);
		expect(programSchemaFor('service-request').safeParse(program).success).toBe(false);
		expect(programSchema.safeParse(program).success).toBe(false);
		ensureRequestTypes();
		const type = listTypes()[0];
		getDb()
			.update(requestType)
			.set({ surveyId: 'post-program' })
			.where(eq(requestType.id, type.id))
			.run();
		const typeForm = (o: Record<string, string>) => {
			const f = new FormData();
			const fields = { nameAr: 'نوع', nameEn: 'Type', kind: 'support', slaDays: '14' };
			for (const [k, v] of Object.entries({ ...fields, slaMode: 'calendar', ...o })) f.set(k, v);
			f.set('escalationRole', 'quality');
			f.set('sort', '1');
			return f;
		};
		expect(
			parseRequestType(typeForm({ id: String(type.id), surveyId: 'post-program' }))
		).toMatchObject({
			ok: true,
			input: { surveyId: 'post-program' }
		});
		expect(parseRequestType(typeForm({ key: 'new_type', surveyId: 'post-program' }))).toMatchObject(
			{
				ok: false,
				errors: { surveyId: 'programs.unknownSurvey' }
			}
		);
		studio.setArchived(me, 'post-program', false);
		expect(surveyChoices().map((s) => s.id)).toContain('post-program');
	});

	it('exports a draft that imports back to the same survey', () => {
		const text = studio.exportJson('service-request')!;
		const r = studio.importFile(me, text, 'service-request.json');
		if (!r.ok) throw new Error('import');
		const a = studio.check(studio.draftOf('service-request')!);
		const b = studio.check(studio.draftOf(r.id)!);
		expect(a.ok && b.ok).toBe(true);
		if (!a.ok || !b.ok) return;
		expect(b.def.survey).toEqual(a.def.survey);
		expect(b.def.indicators).toEqual(a.def.indicators);
	});
});
