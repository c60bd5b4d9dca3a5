/**
 * Small cells: a figure or a row list resting on fewer than MIN_CELL people can point at a
 * person once the filters are narrow (a small program, one gender, one age band, one city),
 * so it is never shown to roles without `figures.smallCells` (the board), and shown with a
 * warning to those with it (quality, admin, relations).
 *
 * The rule, applied where figures leave the server (dashboard, its exports and drill-downs,
 * program pages, the board report):
 * - a tile (CSAT, mean, NPS, response rate, time to decision, within SLA, open overdue, direct
 *   beneficiaries served / surveyed / responded / with complete records) whose
 *   n — or its comparison's n — is 1–4: that value and its n are withheld;
 * - a period of a series (satisfaction trend, SLA, requests by channel) resting on 1–4 people:
 *   that period is blanked;
 * - a distribution whose whole rests on 1–4 people (the NPS split, the days histogram, the
 *   channel mix): the chart is withheld;
 * - per-program and per-aspect rows with n 1–4: those rows are dropped;
 * - a list of responses or requests with 1–4 rows: not listed.
 * Zero is shown: it identifies no one. Website and social reach count visits, not people.
 */
import { can, type Role } from '../permissions';
import type { Overview } from './overview';
import { INDICATORS } from '../../indicators/registry';

export const MIN_CELL = 5;
export type CellMode = 'hide' | 'warn';

/** Board: hidden; everyone else who may read figures: shown with a warning. */
export function cellMode(role: Role | null | undefined): CellMode {
	return can(role, 'figures.smallCells') ? 'warn' : 'hide';
}

export const isSmall = (n: number | null | undefined): boolean =>
	n != null && n > 0 && n < MIN_CELL;

/** What was withheld (hide) or should carry a warning (warn). */
export type CellReport = { mode: CellMode; min: number; tiles: string[]; panels: string[] };

type Tiles = Overview['tiles'];
type Panels = Overview['panels'];

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/** The overview as a role may see it, plus which figures were small. Never mutates `o` (it is cached). */
export function protectOverview(o: Overview, mode: CellMode): Overview & { cells: CellReport } {
	const cells: CellReport = { mode, min: MIN_CELL, tiles: [], panels: [] };
	const hide = mode === 'hide';
	const tiles: Tiles = { ...o.tiles };

	const noCi = { mean: null, low: null, high: null, sd: null, n: 0 };
	for (const key of Object.keys(tiles) as (keyof Tiles)[]) {
		if (!INDICATORS[key].people) continue; // reach counts visits, not people
		const t = tiles[key];
		if (!t) continue;
		const own = isSmall(t.n);
		const cmp = isSmall(t.comparison.n);
		if (!own && !cmp) continue;
		cells.tiles.push(key);
		if (!hide) continue;
		const comparison = cmp ? { value: null, n: 0 } : t.comparison;
		if (key === 'satisfaction') {
			const s = tiles.satisfaction!;
			tiles.satisfaction = {
				...s,
				...(own ? { value: null, n: 0, ci: noCi } : {}),
				comparison,
				...(cmp ? { comparisonCi: noCi } : {})
			};
		} else if (key === 'nps') {
			const s = tiles.nps!;
			tiles.nps = {
				...s,
				...(own
					? { value: null, n: 0, composition: { promoters: 0, passives: 0, detractors: 0 } }
					: {}),
				comparison
			};
		} else {
			(tiles as Record<string, unknown>)[key] = {
				...t,
				...(own ? { value: null, n: 0 } : {}),
				comparison
			};
		}
	}

	const p: Panels = { ...o.panels };
	const flag = (id: string) => cells.panels.push(id);
	/** A whole chart withheld from the board when any of its figures is small. */
	const whole = <K extends keyof Panels>(id: K, small: boolean) => {
		if (!small) return;
		flag(id);
		if (hide) p[id] = null;
	};
	// Series: each period stands alone, so a small period is blanked, not the whole chart.
	if (p.trend?.some((x) => isSmall(x.n))) {
		flag('trend');
		if (hide)
			p.trend = p.trend.map((x) =>
				isSmall(x.n)
					? { ...x, n: 0, mean: null, low: null, high: null, csat: null, withheld: true }
					: x
			);
	}
	if (p.sla?.some((x) => isSmall(x.n))) {
		flag('sla');
		if (hide)
			p.sla = p.sla.map((x) =>
				isSmall(x.n) ? { ...x, n: 0, within: 0, share: null, withheld: true } : x
			);
	}
	const ch = p.channels;
	const smallPeriods = ch
		? ch.keys.map((_, i) => isSmall(sum(ch.channels.map((c) => c.counts[i] ?? 0))))
		: [];
	if (ch && smallPeriods.some(Boolean)) {
		flag('channels');
		if (hide)
			p.channels = {
				...ch,
				channels: ch.channels.map((c) => ({
					...c,
					counts: c.counts.map((n, i) => (smallPeriods[i] ? null : n))
				}))
			};
	}
	whole('nps', !!p.nps && isSmall(p.nps.promoters + p.nps.passives + p.nps.detractors));
	whole('distribution', !!p.distribution && isSmall(sum(p.distribution.rows.map((r) => r.count))));
	whole(
		'channelMix',
		!!p.channelMix &&
			(isSmall(sum(p.channelMix.map((c) => c.requests))) ||
				isSmall(sum(p.channelMix.map((c) => c.respondents))))
	);
	if (p.aspects?.some((a) => isSmall(a.n) || isSmall(a.comparison.n))) {
		flag('aspects');
		if (hide)
			p.aspects = p.aspects
				.filter((a) => !isSmall(a.n))
				.map((a) => (isSmall(a.comparison.n) ? { ...a, comparison: { mean: null, n: 0 } } : a));
	}
	if (p.byProgram?.some((x) => isSmall(x.n))) {
		flag('byProgram');
		if (hide) p.byProgram = p.byProgram.filter((x) => !isSmall(x.n));
	}
	if (p.bySegment?.some((x) => isSmall(x.n))) {
		flag('bySegment');
		if (hide) p.bySegment = p.bySegment.filter((x) => !isSmall(x.n));
	}
	if (p.responseRate?.some((x) => isSmall(x.delivered))) {
		flag('responseRate');
		if (hide) p.responseRate = p.responseRate.filter((x) => !isSmall(x.delivered));
	}
	return { ...o, tiles, panels: p, cells };
}

/** A drill-down list: its rows only when it holds 0 or at least MIN_CELL records, or with a warning. */
export function protectList<T extends { rows: unknown[]; total: number }>(
	list: T,
	mode: CellMode
): T & { cells: { mode: CellMode; min: number; small: boolean } } {
	const small = isSmall(list.total);
	const cells = { mode, min: MIN_CELL, small };
	if (small && mode === 'hide') return { ...list, rows: [], total: 0, cells };
	return { ...list, cells };
}

/**
 * A program's satisfaction and response rate: withheld from the board when they rest on
 * fewer than MIN_CELL answers / delivered invitations (the counts stay: they say the program was small).
 */
export function protectProgramStats<
	T extends { csat: number | null; csatN: number; responseRate: number | null; delivered: number }
>(s: T, mode: CellMode): T & { small: boolean } {
	const smallCsat = isSmall(s.csatN);
	const smallRate = isSmall(s.delivered);
	const small = smallCsat || smallRate;
	if (!small || mode === 'warn') return { ...s, small };
	return {
		...s,
		csat: smallCsat ? null : s.csat,
		csatN: smallCsat ? 0 : s.csatN,
		responseRate: smallRate ? null : s.responseRate,
		small
	};
}
