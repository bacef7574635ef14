import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ConformanceStores } from "./fixtures.ts";

/** The rate limits part of the store conformance suite. */
export function describeRateLimits(stores: ConformanceStores): void {
	describe("rate limits", () => {
		it("counts rate-limit hits per key and window", async () => {
			const store = await stores.fresh();
			const at = (ms: number) => new Date(Date.UTC(2025, 0, 1) + ms);
			assert.deepEqual(await store.rateLimits.hit("ip:1", 60_000, at(1_000)), { count: 1, resetAt: at(60_000) });
			assert.equal((await store.rateLimits.hit("ip:1", 60_000, at(59_999))).count, 2);
			assert.equal((await store.rateLimits.hit("ip:2", 60_000, at(2_000))).count, 1);
			assert.deepEqual(await store.rateLimits.hit("ip:1", 60_000, at(60_000)), { count: 1, resetAt: at(120_000) });
		});
	});
}
