import type pg from "pg";
import type { TokenStore } from "../store.ts";
import { guarded, purgeInBatches } from "./postgres-helpers.ts";
import { query } from "./postgres-queries.ts";
import { type TokenRow, toToken } from "./postgres-rows.ts";

/** The register and verify tokens on PostgreSQL; purges go in batches. */
export function createPostgresTokenStore(pool: pg.Pool): TokenStore {
	return guarded({
		async put(t) {
			await query(pool, "putToken", [t.id, t.appId, t.kind, JSON.stringify(t.payload), t.expiresAt]);
		},
		async find(appId, id) {
			const { rows } = await query<TokenRow>(pool, "findToken", [id, appId]);
			return rows[0] ? toToken(rows[0]) : null;
		},
		async take(appId, id) {
			const { rows } = await query<TokenRow>(pool, "takeToken", [id, appId]);
			return rows[0] ? toToken(rows[0]) : null;
		},
		async purgeExpired(now) {
			const windowsBefore = new Date(now.getTime() - 3_600_000);
			return (
				(await purgeInBatches(pool, "purgeTokens", [now])) +
				(await purgeInBatches(pool, "purgeCeremonies", [now])) +
				(await purgeInBatches(pool, "purgeRateLimits", [windowsBefore]))
			);
		},
	});
}
