import { describe, expect, it } from 'vitest';
import { aspectsOption, mirror, npsOption } from './options';

const ctx = { tr: (k: string) => k, l: 'ar' as const };
const aspects = [
	{ aspect: 'courtesy', mean: 4.28, n: 30 },
	{ aspect: 'speed', mean: 3.42, n: 30 }
] as Parameters<typeof aspectsOption>[0];

describe('chart options', () => {
	it('horizontal bars put their value label inside the bar end, on the left in Arabic', () => {
		const ltr = mirror(aspectsOption(aspects, ctx), false);
		const rtl = mirror(aspectsOption(aspects, ctx), true);
		// 'insideEnd' is for polar bars: on cartesian ones it drew the label over the bar's start.
		expect(ltr.series[0].label.position).toBe('insideRight');
		expect(rtl.series[0].label.position).toBe('insideLeft');
		expect(rtl.xAxis.inverse).toBe(true);
		expect(rtl.yAxis.position).toBe('right');
		expect(rtl.grid.left).toBe(ltr.grid.right);
	});

	it('a bar too short for its label shows the value after its end, dark, on the left in Arabic', () => {
		const worst = [...aspects, { aspect: 'clarity', mean: 1, n: 3 }] as typeof aspects;
		const ltr = mirror(aspectsOption(worst, ctx), false);
		const rtl = mirror(aspectsOption(worst, ctx), true);
		// the others keep the series' white label inside the bar end
		expect(ltr.series[0].data.slice(0, 2)).toEqual([4.28, 3.42]);
		expect(ltr.series[0].data[2]).toEqual({
			value: 1,
			label: { position: 'right', color: '#1b1b1b' }
		});
		expect(rtl.series[0].data[2].label.position).toBe('left');
		expect(rtl.series[0].data[0]).toBe(4.28);
	});

	it('mirror leaves the given option untouched', () => {
		const o = aspectsOption(aspects, ctx);
		mirror(o, true);
		expect(o.series[0].label.position).toBe('insideRight');
		expect(o.xAxis.inverse).toBeUndefined();
	});

	it('the NPS donut keeps its labels inside the ring', () => {
		const o = npsOption({ promoters: 5, passives: 3, detractors: 2 } as never, ctx);
		expect(o.series[0].label.position).toBe('inside');
	});
});
