import { resolve } from 'node:path';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import SurveyForm from './SurveyForm.svelte';
import { loadDefinitions } from '../../server/surveys/definition';
import { renderPage, submitPage, ui } from '../../server/surveys/engine';

const defs = loadDefinitions(resolve(__dirname, '../../../../surveys'));
const pp = defs.find((d) => d.id === 'post-program')!;
const sr = defs.find((d) => d.id === 'service-request')!;

function html(view: ReturnType<typeof renderPage>, extra: Record<string, unknown> = {}) {
	return render(SurveyForm, {
		props: { view, ui: ui(view.locale), locale: view.locale, dir: view.dir, ...extra }
	}).body;
}

describe('SurveyForm (server render)', () => {
	it('renders a plain POST form with real radios for the rating scale', () => {
		const body = html(renderPage(pp, { locale: 'ar', data: { overall: 5 } }));
		expect(body).toMatch(/<form[^>]*method="POST"/);
		expect(body).toMatch(/<form[^>]*dir="rtl"/);
		expect(body).toMatch(/<form[^>]*lang="ar"/);
		for (const v of [1, 2, 3, 4, 5]) {
			expect(body).toContain(`id="sq-0-overall-${v - 1}" name="overall" value="${v}"`);
			expect(body).toContain(`for="sq-0-overall-${v - 1}"`);
		}
		// 5 is checked, and 5 stays the "very satisfied" value whatever the direction.
		expect(body).toMatch(/value="5"[^>]*checked/);
		expect(body).not.toMatch(/value="4"[^>]*checked/);
		expect(body).toContain('راضٍ تمامًا');
		// NPS: 11 radios 0..10
		for (let v = 0; v <= 10; v++) expect(body).toContain(`name="recommend" value="${v}"`);
		expect(body).toContain('<legend class="sq-title">');
		expect(body).toContain('name="pageIndex" value="0"');
		expect(body).toContain('name="_shown" value="overall recommend"');
		expect(body).toContain('role="progressbar"');
		expect(body).toContain('aria-valuetext="الصفحة 1 من 3"');
		expect(body).toContain('name="nav" value="next"');
		expect(body).not.toContain('value="back"'); // first page
		expect(body).toContain('(مطلوب)');
		expect(body).not.toContain('<script');
	});

	it('renders matrix rows as fieldsets with labelled radios, and Back on later pages', () => {
		const body = html(
			renderPage(pp, { locale: 'en', data: { aspects: { speed: 4 } }, pageIndex: 1 })
		);
		expect(body.match(/<fieldset class="sq-row"/g)).toHaveLength(5);
		expect(body).toContain('name="aspects.courtesy" value="1"');
		expect(body).toMatch(/name="aspects.speed" value="4"[^>]*checked/);
		expect(body).toContain('name="channel_used" value="branch"');
		expect(body).toMatch(/name="nav" value="back"[^>]*formnovalidate/);
		expect(body).toContain('Page 2 of 3');
	});

	it('links errors with aria-describedby and aria-invalid, with a summary', () => {
		const r = submitPage(pp, {
			locale: 'en',
			data: {},
			pageIndex: 0,
			form: new URLSearchParams({ recommend: '3', nav: 'next' })
		});
		if (r.ok) throw new Error('expected errors');
		const body = html(
			renderPage(pp, { locale: 'en', data: r.data, pageIndex: r.pageIndex, errors: r.errors })
		);
		expect(body).toContain('id="sq-0-overall-err"');

		expect(body).toMatch(
			/<fieldset[^>]*role="radiogroup"[^>]*aria-describedby="sq-0-overall-err" aria-invalid="true" aria-required="true"/
		);
		expect(body).toContain('role="alert"');
		expect(body).toContain('href="#sq-0-overall-0"');
	});

	it('renders boolean, stars, textarea and hidden fields', () => {
		const body = html(
			renderPage(sr, { locale: 'ar', data: { answered_in_time: true, comment: 'شكرًا' } }),
			{
				hidden: { token: 'abc' },
				action: '?/answer'
			}
		);
		expect(body).toContain('name="token" value="abc"');
		expect(body).toContain('action="?/answer"');
		expect(body).toMatch(/name="answered_in_time" value="true"[^>]*checked/);
		expect(body).toContain('★');
		expect(body).toMatch(/<textarea[^>]*name="comment"[^>]*maxlength="2000"/);
		expect(body).toContain('شكرًا</textarea>');
		expect(body).toContain('إرسال'); // single page: Submit
	});
});
