import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TransferRecord } from "../store.ts";
import { app, type ConformanceStores, collect, credential, replay, T0 } from "./fixtures.ts";

/** The transfer part of the store conformance suite. */
export function describeTransfer(stores: ConformanceStores): void {
	describe("transfer", () => {
		it("exports every durable record, imports them into an empty store all or nothing, and refuses a store with apps", async () => {
			const store = await stores.fresh();
			await store.credentials.register(
				credential("shop", "c1", "u1", { signCount: 7, nickname: "Key", discoverable: false, prfSupported: true }),
				[
					{ hash: "h1", plaintext: "ada@x" },
					{ hash: "h2", plaintext: null },
				],
			);
			await store.credentials.register(credential("other", "c1", "u9", { publicKey: new Uint8Array([0, 255, 7]) }), null);
			await store.authConfigs.create({
				appId: "shop",
				purpose: "transfer",
				userVerification: "required",
				timeToLiveSeconds: 30,
				hints: ["security-key", "hybrid"],
				createdBy: "admin",
				createdOn: T0,
				editedBy: null,
				editedOn: null,
				lastUsedOn: null,
			});
			const event = (appId: string, message: string, minute: number) => ({
				appId,
				performedAt: new Date(T0.getTime() + minute * 60_000),
				eventType: "ApiUserSignInCompleted",
				severity: "Informational" as const,
				message,
				performedBy: "u1",
				subject: "u1",
				apiKeyId: "public-aaaa",
			});
			await store.events.append(event("shop", "first", 1));
			await store.events.append(event("shop", "second", 1));
			await store.events.append(event("other", "elsewhere", 0));
			const pool = { id: "us-east-1_Latchkey1", appId: "shop", region: "us-east-1", clientId: "a".repeat(26), createdAt: T0 };
			const jwk = (kid: string) => ({ kty: "RSA", n: `n-${kid}`, e: "AQAB", kid });
			await store.pools.create(pool, {
				poolId: pool.id,
				kid: "k1",
				publicJwk: jwk("k1"),
				privateJwk: { ...jwk("k1"), d: "d" },
				retiredAt: null,
				createdAt: T0,
			});
			const later = new Date(T0.getTime() + 60_000);
			await store.pools.rotateKey({
				poolId: pool.id,
				kid: "k2",
				publicJwk: jwk("k2"),
				privateJwk: { ...jwk("k2"), d: "d" },
				retiredAt: null,
				createdAt: later,
			});
			await store.tokens.put({ id: "t1", appId: "shop", kind: "verify", payload: {}, expiresAt: new Date("2030-01-01T00:00:00Z") });

			const exported = await collect(store.transfer.exportAll({ events: true }));
			assert.deepEqual(
				exported.map((r) => r.type),
				[
					...["app", "app", "apiKey", "apiKey", "authConfig", "credential", "credential", "alias", "alias"],
					...["pool", "signingKey", "signingKey", "event", "event", "event"],
				],
			);
			assert.deepEqual(exported[0], { type: "app", app: app("other") });
			assert.deepEqual(exported[7], { type: "alias", appId: "shop", userId: "u1", alias: { hash: "h1", plaintext: "ada@x" } });
			assert.deepEqual(
				exported.flatMap((r) => (r.type === "event" ? [r.event.message] : [])),
				["elsewhere", "first", "second"],
			);
			assert.equal((await collect(store.transfer.exportAll({ events: false }))).length, 12);

			const target = await stores.empty();
			const counts = await target.transfer.importAll(replay(exported));
			assert.deepEqual(counts, { app: 2, apiKey: 2, authConfig: 1, credential: 2, alias: 2, pool: 1, signingKey: 2, event: 3 });
			assert.deepEqual(await target.pools.findByClientId(pool.clientId), pool);
			assert.deepEqual(await target.pools.listKeys(pool.id), await store.pools.listKeys(pool.id));
			assert.deepEqual(await collect(target.transfer.exportAll({ events: true })), exported);
			assert.deepEqual(await target.credentials.findById("other", "c1"), await store.credentials.findById("other", "c1"));
			assert.equal(await target.aliases.findUserId("shop", "h1"), "u1");
			assert.deepEqual(await target.apiKeys.listByApp("shop", "public"), await store.apiKeys.listByApp("shop", "public"));
			assert.deepEqual(
				(await target.events.list("shop", { offset: 0, limit: 10 })).events.map((e) => e.message),
				["second", "first"],
			);
			assert.equal(await target.tokens.find("shop", "t1"), null, "tokens are not carried");

			await assert.rejects(target.transfer.importAll(replay(exported)), /empty/);
			const partial = await stores.empty();
			const orphan: TransferRecord = { type: "alias", appId: "ghost", userId: "u1", alias: { hash: "h9", plaintext: null } };
			await assert.rejects(partial.transfer.importAll(replay([...exported.slice(0, 2), orphan])));
			assert.deepEqual(await partial.apps.list(), [], "a failed import keeps nothing");
		});
	});
}
