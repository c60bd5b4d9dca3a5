import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, loadDefinitions, localiseJson, parseDefinition } from './definition';

const surveysDir = resolve(__dirname, '../../../../surveys');

function minimal(elements: unknown[], indicators: Record<string, unknown> = { csat: 'overall' }) {
	return {
		id: 'test',
		name: { ar: 'اختبار', en: 'Test' },
		indicators,
		survey: {
			pages: [
				{
					name: 'p1',
					elements: [{ type: 'rating', name: 'overall', rateMin: 1, rateMax: 5 }, ...elements]
				}
			]
		}
	};
}

describe('shipped definitions', () => {
	it('all parse, with distinct ids and hashes', () => {
		const defs = loadDefinitions(surveysDir);
		expect(defs.map((d) => d.id).sort()).toEqual([
			'post-program',
			'service-request',
			'stakeholders'
		]);
		for (const d of defs) expect(d.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(new Set(defs.map((d) => d.hash)).size).toBe(defs.length);
		const pp = defs[0];
		expect(pp.indicators.aspects).toMatchObject({
			courtesy: 'aspects.courtesy',
			channelConvenience: 'aspects.channel_convenience'
		});
		expect(pp.questions.map((q) => q.pageName)).toContain('suggestions_page');
	});
});

describe('parseDefinition', () => {
	it('rejects an unsupported question type, naming the file and question', () => {
		const json = minimal([{ type: 'file', name: 'upload' }]);
		expect(() => parseDefinition(json, 'bad.json')).toThrow(
			'Survey "bad.json": question "upload" has type "file", which Rida cannot render'
		);
	});

	it('rejects a type SurveyJS does not know either', () => {
		expect(() => parseDefinition(minimal([{ type: 'fancy', name: 'x' }]), 'f.json')).toThrow(
			/question "x" has type "fancy"/
		);
	});

	it('accepts a panel, reading the questions inside it', () => {
		const def = parseDefinition(
			minimal([{ type: 'panel', name: 'box', elements: [{ type: 'text', name: 'inner' }] }]),
			'p.json'
		);
		expect(def.questions.map((q) => q.name)).toEqual(['overall', 'inner']);
	});

	it('refuses matrixdropdown cells it cannot draw as a select, naming the question', () => {
		const json = minimal([
			{
				type: 'matrixdropdown',
				name: 'grid',
				rows: ['a'],
				columns: [{ name: 'c', cellType: 'text' }]
			}
		]);
		expect(() => parseDefinition(json, 'g.json')).toThrow(
			/question "grid": column "c" has cells of type "text"/
		);
	});

	it('rejects an indicator that points to a missing question', () => {
		const json = minimal([], { csat: 'overall', nps: 'recommend' });
		expect(() => parseDefinition(json, 'missing.json')).toThrow(
			'Survey "missing.json": indicator "nps" points to question "recommend", which does not exist'
		);
	});

	it('rejects an aspect pointing to a missing matrix row', () => {
		const json = minimal([{ type: 'matrix', name: 'm', columns: [1, 2, 3, 4, 5], rows: ['a'] }], {
			aspects: { speed: 'm.b' }
		});
		expect(() => parseDefinition(json, 'row.json')).toThrow(
			/indicator "aspects.speed" points to question "m.b", but matrix "m" has no row "b"/
		);
	});

	it('rejects indicators of the wrong kind or scale', () => {
		expect(() =>
			parseDefinition(minimal([{ type: 'text', name: 't' }], { channel: 't' }), 'c.json')
		).toThrow(/indicator "channel" points to question "t", which is a text question/);
		expect(() => parseDefinition(minimal([], { nps: 'overall' }), 'n.json')).toThrow(
			/whose scale is 1,2,3,4,5; nps needs 0,1,2/
		);
	});

	it('rejects a definition without indicators', () => {
		expect(() => parseDefinition(minimal([], {}), 'none.json')).toThrow(/at least one/);
	});

	it('rejects SurveyJS JSON errors (misspelt property) naming the question', () => {
		const json = minimal([{ type: 'comment', name: 'why', visibeIf: '{overall} < 3' }]);
		expect(() => parseDefinition(json, 'typo.json')).toThrow(
			/Survey "typo.json": question "why": .*visibeIf/
		);
	});

	it('rejects duplicate and reserved names', () => {
		expect(() => parseDefinition(minimal([{ type: 'text', name: 'overall' }]), 'd.json')).toThrow(
			/defined twice/
		);
		expect(() => parseDefinition(minimal([{ type: 'text', name: 'nav' }]), 'r.json')).toThrow(
			/reserved/
		);
	});

	it('rejects a bad shape with the file name', () => {
		expect(() => parseDefinition({ id: 'x' }, 'shape.json')).toThrow(/^Survey "shape.json": /);
	});
});

describe('contentHash', () => {
	it('ignores key order but not content', () => {
		const a = minimal([]);
		const b = {
			survey: a.survey,
			indicators: a.indicators,
			name: { en: 'Test', ar: 'اختبار' },
			id: 'test'
		};
		expect(contentHash(a as never)).toBe(contentHash(b as never));
		expect(contentHash({ ...a, id: 'other' } as never)).not.toBe(contentHash(a as never));
	});
});

describe('localiseJson', () => {
	it('turns {default,en} into {ar,en}, English falling back to Arabic', () => {
		expect(
			localiseJson({
				title: { default: 'ع', en: 'E' },
				x: { default: 'ع' },
				choices: [{ value: 1, text: 'n' }]
			})
		).toEqual({
			title: { ar: 'ع', en: 'E' },
			x: { ar: 'ع', en: 'ع' },
			choices: [{ value: 1, text: 'n' }]
		});
	});
});

describe('loadDefinitions', () => {
	it('throws on the first bad file, naming it', () => {
		const dir = mkdtempSync(join(tmpdir(), 'rida-surveys-'));
		try {
			writeFileSync(join(dir, 'a.json'), JSON.stringify(minimal([])));
			writeFileSync(join(dir, 'b.json'), '{ not json');
			expect(() => loadDefinitions(dir)).toThrow(/Survey "b.json": not valid JSON/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
