import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ConformanceStores, REGISTRATION_STATE } from "./fixtures.ts";

/** The tokens part of the store conformance suite. */
export function describeTokens(stores: ConformanceStores): void {
	describe("tokens", () => {
		it("finds tokens without consuming them, takes them once, and purges expired ones", async () => {
			const store = await stores.fresh();
			const token = {
				id: "t1",
				appId: "shop",
				kind: "verify" as const,
				payload: { userId: "u1", n: 1 },
				expiresAt: new Date("2025-01-01T00:02:00Z"),
			};
			await store.tokens.put(token);
			await store.tokens.put({ ...token, id: "t2", expiresAt: new Date("2025-01-01T00:10:00Z") });
			await store.ceremonies.put({
				id: "s1",
				appId: "shop",
				kind: "registration",
				state: REGISTRATION_STATE,
				expiresAt: new Date("2025-01-01T00:01:00Z"),
			});
			assert.deepEqual(await store.tokens.find("shop", "t1"), token);
			assert.deepEqual(await store.tokens.find("shop", "t1"), token);
			assert.equal(await store.tokens.find("other", "t1"), null);
			assert.equal(await store.tokens.purgeExpired(new Date("2025-01-01T00:03:00Z")), 2);
			assert.equal(await store.tokens.find("shop", "t1"), null);
			assert.equal(await store.ceremonies.take("shop", "s1"), null);
			assert.ok(await store.tokens.take("shop", "t2"));
			assert.equal(await store.tokens.take("shop", "t2"), null);
		});
		it("purges more expired tokens and events than one batch holds, and nothing live", async () => {
			const store = await stores.fresh();
			const expired = new Date("2025-01-01T00:01:00Z");
			await Promise.all(
				Array.from({ length: 1100 }, (_, i) =>
					store.tokens.put({ id: `t${i}`, appId: "shop", kind: "verify", payload: {}, expiresAt: expired }),
				),
			);
			await store.tokens.put({ id: "live", appId: "shop", kind: "verify", payload: {}, expiresAt: new Date("2030-01-01T00:00:00Z") });
			assert.equal(await store.tokens.purgeExpired(new Date("2025-01-01T00:02:00Z")), 1100);
			assert.ok(await store.tokens.find("shop", "live"));
			const event = (performedAt: Date) => ({
				appId: "shop",
				performedAt,
				eventType: "ApiUserSignInCompleted",
				severity: "Informational" as const,
				message: "m",
				performedBy: "u1",
				subject: "u1",
				apiKeyId: "public-aaaa",
			});
			await store.events.appendMany([...Array.from({ length: 1100 }, () => event(expired)), event(new Date("2025-01-01T00:05:00Z"))]);
			assert.equal(await store.events.purge("shop", new Date("2025-01-01T00:02:00Z")), 1100);
			assert.equal((await store.events.list("shop", { offset: 0, limit: 10 })).total, 1);
		});
	});
}
