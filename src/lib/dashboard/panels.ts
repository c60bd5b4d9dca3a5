import { localName, type Locale } from '$lib/i18n/locales';
/**
 * Panel data → a plain table (header + rows): the charts' text alternative, and what the
 * CSV/XLSX export writes. Shared by the page and the export endpoint; no I/O.
 */
import type { Overview } from '../server/indicators/overview';

export const PANELS = [
	'trend',
	'nps',
	'aspects',
	'byProgram',
	'bySegment',
	'distribution',
	'sla',
	'channels',
	'channelMix',
	'reach',
	'responseRate'
] as const;
export type PanelId = (typeof PANELS)[number];
export type Cell = string | number | null;
export type Table = { columns: string[]; rows: Cell[][] };
type Tr = (key: string, params?: Record<string, string | number>) => string;
type Loc = Locale;

const r2 = (x: number | null | undefined, d = 2) =>
	x == null ? null : Math.round(x * 10 ** d) / 10 ** d;
const name = (x: { nameAr: string; nameEn: string }, l: Loc) => localName(x, l);

export function panelTable(id: PanelId, o: Overview['panels'], tr: Tr, l: Loc): Table | null {
	switch (id) {
		case 'trend':
			return (
				o.trend && {
					columns: [
						tr('dash.period.col'),
						'n',
						tr('dash.mean'),
						tr('dash.ciLow'),
						tr('dash.ciHigh'),
						tr('dash.csat')
					],
					rows: o.trend.map((p) => [
						p.key,
						p.withheld ? null : p.n,
						r2(p.mean),
						r2(p.low),
						r2(p.high),
						r2(p.csat, 3)
					])
				}
			);
		case 'nps':
			return (
				o.nps && {
					columns: [tr('dash.npsGroup'), tr('dash.count')],
					rows: [
						[tr('dash.promoters'), o.nps.promoters],
						[tr('dash.passives'), o.nps.passives],
						[tr('dash.detractors'), o.nps.detractors]
					]
				}
			);
		case 'aspects':
			return (
				o.aspects && {
					columns: [
						tr('dash.list.aspect'),
						'n',
						tr('dash.mean'),
						tr('dash.ciLow'),
						tr('dash.ciHigh')
					],
					rows: o.aspects.map((a) => [
						tr('dash.aspect.' + a.aspect),
						a.n,
						r2(a.mean),
						r2(a.low),
						r2(a.high)
					])
				}
			);
		case 'byProgram':
			return (
				o.byProgram && {
					columns: [
						tr('dash.program'),
						'n',
						tr('dash.mean'),
						tr('dash.ciLow'),
						tr('dash.ciHigh'),
						tr('dash.csat')
					],
					rows: o.byProgram.map((p) => [
						name(p, l),
						p.n,
						r2(p.mean),
						r2(p.low),
						r2(p.high),
						r2(p.csat, 3)
					])
				}
			);
		case 'bySegment':
			return (
				o.bySegment && {
					columns: [
						tr('segments.segment'),
						'n',
						tr('dash.mean'),
						tr('dash.ciLow'),
						tr('dash.ciHigh'),
						tr('dash.csat')
					],
					rows: o.bySegment.map((g) => [
						name(g, l),
						g.n,
						r2(g.mean),
						r2(g.low),
						r2(g.high),
						r2(g.csat, 3)
					])
				}
			);
		case 'distribution':
			return (
				o.distribution && {
					columns: [tr('dash.days'), tr('dash.requests')],
					rows: o.distribution.rows.map((d) => [d.days === 30 ? '30+' : d.days, d.count])
				}
			);
		case 'sla':
			return (
				o.sla && {
					columns: [
						tr('dash.period.col'),
						tr('dash.requests'),
						tr('dash.list.withinSla'),
						tr('dash.share')
					],
					rows: o.sla.map((p) =>
						p.withheld ? [p.key, null, null, null] : [p.key, p.n, p.within, r2(p.share, 3)]
					)
				}
			);
		case 'channels':
			return (
				o.channels && {
					columns: [tr('dash.period.col'), ...o.channels.channels.map((c) => name(c, l))],
					rows: o.channels.keys.map((k, i) => [k, ...o.channels!.channels.map((c) => c.counts[i])])
				}
			);
		case 'channelMix':
			return (
				o.channelMix && {
					columns: [tr('dash.channel'), tr('dash.requests'), tr('dash.respondents')],
					rows: o.channelMix.map((c) => [name(c, l), c.requests, c.respondents])
				}
			);
		case 'reach':
			return (
				o.reach && {
					columns: [
						tr('dash.period.col'),
						tr('dash.website'),
						...o.reach.series.platforms.map((p) => name(p, l))
					],
					rows: o.reach.series.keys.map((k, i) => [
						k,
						o.reach!.series.website[i],
						...o.reach!.series.platforms.map((p) => p.reach[i])
					])
				}
			);
		case 'responseRate':
			return (
				o.responseRate && {
					columns: [
						tr('dash.program'),
						tr('dash.delivered'),
						tr('dash.completed'),
						tr('dash.rate')
					],
					rows: o.responseRate.map((p) => [name(p, l), p.delivered, p.completed, r2(p.rate, 3)])
				}
			);
	}
}
