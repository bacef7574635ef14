import { describe, it } from "node:test";
import { describeAppsAndKeys } from "./conformance/apps-and-keys.ts";
import { describeAuthConfigs } from "./conformance/auth-configs.ts";
import { describeCeremonies } from "./conformance/ceremonies.ts";
import { describeCredentials } from "./conformance/credentials.ts";
import { describeEvents } from "./conformance/events.ts";
import { conformanceStores, type StoreFactory } from "./conformance/fixtures.ts";
import { describeMds } from "./conformance/mds.ts";
import { describePools } from "./conformance/pools.ts";
import { describeRateLimits } from "./conformance/rate-limits.ts";
import { describeTokens } from "./conformance/tokens.ts";
import { describeTransfer } from "./conformance/transfer.ts";

export type { StoreFactory } from "./conformance/fixtures.ts";

/**
 * The store conformance suite: every store implementation (memory, SQLite, PostgreSQL) must pass it.
 * @param name - the implementation's name, for the test titles
 * @param factory - makes a fresh store per test
 */
export function describeStore(name: string, factory: StoreFactory): void {
	describe(`Store conformance: ${name}`, () => {
		const stores = conformanceStores(factory);
		describeAppsAndKeys(stores);
		describeCredentials(stores);
		describeCeremonies(stores);
		describeTokens(stores);
		describeAuthConfigs(stores);
		describePools(stores);
		describeMds(stores);
		describeEvents(stores);
		describeTransfer(stores);
		describeRateLimits(stores);
		it("answers ping", async () => {
			const store = await stores.fresh();
			await store.ping();
		});
	});
}
