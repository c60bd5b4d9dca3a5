/**
 * "What people say" as a role may see it: top themes with counts, share among low scores,
 * trend and representative comments (always the redacted copy). For the board, a theme
 * resting on 1–4 answers is withheld with its comments (smallCells.ts), and so is a period
 * of the trend; the others see it flagged.
 */
import { isSmall, MIN_CELL, type CellMode } from '../indicators/smallCells';
import type { Filters } from '../indicators/filters';
import { filtersFor } from '../indicators/measure';
import type { Calendar } from '../../dates';
import { representative, summary, trend, type ThemeFigure } from './query';

export type PanelTheme = ThemeFigure & { small: boolean; examples: string[] };
export type VoicesPanel = {
	answers: number;
	lowAnswers: number;
	themes: PanelTheme[];
	trend: { buckets: string[]; series: { id: number; data: (number | null)[] }[] };
	cells: { mode: CellMode; min: number; small: boolean };
};

export function voicesPanel(
	f: Filters,
	mode: CellMode,
	opts: { top?: number; examples?: number; trend?: boolean } = {}
): VoicesPanel {
	const s = summary(f);
	const hide = mode === 'hide';
	const themes = s.themes
		.filter((t) => t.n > 0)
		.map((t) => ({ ...t, small: isSmall(t.n) || isSmall(t.previous) }))
		.filter((t) => !(hide && isSmall(t.n)))
		.slice(0, opts.top ?? 50)
		.map((t) => ({
			...t,
			previous: hide && isSmall(t.previous) ? 0 : t.previous,
			examples: opts.examples ? representative(f, t.id, opts.examples) : []
		}));
	const tr = opts.trend ? trend(f) : { buckets: [], series: new Map<number, number[]>() };
	const shown = new Set(themes.map((t) => t.id));
	return {
		answers: s.answers,
		lowAnswers: s.lowAnswers,
		themes,
		trend: {
			buckets: tr.buckets,
			series: [...tr.series]
				.filter(([id]) => shown.has(id))
				.map(([id, data]) => ({
					id,
					data: data.map((n) => (hide && isSmall(n) ? null : n))
				}))
		},
		cells: {
			mode,
			min: MIN_CELL,
			small: s.themes.some((t) => isSmall(t.n))
		}
	};
}

/**
 * The board report's "what beneficiaries say": the top themes of the quarter with two
 * redacted examples each. Themes resting on fewer than MIN_CELL answers are left out for
 * every reader (the report is the board's document).
 */
export function voicesForReport(
	range: { from: string; to: string },
	ctx: { calendar: Calendar; timeZone: string }
) {
	const p = voicesPanel(filtersFor(range, ctx), 'hide', { top: 5, examples: 2 });
	return {
		answers: p.answers,
		lowAnswers: p.lowAnswers,
		min: MIN_CELL,
		themes: p.themes.map(({ id, key, nameAr, nameEn, n, low, examples }) => ({
			id,
			key,
			nameAr,
			nameEn,
			n,
			low,
			examples
		}))
	};
}
