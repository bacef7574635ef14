import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ConformanceStores, T0 } from "./fixtures.ts";

/** The events part of the store conformance suite. */
export function describeEvents(stores: ConformanceStores): void {
	describe("events", () => {
		it("appends events, pages them newest first, and purges old ones per app", async () => {
			const store = await stores.fresh();
			const event = (appId: string, minute: number) => ({
				appId,
				performedAt: new Date(T0.getTime() + minute * 60_000),
				eventType: "ApiUserSignInCompleted",
				severity: "Informational" as const,
				message: `m${minute}`,
				performedBy: "u1",
				subject: "u1",
				apiKeyId: "public-aaaa",
			});
			for (let i = 0; i < 5; i++) await store.events.append(event("shop", i));
			await store.events.append(event("other", 0));
			const page = await store.events.list("shop", { offset: 1, limit: 2 });
			assert.equal(page.total, 5);
			assert.deepEqual(
				page.events.map((e) => e.message),
				["m3", "m2"],
			);
			assert.deepEqual(page.events[0], event("shop", 3));
			assert.equal(await store.events.purge("shop", new Date(T0.getTime() + 2 * 60_000)), 2);
			assert.equal((await store.events.list("shop", { offset: 0, limit: 10 })).total, 3);
			assert.equal((await store.events.list("other", { offset: 0, limit: 10 })).total, 1);
		});
	});
}
