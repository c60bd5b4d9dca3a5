import { localName, type Locale } from '$lib/i18n/locales';
/**
 * Thin mappings from panel data to ECharts options (no ECharts import here: plain objects).
 * RTL mirroring (`mirror`, below) is applied by Chart.svelte to every option.
 */
import type { Overview } from '$lib/server/indicators/overview';

type Tr = (key: string, params?: Record<string, string | number>) => string;
type Ctx = { tr: Tr; l: Locale };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Option = Record<string, any>;
type P = Overview['panels'];

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = [
	'#0072B2',
	'#E69F00',
	'#009E73',
	'#CC79A7',
	'#56B4E9',
	'#D55E00',
	'#F0E442',
	'#000000'
];
const name = (x: { nameAr: string; nameEn: string }, l: Locale) => localName(x, l);
const grid = { left: 48, right: 24, top: 40, bottom: 40, containLabel: true };
const r2 = (x: number | null) => (x == null ? null : Math.round(x * 100) / 100);

export function trendOption(d: NonNullable<P['trend']>, { tr }: Ctx): Option {
	const keys = d.map((p) => p.key);
	return {
		color: PALETTE,
		tooltip: { trigger: 'axis' },
		legend: { top: 0, data: [tr('dash.mean'), '95% CI', 'CSAT'] },
		grid,
		xAxis: { type: 'category', data: keys, boundaryGap: false },
		yAxis: [
			{ type: 'value', min: 1, max: 5 },
			{
				type: 'value',
				min: 0,
				max: 100,
				splitLine: { show: false },
				axisLabel: { formatter: '{value}%' }
			}
		],
		series: [
			// CI band: a transparent base at `low` and a stacked area of height high − low.
			{
				name: tr('dash.ciLow'),
				type: 'line',
				data: d.map((p) => r2(p.low)),
				stack: 'ci',
				lineStyle: { opacity: 0 },
				symbol: 'none',
				tooltip: { show: false }
			},
			{
				name: '95% CI',
				type: 'line',
				data: d.map((p) => (p.low == null || p.high == null ? null : r2(p.high - p.low))),
				stack: 'ci',
				lineStyle: { opacity: 0 },
				symbol: 'none',
				itemStyle: { color: 'rgba(0,114,178,0.35)' },
				areaStyle: { color: 'rgba(0,114,178,0.18)' },
				tooltip: { show: false }
			},
			{
				name: tr('dash.mean'),
				type: 'line',
				data: d.map((p) => r2(p.mean)),
				symbolSize: 8,
				lineStyle: { width: 3 },
				itemStyle: { color: PALETTE[0] }
			},
			{
				name: 'CSAT',
				type: 'line',
				yAxisIndex: 1,
				itemStyle: { color: PALETTE[5] },
				data: d.map((p) => (p.csat == null ? null : Math.round(p.csat * 1000) / 10)),
				lineStyle: { type: 'dashed' },
				symbol: 'triangle',
				symbolSize: 8
			}
		]
	};
}

export function npsOption(d: NonNullable<P['nps']>, { tr }: Ctx): Option {
	return {
		color: ['#009E73', '#999999', '#D55E00'],
		tooltip: { trigger: 'item' },
		legend: { bottom: 0 },
		series: [
			{
				type: 'pie',
				// Labels inside the ring: outside ones were cut off on a phone-width panel.
				radius: ['40%', '68%'],
				center: ['50%', '44%'],
				label: { position: 'inside', formatter: '{d}%', color: '#111', fontWeight: 600 },
				labelLayout: { hideOverlap: true },
				data: [
					{ name: tr('dash.promoters'), value: d.promoters },
					{ name: tr('dash.passives'), value: d.passives },
					{ name: tr('dash.detractors'), value: d.detractors }
				]
			}
		]
	};
}

/** Below this share of the axis a bar shows its value label outside (after its end). */
const SHORT_BAR = 0.15;

function hbar(
	labels: string[],
	values: (number | null)[],
	opts: { max?: number; min?: number; color?: string; name: string }
): Option {
	const min = opts.min ?? 0;
	const span = (opts.max ?? Math.max(min, ...values.map((v) => v ?? min))) - min;
	// A bar too short to hold its white label (a mean of 1 on a 1–5 axis has no length at all)
	// shows it after its end, dark: the worst value must not be the one left unreadable.
	const data = values.map((v) =>
		v != null && span > 0 && (v - min) / span < SHORT_BAR
			? { value: v, label: { position: 'right', color: '#1b1b1b' } }
			: v
	);
	return {
		color: [opts.color ?? PALETTE[0]],
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
		// fixed label gutter (containLabel mis-measures right-side Arabic labels)
		grid: { left: 150, right: 24, top: 16, bottom: 30, containLabel: false },
		xAxis: { type: 'value', min: opts.min, max: opts.max },
		yAxis: { type: 'category', data: labels, axisLabel: { width: 136, overflow: 'truncate' } },
		series: [
			{
				name: opts.name,
				type: 'bar',
				data,
				// Inside the bar, at its end ('insideEnd' is for polar bars only; cartesian ones drew
				// the label straddling the bar's start). `mirror` turns it to 'insideLeft' in RTL.
				label: { show: true, position: 'insideRight', color: '#fff' }
			}
		]
	};
}

export function aspectsOption(d: NonNullable<P['aspects']>, { tr }: Ctx): Option {
	return hbar(
		d.map((a) => tr('dash.aspect.' + a.aspect)),
		d.map((a) => r2(a.mean)),
		{ min: 1, max: 5, name: tr('dash.mean') }
	);
}

/** Mean satisfaction per program or per stakeholder segment. */
export function byProgramOption(
	d: NonNullable<P['byProgram'] | P['bySegment']>,
	{ tr, l }: Ctx
): Option {
	return hbar(
		d.map((p) => name(p, l)),
		d.map((p) => r2(p.mean)),
		{ min: 1, max: 5, name: tr('dash.mean'), color: PALETTE[2] }
	);
}

export function distributionOption(d: NonNullable<P['distribution']>, { tr }: Ctx): Option {
	const max = Math.max(30, ...d.rows.map((r) => r.days));
	const days = Array.from({ length: max + 1 }, (_, i) => String(i === 30 ? '30+' : i));
	const counts = days.map((_, i) => d.rows.find((r) => r.days === i)?.count ?? 0);
	return {
		color: [PALETTE[0]],
		tooltip: { trigger: 'axis' },
		grid,
		xAxis: { type: 'category', data: days, name: tr('dash.days') },
		yAxis: { type: 'value' },
		series: [
			{
				name: tr('dash.requests'),
				type: 'bar',
				data: counts.map((c, i) => ({
					value: c,
					itemStyle: { color: i > d.slaDays ? '#D55E00' : PALETTE[0] }
				})),
				markLine: {
					symbol: 'none',
					lineStyle: { type: 'dashed', color: '#000', width: 2 },
					label: { formatter: tr('dash.slaLine') + ' ' + d.slaDays },
					data: [{ xAxis: String(d.slaDays) }]
				}
			}
		]
	};
}

export function slaOption(d: NonNullable<P['sla']>, { tr }: Ctx): Option {
	return {
		color: [PALETTE[2]],
		tooltip: { trigger: 'axis' },
		grid,
		xAxis: { type: 'category', data: d.map((p) => p.key) },
		yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
		series: [
			{
				name: tr('dash.list.withinSla'),
				type: 'bar',
				data: d.map((p) => (p.share == null ? null : Math.round(p.share * 1000) / 10))
			}
		]
	};
}

export function channelsOption(d: NonNullable<P['channels']>, { l }: Ctx): Option {
	return {
		color: PALETTE,
		tooltip: { trigger: 'axis' },
		legend: { top: 0, type: 'scroll' },
		grid: { ...grid, top: 48 },
		xAxis: { type: 'category', data: d.keys },
		yAxis: { type: 'value' },
		series: d.channels.map((c) => ({
			name: name(c, l),
			type: 'bar',
			stack: 'all',
			data: c.counts,
			emphasis: { focus: 'series' }
		}))
	};
}

export function channelMixOption(d: NonNullable<P['channelMix']>, { tr, l }: Ctx): Option {
	return {
		color: [PALETTE[0], PALETTE[1]],
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
		legend: { top: 0 },
		grid: { left: 130, right: 24, top: 40, bottom: 30, containLabel: false },
		xAxis: { type: 'value' },
		yAxis: {
			type: 'category',
			data: d.map((c) => name(c, l)),
			axisLabel: { width: 120, overflow: 'truncate' }
		},
		series: [
			{ name: tr('dash.requests'), type: 'bar', data: d.map((c) => c.requests) },
			{ name: tr('dash.respondents'), type: 'bar', data: d.map((c) => c.respondents) }
		]
	};
}

export function reachOption(d: NonNullable<P['reach']>, { tr, l }: Ctx): Option {
	return {
		color: PALETTE,
		tooltip: { trigger: 'axis' },
		legend: { top: 0, type: 'scroll' },
		grid: { ...grid, top: 48 },
		xAxis: { type: 'category', data: d.series.keys },
		yAxis: { type: 'value' },
		series: [
			...d.series.platforms.map((p) => ({
				name: name(p, l),
				type: 'bar',
				stack: 'social',
				data: p.reach
			})),
			{
				name: tr('dash.website'),
				type: 'line',
				data: d.series.website,
				symbolSize: 7,
				lineStyle: { width: 3 }
			}
		]
	};
}

export function responseRateOption(d: NonNullable<P['responseRate']>, { tr, l }: Ctx): Option {
	return hbar(
		d.map((p) => name(p, l)),
		d.map((p) => (p.rate == null ? null : Math.round(p.rate * 1000) / 10)),
		{ min: 0, max: 100, name: tr('dash.rate') + ' %', color: PALETTE[4] }
	);
}

const arr = <T>(x: T | T[] | undefined): T[] => (x == null ? [] : Array.isArray(x) ? x : [x]);
const FLIP: Record<string, string> = {
	left: 'right',
	right: 'left',
	insideLeft: 'insideRight',
	insideRight: 'insideLeft',
	insideTopLeft: 'insideTopRight',
	insideTopRight: 'insideTopLeft',
	insideBottomLeft: 'insideBottomRight',
	insideBottomRight: 'insideBottomLeft'
};

/**
 * ECharts does not mirror for right-to-left by itself. In Arabic: category axes run from the
 * right (and the value axis of horizontal bars too, so bars grow leftwards), the first value
 * axis sits on the right, the grid's gutters swap, legend and tooltip align right, and label
 * positions given as left/right swap sides so a label stays at the same end of its bar.
 */
export function mirror(o: Option, rtl: boolean): Option {
	const c: Option = structuredClone(o);
	if (!rtl) return c;
	const xs = arr(c.xAxis);
	const ys = arr(c.yAxis);
	const horizontal = ys.some((y: Option) => y.type === 'category');
	for (const x of xs) if (x.type === 'category' || horizontal) x.inverse = true;
	ys.forEach((y: Option, i: number) => (y.position = i === 0 ? 'right' : 'left'));
	if (c.grid) c.grid = { ...c.grid, left: c.grid.right, right: c.grid.left };
	if (c.legend) c.legend = { ...c.legend, align: 'right' };
	if (c.tooltip) c.tooltip = { ...c.tooltip, extraCssText: 'direction: rtl; text-align: right;' };
	if (horizontal)
		for (const s of arr(c.series) as Option[]) {
			const pos = s.label?.position;
			if (typeof pos === 'string' && FLIP[pos]) s.label = { ...s.label, position: FLIP[pos] };
			// and a data item's own label position (a short bar's label, outside its end)
			for (const d of arr(s.data) as Option[]) {
				const p = d?.label?.position;
				if (typeof p === 'string' && FLIP[p]) d.label = { ...d.label, position: FLIP[p] };
			}
		}
	return c;
}
