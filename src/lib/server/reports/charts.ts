import { localName } from '$lib/i18n/locales';
/**
 * The report's charts, rendered on the server as SVG with ECharts SSR (no JavaScript in
 * the browser): they print and read with scripts disabled. RTL: category axis inverted in
 * Arabic; every label shown (interval 0) since Node cannot measure Arabic text widths.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { satisfactionTrend, slaTrend } from '../indicators';
import * as settings from '../settings';
import * as targets from '../targets';
import { percent } from '../../i18n/format';
import { previousQuarter, quarterLabel, quarterRange, type Quarter } from '../../dates';
import type { Locale } from '../../i18n/locales';
import { filtersFor } from '../indicators/measure';
import { isSmall, type CellMode } from '../indicators/smallCells';
import { rankPrograms } from './index';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

export const CHARTS = ['csat', 'sla', 'programs'] as const;
export type ChartName = (typeof CHARTS)[number];

const FONT = "'Noto Sans Arabic', 'Noto Sans', 'DejaVu Sans', sans-serif";
const INK = '#1f2937';
const MUTED = '#6b7280';
const BRAND = '#0f766e';
const WARN = '#b45309';

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
	chart.setOption({ animation: false, textStyle: { fontFamily: FONT, color: INK }, ...option });
	const svg = chart.renderToSVGString();
	chart.dispose();
	return svg;
}

/** "الربع الثالث\n2026م" / "Q3\n2026": two short lines so every label fits. */
function shortLabel(x: Quarter, locale: Locale): string {
	const full = quarterLabel(x, locale);
	const i = full.lastIndexOf(' ');
	return locale === 'ar'
		? `${full.slice(0, i)}\n${full.slice(i + 1)}`
		: `Q${x.q}\n${x.year}${x.calendar === 'hijri' ? ' AH' : ''}`;
}

/** The six quarters ending with `q`, oldest first. */
function sixQuarters(q: Quarter): Quarter[] {
	const out: Quarter[] = [q];
	for (let i = 0; i < 5; i++) out.unshift(previousQuarter(out[0]));
	return out;
}

function quarterTrend(q: Quarter, locale: Locale, which: 'csat' | 'sla', cells: CellMode) {
	const s = settings.get();
	const qs = sixQuarters(q);
	const range = { from: quarterRange(qs[0]).from, to: quarterRange(q).to };
	const f = filtersFor(range, { calendar: q.calendar, timeZone: s.timeZone }, { grain: 'quarter' });
	const values =
		which === 'csat'
			? satisfactionTrend(f).map((p) => ({ v: p.csat, n: p.n }))
			: slaTrend(f).map((p) => ({ v: p.share, n: p.n }));
	// a quarter resting on fewer than 5 people is left blank for the board
	if (cells === 'hide') for (const p of values) if (isSmall(p.n)) p.v = null;
	const labels = qs.map((x) => shortLabel(x, locale));
	const t = targets.forYear(q.calendar, q.year).get(which === 'csat' ? 'csat' : 'withinSla');
	const rtl = locale === 'ar';
	return render(
		{
			// The far side keeps room for the target's label, drawn past the line's end so it never
			// sits on a bar (inside the plot it covered the bar ends beside it).
			grid: { left: rtl ? 96 : 56, right: rtl ? 56 : 96, top: 28, bottom: 48 },
			xAxis: {
				type: 'category',
				data: labels,
				inverse: rtl,
				axisLabel: { interval: 0, fontSize: 11, color: MUTED, lineHeight: 14 }
			},
			yAxis: {
				type: 'value',
				min: 0,
				max: 1,
				position: rtl ? 'right' : 'left',
				axisLabel: { formatter: (v: number) => percent(v, locale), color: MUTED, fontSize: 11 }
			},
			series: [
				{
					type: 'bar',
					data: values.map((p) => (p.v == null ? null : Math.round(p.v * 1000) / 1000)),
					itemStyle: { color: BRAND },
					barMaxWidth: 36,
					label: {
						show: true,
						position: 'top',
						fontSize: 11,
						color: INK,
						formatter: (p: { value: number }) => percent(p.value, locale)
					},
					markLine: t
						? {
								symbol: 'none',
								lineStyle: { color: WARN, type: 'dashed', width: 2 },
								label: {
									// An isolate keeps "المستهدف 85٪" in order inside the SVG's left-to-right text.
									formatter: () =>
										rtl
											? `\u2067المستهدف ${percent(t.value, locale)}\u2069`
											: `Target ${percent(t.value, locale)}`,
									color: WARN,
									fontSize: 11,
									position: 'end'
								},
								data: [{ yAxis: t.value }]
							}
						: undefined
				}
			]
		},
		640,
		260
	);
}

function programsChart(q: Quarter, locale: Locale) {
	const s = settings.get();
	const { top, bottom } = rankPrograms(
		filtersFor(quarterRange(q), { calendar: q.calendar, timeZone: s.timeZone })
	);
	const rows = [...top, ...bottom].sort((a, b) => (a.csat ?? 0) - (b.csat ?? 0));
	const rtl = locale === 'ar';
	const names = rows.map((r) => localName(r, locale));
	return render(
		{
			grid: { left: rtl ? 24 : 170, right: rtl ? 170 : 24, top: 12, bottom: 28 },
			yAxis: {
				type: 'category',
				data: names,
				position: rtl ? 'right' : 'left',
				axisLabel: { interval: 0, fontSize: 11, color: INK, width: 160, overflow: 'truncate' }
			},
			xAxis: {
				type: 'value',
				min: 0,
				max: 1,
				inverse: rtl,
				axisLabel: { formatter: (v: number) => percent(v, locale), color: MUTED, fontSize: 11 }
			},
			series: [
				{
					type: 'bar',
					data: rows.map((r) => r.csat),
					itemStyle: { color: BRAND },
					barMaxWidth: 22,
					label: {
						show: true,
						position: rtl ? 'left' : 'right',
						fontSize: 11,
						formatter: (p: { value: number }) => percent(p.value, locale)
					}
				}
			]
		},
		640,
		Math.max(120, 40 + rows.length * 34)
	);
}

export function chartSvg(
	name: ChartName,
	q: Quarter,
	locale: Locale,
	cells: CellMode = 'warn'
): string {
	// programs are ranked only with at least MIN_PROGRAM_N (10) answers
	if (name === 'programs') return programsChart(q, locale);
	return quarterTrend(q, locale, name, cells);
}
