import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPasskeyError } from "@latchkey/protocol";
import { fixedClock } from "../clock.ts";
import { generateRsaKeyPair, seededRandom } from "../random.ts";
import { createMemoryStore } from "../store/memory/memory-store.ts";
import { createPool, rotatePoolKey } from "./create-pool.ts";
import { randomText } from "./random-text.ts";

const pair = generateRsaKeyPair();
const deps = () => ({
	store: createMemoryStore(),
	clock: fixedClock("2025-01-01T00:00:00Z"),
	random: seededRandom("pools"),
	rsaKeys: () => pair,
});

describe("createPool", () => {
	it("creates the app and a pool with Cognito-shaped ids and one current RS256 key", async () => {
		const d = deps();
		const created = await createPool({ appId: "shop", region: "us-east-1", rpId: "shop.example", allowedOrigins: [] }, d);
		assert.match(created.apiSecret, /^shop:secret:[0-9a-f]{32}$/);
		assert.match(created.userPoolId, /^us-east-1_[A-Za-z0-9]{9}$/);
		assert.match(created.clientId, /^[a-z0-9]{26}$/);
		assert.equal((await d.store.pools.findByClientId(created.clientId))?.appId, "shop");
		const [key, ...rest] = await d.store.pools.listKeys(created.userPoolId);
		assert.deepEqual(rest, []);
		assert.equal(key?.retiredAt, null);
		assert.equal(key?.publicJwk.alg, "RS256");
		assert.equal(key?.publicJwk.kid, key?.kid);
		assert.equal(key?.publicJwk.d, undefined, "the public JWK carries no private member");
	});

	it("refuses a bad region, and the app rules of createApp", async () => {
		const d = deps();
		const input = { appId: "shop", region: "mars", rpId: "shop.example", allowedOrigins: [] };
		await assert.rejects(createPool(input, d), (e) => isPasskeyError(e, "invalid_argument"));
		await createPool({ ...input, region: "eu-west-2" }, d);
		await assert.rejects(createPool({ ...input, region: "eu-west-2" }, d), (e) => isPasskeyError(e, "app_already_exists"));
	});

	it("rotates: the new key is current and the old one stays listed, retired", async () => {
		const d = deps();
		const { userPoolId } = await createPool({ appId: "shop", region: "us-east-1", rpId: "shop.example", allowedOrigins: [] }, d);
		const kid = await rotatePoolKey(userPoolId, d);
		const keys = await d.store.pools.listKeys(userPoolId);
		assert.equal(keys.length, 2);
		assert.equal(keys[0]?.kid, kid);
		assert.equal(keys[0]?.retiredAt, null);
		assert.notEqual(keys[1]?.retiredAt, null);
		await assert.rejects(rotatePoolKey("us-east-1_Nope00000", d), (e) => isPasskeyError(e, "invalid_argument"));
	});
});

describe("randomText", () => {
	it("draws only from the alphabet, at the length asked", () => {
		const text = randomText(seededRandom("t"), { length: 500, alphabet: "ab1" });
		assert.match(text, /^[ab1]{500}$/);
	});
});
