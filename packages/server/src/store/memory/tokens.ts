import type { TokenStore } from "../store.ts";
import { copy, type MemoryContext } from "./memory-context.ts";

/** The register and verify tokens in memory. */
export function createMemoryTokenStore(ctx: MemoryContext): TokenStore {
	const { ceremonies, tokens } = ctx.state;
	return {
		async put(token) {
			tokens.set(token.id, copy(token));
		},
		async find(appId, id) {
			const t = tokens.get(id);
			return t && t.appId === appId ? copy(t) : null;
		},
		async take(appId, id) {
			const t = tokens.get(id);
			if (!t || t.appId !== appId) return null;
			tokens.delete(id);
			return t;
		},
		async purgeExpired(now) {
			let removed = 0;
			for (const map of [tokens, ceremonies] as Map<string, { expiresAt: Date }>[]) {
				for (const [id, row] of map) {
					if (row.expiresAt < now) {
						map.delete(id);
						removed++;
					}
				}
			}
			return removed;
		},
	};
}
