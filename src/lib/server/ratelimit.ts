/**
 * In-memory token buckets: `burst` requests at once, then `perSecond` on average. For limits
 * that only damp abuse of cheap-to-send, costly-to-serve requests (a restart forgives). At
 * most `maxKeys` buckets are kept: the fullest are dropped first (an emptied bucket, the one
 * that limits someone, is the last to be forgotten).
 */
export type Bucket = { take(key: string, now?: number): boolean; reset(): void };

export function tokenBucket(opts: { burst: number; perSecond: number; maxKeys?: number }): Bucket {
	const maxKeys = opts.maxKeys ?? 50_000;
	const buckets = new Map<string, { tokens: number; at: number }>();
	const level = (b: { tokens: number; at: number }, now: number) =>
		Math.min(opts.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * opts.perSecond);

	/** Makes room: the fullest buckets (least used, so least telling) go first, down to 90 %. */
	function sweep(now: number) {
		const target = Math.floor(maxKeys * 0.9);
		const byLevel = [...buckets].map(([k, b]) => [k, level(b, now)] as const);
		byLevel.sort((x, y) => y[1] - x[1]);
		for (const [k] of byLevel) {
			if (buckets.size <= target) break;
			buckets.delete(k);
		}
	}

	return {
		take(key, now = Date.now()) {
			const b = buckets.get(key);
			const tokens = b ? level(b, now) : opts.burst;
			if (tokens < 1) {
				b!.tokens = tokens;
				b!.at = now;
				return false;
			}
			if (!b && buckets.size >= maxKeys) sweep(now);
			buckets.set(key, { tokens: tokens - 1, at: now });
			return true;
		},
		reset() {
			buckets.clear();
		}
	};
}
