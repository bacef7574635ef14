import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SigningKey, UserPool } from "../store.ts";
import { type ConformanceStores, T0 } from "./fixtures.ts";

const pool: UserPool = {
	id: "us-east-1_Latchkey1",
	appId: "shop",
	region: "us-east-1",
	clientId: "abcdefghijklmnopqrstuvwxyz",
	createdAt: T0,
};

function signingKey(kid: string, createdAt: Date): SigningKey {
	return {
		poolId: pool.id,
		kid,
		publicJwk: { kty: "RSA", n: `n-${kid}`, e: "AQAB", kid, alg: "RS256", use: "sig" },
		privateJwk: { kty: "RSA", n: `n-${kid}`, e: "AQAB", d: `d-${kid}` },
		retiredAt: null,
		createdAt,
	};
}

/** The user pools and signing keys part of the store conformance suite. */
export function describePools(stores: ConformanceStores): void {
	describe("user pools", () => {
		it("creates a pool with its first key and finds it by id and by client id", async () => {
			const store = await stores.fresh();
			const first = signingKey("k1", T0);
			await store.pools.create(pool, first);
			assert.deepEqual(await store.pools.findById(pool.id), pool);
			assert.deepEqual(await store.pools.findByClientId(pool.clientId), pool);
			assert.equal(await store.pools.findById("us-east-1_Nope00000"), null);
			assert.equal(await store.pools.findByClientId("zzzzzzzzzzzzzzzzzzzzzzzzzz"), null);
			assert.deepEqual(await store.pools.list(), [pool]);
			assert.deepEqual(await store.pools.listKeys(pool.id), [first]);
			assert.deepEqual(await store.pools.listKeys("us-east-1_Nope00000"), []);
		});

		it("refuses a taken pool id or client id, and a pool of an unknown app", async () => {
			const store = await stores.fresh();
			await store.pools.create(pool, signingKey("k1", T0));
			await assert.rejects(store.pools.create({ ...pool, clientId: "bbbbbbbbbbbbbbbbbbbbbbbbbb" }, signingKey("k2", T0)));
			await assert.rejects(store.pools.create({ ...pool, id: "us-east-1_Other0000", appId: "other" }, signingKey("k3", T0)));
			await assert.rejects(
				store.pools.create(
					{ ...pool, id: "us-east-1_Ghost0000", appId: "ghost", clientId: "cccccccccccccccccccccccccc" },
					signingKey("k4", T0),
				),
			);
			assert.deepEqual(await store.pools.list(), [pool]);
		});

		it("rotates keys: the new key is current, the old one is retired at the rotation and still listed", async () => {
			const store = await stores.fresh();
			const first = signingKey("k1", T0);
			await store.pools.create(pool, first);
			const later = new Date(T0.getTime() + 60_000);
			const second = signingKey("k2", later);
			await store.pools.rotateKey(second);
			assert.deepEqual(await store.pools.listKeys(pool.id), [second, { ...first, retiredAt: later }]);
			await assert.rejects(store.pools.rotateKey({ ...signingKey("k3", later), poolId: "us-east-1_Nope00000" }));
		});
	});
}
