/**
 * Pure indicator formulas shared by the server (indicators module) and the dashboard's
 * components. No I/O, no dates: counts in, numbers out. Definitions: README.md, "Dashboard (indicators)"; labels, units and definitions: registry.ts.
 */

/** Below this many answers an indicator is shown with a "small sample" flag. */
export const SMALL_SAMPLE = 30;

/** z for a two-sided 95% interval (normal approximation). */
export const Z95 = 1.959963984540054;

export type Indicator<V = number | null> = {
	value: V;
	n: number;
	comparison: { value: V; n: number };
};

/** CSAT = share of answers 4 or 5 on the 1–5 overall question. null when nobody answered. */
export function csatShare(top2: number, n: number): number | null {
	return n > 0 ? top2 / n : null;
}

/** NPS = % promoters (9–10) − % detractors (0–6), on −100…100. null when n = 0. */
export function npsFromCounts(
	promoters: number,
	passives: number,
	detractors: number
): number | null {
	const n = promoters + passives + detractors;
	return n > 0 ? ((promoters - detractors) / n) * 100 : null;
}

export type MeanCI = {
	mean: number | null;
	low: number | null;
	high: number | null;
	sd: number | null;
	n: number;
};

/**
 * Mean with a 95% confidence interval from n, Σx and Σx² (so SQL only has to sum).
 * Sample standard deviation (n − 1); the interval needs n ≥ 2 and is clamped to [min, max]
 * of the scale (1–5 by default) so a tiny sample never shows an impossible bound.
 */
export function meanCI(
	n: number,
	sum: number,
	sumSq: number,
	scale: [number, number] = [1, 5]
): MeanCI {
	if (n <= 0) return { mean: null, low: null, high: null, sd: null, n: 0 };
	const mean = sum / n;
	if (n < 2) return { mean, low: null, high: null, sd: null, n };
	// Σ(x − m)² = Σx² − n·m²; rounding can make it a hair negative.
	const ss = Math.max(0, sumSq - n * mean * mean);
	const sd = Math.sqrt(ss / (n - 1));
	const half = (Z95 * sd) / Math.sqrt(n);
	return {
		mean,
		low: Math.max(scale[0], mean - half),
		high: Math.min(scale[1], mean + half),
		sd,
		n
	};
}

/** Relative change (b → a) as a share; null when either side is missing or b is 0. */
export function percentChange(current: number | null, previous: number | null): number | null {
	if (current == null || previous == null || previous === 0) return null;
	return (current - previous) / Math.abs(previous);
}

export type Direction = 'up' | 'down' | 'flat' | 'none';

/** Direction of a change, with a tolerance so rounding noise reads as "no change". */
export function direction(
	current: number | null,
	previous: number | null,
	epsilon = 1e-9
): Direction {
	if (current == null || previous == null) return 'none';
	const d = current - previous;
	if (Math.abs(d) <= epsilon) return 'flat';
	return d > 0 ? 'up' : 'down';
}

/** Share a/b, null when b = 0. */
export function share(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}

export function isSmallSample(n: number): boolean {
	return n < SMALL_SAMPLE;
}
