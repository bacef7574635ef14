import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPasskeyError } from "@latchkey/protocol";
import { app, type ConformanceStores, key } from "./fixtures.ts";

/** The apps and API keys part of the store conformance suite. */
export function describeAppsAndKeys(stores: ConformanceStores): void {
	describe("apps and API keys", () => {
		it("creates apps with their keys and refuses a duplicate id", async () => {
			const store = await stores.fresh();
			const found = await store.apps.findById("shop");
			assert.deepEqual(found, app("shop"));
			assert.equal(await store.apps.findById("nope"), null);
			assert.deepEqual(
				(await store.apiKeys.listByApp("shop", "public")).map((k) => k.id),
				["public-aaaa"],
			);
			assert.deepEqual(await store.apiKeys.listByApp("shop", "secret"), []);
			const keys = await store.apiKeys.listByApp("shop", "public");
			assert.deepEqual(keys[0]?.hash, new Uint8Array([3, 4]));
			await assert.rejects(store.apps.create(app("shop"), []), (e) => isPasskeyError(e, "app_already_exists"));
			assert.deepEqual(
				(await store.apps.list()).map((a) => a.id),
				["other", "shop"],
			);
		});
		it("updates an app's settings", async () => {
			const store = await stores.fresh();
			const settings = { ...app("shop").settings, eventRetentionDays: 7, generateSigninTokensEnabled: false };
			await store.apps.updateSettings("shop", settings);
			assert.deepEqual((await store.apps.findById("shop"))?.settings, settings);
		});
		it("adds, lists, locks, unlocks and deletes an app's keys", async () => {
			const store = await stores.fresh();
			const secret = {
				...key("shop", "secret-cccc"),
				kind: "secret" as const,
				scopes: ["token_verify" as const],
				createdAt: new Date("2025-02-01T00:00:00Z"),
			};
			await store.apiKeys.add(secret);
			await assert.rejects(store.apiKeys.add(secret), (e) => isPasskeyError(e, "invalid_argument"));
			await assert.rejects(store.apiKeys.add({ ...secret, appId: "ghost" }), (e) => isPasskeyError(e, "app_not_found"));
			assert.deepEqual(
				(await store.apiKeys.listAll("shop")).map((k) => k.id),
				["public-aaaa", "secret-cccc"],
			);
			assert.equal(await store.apiKeys.setLocked("shop", "secret-cccc", true), true);
			assert.equal((await store.apiKeys.listByApp("shop", "secret"))[0]?.locked, true);
			assert.equal(await store.apiKeys.setLocked("other", "secret-cccc", false), false, "another app cannot touch it");
			assert.equal(await store.apiKeys.setLocked("shop", "secret-cccc", false), true);
			assert.equal((await store.apiKeys.listByApp("shop", "secret"))[0]?.locked, false);
			assert.equal(await store.apiKeys.delete("shop", "secret-cccc"), true);
			assert.equal(await store.apiKeys.delete("shop", "secret-cccc"), false);
			assert.deepEqual(await store.apiKeys.listByApp("shop", "secret"), []);
		});
	});
}
