import { createLocalRateLimits } from "../local-rate-limits.ts";
import type { Store } from "../store.ts";
import { createMemoryApiKeyStore, createMemoryAppStore } from "./apps-and-keys.ts";
import { createMemoryAuthConfigStore } from "./auth-configs.ts";
import { createMemoryCeremonyStore } from "./ceremonies.ts";
import { createMemoryAliasStore, createMemoryCredentialStore } from "./credentials.ts";
import { createMemoryEventStore } from "./events.ts";
import { createMemoryMdsStore } from "./mds.ts";
import { createMemoryContext } from "./memory-context.ts";
import { createMemoryPoolStore } from "./pools.ts";
import { createMemoryTokenStore } from "./tokens.ts";
import { createMemoryTransfer } from "./transfer.ts";

/**
 * An in-memory store, for unit tests only (it passes the same conformance suite as the real stores).
 * @example const store = createMemoryStore();
 */
export function createMemoryStore(): Store {
	const ctx = createMemoryContext();
	return {
		apps: createMemoryAppStore(ctx),
		apiKeys: createMemoryApiKeyStore(ctx),
		credentials: createMemoryCredentialStore(ctx),
		aliases: createMemoryAliasStore(ctx),
		ceremonies: createMemoryCeremonyStore(ctx),
		tokens: createMemoryTokenStore(ctx),
		authConfigs: createMemoryAuthConfigStore(ctx),
		pools: createMemoryPoolStore(ctx),
		mds: createMemoryMdsStore(),
		events: createMemoryEventStore(ctx),
		rateLimits: createLocalRateLimits(),
		transfer: createMemoryTransfer(ctx),
		async ping() {},
		async close() {},
	};
}
