import type { TokenStore } from "../store.ts";
import type { SqliteContext } from "./sqlite-context.ts";
import { type StateRow, toToken } from "./sqlite-rows.ts";

/** The register and verify tokens on SQLite; purges go in batches. */
export function createSqliteTokenStore(ctx: SqliteContext): TokenStore {
	const { q, group, writes } = ctx;
	return {
		async put(t) {
			const payload = JSON.stringify(t.payload);
			await group.write(() => q.putToken.run(t.id, t.appId, t.kind, payload, t.expiresAt.getTime()));
		},
		async find(appId, id) {
			const row = q.findToken.get(id, appId) as StateRow | undefined;
			return row ? toToken(row) : null;
		},
		async take(appId, id) {
			const row = await group.write(() => q.takeToken.get(id, appId) as StateRow | undefined);
			return row ? toToken(row) : null;
		},
		async purgeExpired(now) {
			const cutoff = now.getTime();
			return (
				(await writes.inBatches(() => q.purgeTokens.run(cutoff).changes)) +
				(await writes.inBatches(() => q.purgeCeremonies.run(cutoff).changes))
			);
		},
	};
}
