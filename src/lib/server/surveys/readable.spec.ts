import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadDefinitions } from './definition';
import { answerLines } from './readable';

const def = loadDefinitions(join(process.cwd(), 'surveys')).find((d) => d.id === 'post-program')!;
const answers = {
	overall: 4,
	recommend: 7,
	aspects: { courtesy: 4, channel_convenience: 5 },
	channel_used: 'interview',
	answered_in_time: 'not_applicable',
	suggestion: 'شكرًا على حسن التنظيم',
	retired_question: 'kept'
};

describe('answerLines', () => {
	it('shows question titles and option texts in Arabic, never the keys', () => {
		const lines = answerLines(def, answers, 'ar');
		const all = lines.map((l) => `${l.question}: ${l.answer}`).join('\n');
		for (const key of [
			'overall',
			'recommend',
			'aspects',
			'courtesy',
			'channel_used',
			'interview',
			'not_applicable'
		])
			expect(all).not.toContain(key);
		expect(lines).toContainEqual({
			question: 'بشكل عام، ما مدى رضاك عن البرنامج والخدمة التي تلقّيتها؟',
			answer: 'راضٍ'
		});
		expect(all).toContain('حسن الاستقبال والتعامل باحترام: جيد');
		expect(all).toContain('المقابلة');
		expect(all).toContain('شكرًا على حسن التنظيم');
		// Nothing held is hidden: an answer to a question no longer in the survey stays.
		expect(lines).toContainEqual({ question: 'retired_question', answer: 'kept' });
	});

	it('speaks English to an English reader', () => {
		const all = answerLines(def, answers, 'en')
			.map((l) => `${l.question}: ${l.answer}`)
			.join('\n');
		expect(all).not.toMatch(/channel_used|not_applicable|\boverall\b/);
		expect(all).toMatch(/Satisfied/);
	});

	it('without a definition the stored names and values are shown as they are', () => {
		expect(answerLines(undefined, { a: { b: 1 }, c: 'x' }, 'ar')).toEqual([
			{ question: 'a.b', answer: '1' },
			{ question: 'c', answer: 'x' }
		]);
	});
});
