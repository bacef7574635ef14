import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPasskeyError } from "@latchkey/protocol";
import { type ConformanceStores, T0 } from "./fixtures.ts";

/** The authentication configurations part of the store conformance suite. */
export function describeAuthConfigs(stores: ConformanceStores): void {
	describe("authentication configurations", () => {
		it("stores authentication configurations per app", async () => {
			const store = await stores.fresh();
			const config = {
				appId: "shop",
				purpose: "transfer",
				userVerification: "required" as const,
				timeToLiveSeconds: 30,
				hints: ["security-key" as const],
				createdBy: "admin",
				createdOn: T0,
				editedBy: null,
				editedOn: null,
				lastUsedOn: null,
			};
			await store.authConfigs.create(config);
			await assert.rejects(store.authConfigs.create(config), (e) => isPasskeyError(e, "auth_config_already_exists"));
			assert.deepEqual(await store.authConfigs.find("shop", "transfer"), config);
			assert.equal(await store.authConfigs.find("other", "transfer"), null);
			await store.authConfigs.save({ ...config, timeToLiveSeconds: 60, editedBy: "bob", editedOn: T0 });
			assert.equal((await store.authConfigs.list("shop"))[0]?.timeToLiveSeconds, 60);
			assert.equal(await store.authConfigs.delete("shop", "transfer"), true);
			assert.equal(await store.authConfigs.delete("shop", "transfer"), false);
			assert.deepEqual(await store.authConfigs.list("shop"), []);
		});
	});
}
