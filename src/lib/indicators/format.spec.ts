import { describe, expect, it } from 'vitest';
import { formatChange, formatValue, fromInput, toInput } from './format';
import { DIRECT_KEYS, INDICATOR_KEYS, INDICATORS, definitionOf, labelOf } from './registry';

describe('indicator registry', () => {
	it('every indicator has an Arabic and an English label and definition', () => {
		for (const [key, d] of Object.entries(INDICATORS)) {
			for (const text of [d.label.ar, d.definition.ar])
				expect(text, key).toMatch(/[\u0600-\u06FF]/);
			for (const text of [d.label.en, d.definition.en])
				expect(text, key).toMatch(/^[^\u0600-\u06FF]+$/);
		}
		const labels = Object.values(INDICATORS).map((d) => d.label.en);
		expect(new Set(labels).size).toBe(labels.length);
	});
	it('report keys and direct keys are registered; the SLA days are filled in', () => {
		for (const k of [...INDICATOR_KEYS, ...DIRECT_KEYS]) expect(INDICATORS[k]).toBeDefined();
		expect(definitionOf('withinSla', 'en', { days: 14 })).toContain('(14 days)');
		expect(labelOf('medianDays', 'ar')).toBe('وسيط مدة البت (أيام)');
		expect(INDICATORS.medianDays.better).toBe('lower');
		expect(INDICATORS.reach.people).toBe(false);
	});
});

describe('indicator formatting', () => {
	it('values in their unit and decimals', () => {
		expect(formatValue('csat', 0.874, 'en')).toBe('87%');
		expect(formatValue('satisfaction', 4.216, 'en')).toBe('4.22');
		expect(formatValue('medianDays', 3.25, 'en')).toBe('3.3');
		expect(formatValue('reach', 12045, 'en')).toBe('12,045');
		expect(formatValue('nps', null, 'ar')).toBe('—');
	});
	it('shows points for shares, never −0', () => {
		expect(formatChange('csat', 0.04, 'en')).toBe('+4 pts');
		expect(formatChange('csat', -0.004, 'en')).toBe('±0 pts');
		expect(formatChange('nps', -3, 'ar')).toBe('−3 نقطة');
		expect(formatChange('reach', 100, 'en', 400)).toBe('+100 (+25%)');
		expect(formatChange('medianDays', -1.25, 'en')).toBe('−1.3');
		expect(formatChange('medianDays', 0.04, 'en')).toBe('±0.0');
	});
	it('targets: shares typed as percentages', () => {
		expect(toInput(0.855, 'share')).toBe(85.5);
		expect(fromInput(85.5, 'share')).toBe(0.855);
		expect(toInput(3, 'days')).toBe(3);
	});
});
