import type pg from "pg";
import type { RateLimitStore } from "../store.ts";
import { guarded } from "./postgres-helpers.ts";
import { query } from "./postgres-queries.ts";

/** Rate-limit counters on PostgreSQL, shared by every node. */
export function createPostgresRateLimits(pool: pg.Pool): RateLimitStore {
	return guarded({
		shared: true,
		async hit(key, windowMs, now) {
			const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
			const { rows } = await query<{ count: number }>(pool, "hitRateLimit", [key, start]);
			return { count: Number(rows[0]?.count ?? 1), resetAt: new Date(start.getTime() + windowMs) };
		},
	});
}
