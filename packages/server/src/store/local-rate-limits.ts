import type { RateLimitStore } from "./store.ts";

/**
 * Fixed-window counters in this process's memory: right for the embedded store, whose one process sees every
 * request (with `--workers N` each worker counts for itself). Expired windows are dropped as the map grows.
 * @param options - how many keys to hold before pruning @default 10000
 */
export function createLocalRateLimits(options: { maxKeys?: number } = {}): RateLimitStore {
	const maxKeys = options.maxKeys ?? 10_000;
	const windows = new Map<string, { start: number; count: number }>();
	return {
		shared: false,
		async hit(key, windowMs, now) {
			const start = Math.floor(now.getTime() / windowMs) * windowMs;
			let entry = windows.get(key);
			if (!entry || entry.start !== start) {
				if (windows.size >= maxKeys) {
					for (const [k, v] of windows) if (v.start + windowMs <= now.getTime()) windows.delete(k);
					if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
				}
				entry = { start, count: 0 };
				windows.set(key, entry);
			}
			entry.count++;
			return { count: entry.count, resetAt: new Date(start + windowMs) };
		},
	};
}
