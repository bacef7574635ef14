import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPasskeyError } from "@latchkey/protocol";
import { type ConformanceStores, credential, SIGN_IN_STATE, T0 } from "./fixtures.ts";

/** The credentials and aliases part of the store conformance suite. */
export function describeCredentials(stores: ConformanceStores): void {
	describe("credentials and aliases", () => {
		it("registers credentials, finds them by id and user, and keeps apps apart", async () => {
			const store = await stores.fresh();
			await store.credentials.register(credential("shop", "c1", "u1", { nickname: "Laptop", discoverable: true }), null);
			await store.credentials.register(credential("shop", "c2", "u1"), null);
			await store.credentials.register(credential("other", "c1", "u1"), null);
			const c1 = await store.credentials.findById("shop", "c1");
			assert.deepEqual(c1, credential("shop", "c1", "u1", { nickname: "Laptop", discoverable: true }));
			assert.deepEqual((await store.credentials.listByUser("shop", "u1")).map((c) => c.credentialId).sort(), ["c1", "c2"]);
			assert.deepEqual(
				(await store.credentials.listByUser("other", "u1")).map((c) => c.credentialId),
				["c1"],
			);
			assert.equal(await store.credentials.findById("shop", "c3"), null);
			await assert.rejects(store.credentials.register(credential("shop", "c1", "u2"), null), (e) =>
				isPasskeyError(e, "credential_already_registered"),
			);
		});
		it("replaces a user's aliases with the credential and refuses another user's alias atomically", async () => {
			const store = await stores.fresh();
			await store.credentials.register(credential("shop", "c1", "u1"), [
				{ hash: "h1", plaintext: "ada@x" },
				{ hash: "h2", plaintext: null },
			]);
			assert.equal(await store.aliases.findUserId("shop", "h1"), "u1");
			assert.equal(await store.aliases.findUserId("other", "h1"), null);
			await store.credentials.register(credential("shop", "c2", "u1"), [{ hash: "h3", plaintext: null }]);
			assert.equal(await store.aliases.findUserId("shop", "h1"), null);
			assert.deepEqual(await store.aliases.listByUser("shop", "u1"), [{ hash: "h3", plaintext: null }]);
			await assert.rejects(store.credentials.register(credential("shop", "c3", "u2"), [{ hash: "h3", plaintext: null }]), (e) =>
				isPasskeyError(e, "alias_conflict"),
			);
			assert.equal(await store.credentials.findById("shop", "c3"), null, "the credential is not stored when its aliases conflict");
			assert.deepEqual(await store.aliases.findConflicts("shop", "u2", ["h3", "h9"]), ["h3"]);
			assert.deepEqual(await store.aliases.findConflicts("shop", "u1", ["h3"]), []);
		});
		it("records a use only while the counter is the one checked (compare-and-swap)", async () => {
			const store = await stores.fresh();
			await store.credentials.register(credential("shop", "c1", "u1", { signCount: 3 }), null);
			const use = {
				appId: "shop",
				credentialId: "c1",
				expectedSignCount: 3,
				signCount: 4,
				backupState: true,
				usedAt: new Date("2025-02-01T00:00:00Z"),
				device: "Firefox, Linux",
				country: "SE",
			};
			assert.equal(await store.credentials.recordUse(use), true);
			assert.equal(await store.credentials.recordUse(use), false);
			const stored = await store.credentials.findById("shop", "c1");
			assert.equal(stored?.signCount, 4);
			assert.equal(stored?.backupState, true);
			assert.equal(stored?.device, "Firefox, Linux");
			assert.equal(stored?.country, "SE");
			assert.equal(stored?.lastUsedAt.toISOString(), "2025-02-01T00:00:00.000Z");
			assert.equal(await store.credentials.recordUse({ ...use, appId: "other", expectedSignCount: 4 }), false);
		});
		it("stores PRF support at registration, sets it from a sign-in (recordUse and finishSignIn), and never clears it", async () => {
			const store = await stores.fresh();
			await store.credentials.register(credential("shop", "c1", "u1", { prfSupported: true }), null);
			await store.credentials.register(credential("shop", "c2", "u1", { signCount: 1 }), null);
			assert.equal((await store.credentials.findById("shop", "c1"))?.prfSupported, true);
			assert.equal((await store.credentials.findById("shop", "c2"))?.prfSupported, false);
			const use = {
				appId: "shop",
				credentialId: "c2",
				expectedSignCount: 1,
				signCount: 2,
				backupState: false,
				usedAt: new Date("2025-02-01T00:00:00Z"),
				device: "d",
				country: "",
			};
			assert.equal(await store.credentials.recordUse(use), true);
			assert.equal((await store.credentials.findById("shop", "c2"))?.prfSupported, false, "a use without PRF leaves it");
			assert.equal(await store.credentials.recordUse({ ...use, expectedSignCount: 2, signCount: 3, prfSupported: true }), true);
			assert.equal((await store.credentials.findById("shop", "c2"))?.prfSupported, true);
			assert.equal(await store.credentials.recordUse({ ...use, expectedSignCount: 3, signCount: 4, prfSupported: false }), true);
			assert.equal((await store.credentials.findById("shop", "c2"))?.prfSupported, true, "never cleared");

			await store.credentials.register(credential("shop", "c3", "u1"), null);
			await store.ceremonies.put({
				id: "s9",
				appId: "shop",
				kind: "authentication",
				state: SIGN_IN_STATE,
				expiresAt: new Date("2025-01-01T00:05:00Z"),
			});
			const finished = await store.ceremonies.finishSignIn({
				ceremony: { appId: "shop", id: "s9" },
				use: { ...use, credentialId: "c3", expectedSignCount: 0, signCount: 0, prfSupported: true },
				counterMustMatch: false,
				token: { id: "t9", appId: "shop", kind: "verify", payload: { userId: "u1" }, expiresAt: new Date("2025-01-01T00:02:00Z") },
			});
			assert.equal(finished, "done");
			assert.equal((await store.credentials.findById("shop", "c3"))?.prfSupported, true);
		});
		it("deletes one credential, lists and counts users, and deletes a user with their aliases", async () => {
			const store = await stores.fresh();
			await store.credentials.register(credential("shop", "c1", "u1", { lastUsedAt: new Date("2025-03-01T00:00:00Z") }), [
				{ hash: "h1", plaintext: "ada@x" },
				{ hash: "h2", plaintext: null },
			]);
			await store.credentials.register(credential("shop", "c2", "u1"), null);
			await store.credentials.register(credential("shop", "c3", "u2"), null);
			await store.credentials.register(credential("other", "c9", "u9"), null);
			assert.equal(await store.credentials.countUsers("shop"), 2);
			const users = await store.credentials.listUsers("shop", 1000);
			assert.deepEqual(users, [
				{ userId: "u1", aliasCount: 2, aliases: ["ada@x", null], credentialsCount: 2, lastUsedAt: new Date("2025-03-01T00:00:00Z") },
				{ userId: "u2", aliasCount: 0, aliases: [], credentialsCount: 1, lastUsedAt: T0 },
			]);
			assert.equal((await store.credentials.listUsers("shop", 1)).length, 1);
			assert.equal(await store.credentials.rename("other", "c3", "x"), null, "another app cannot rename it");
			assert.equal((await store.credentials.rename("shop", "c3", "Work laptop"))?.nickname, "Work laptop");
			assert.equal((await store.credentials.findById("shop", "c3"))?.nickname, "Work laptop");
			assert.equal((await store.credentials.rename("shop", "c3", null))?.nickname, null);
			assert.equal(await store.credentials.rename("shop", "nope", "x"), null);
			assert.equal(await store.credentials.delete("other", "c3"), null, "another app cannot delete it");
			assert.equal((await store.credentials.delete("shop", "c3"))?.userId, "u2");
			assert.equal(await store.credentials.delete("shop", "c3"), null);
			assert.deepEqual(await store.credentials.deleteUser("shop", "u1"), { credentials: 2, aliases: 2 });
			assert.equal(await store.credentials.countUsers("shop"), 0);
			assert.equal(await store.aliases.findUserId("shop", "h1"), null);
			assert.equal(await store.credentials.countUsers("other"), 1);
		});
		it("replaces a user's aliases on their own, refusing another user's alias without changing anything", async () => {
			const store = await stores.fresh();
			await store.aliases.replaceForUser("shop", "u1", [
				{ hash: "h1", plaintext: null },
				{ hash: "h2", plaintext: "b" },
			]);
			await store.aliases.replaceForUser("shop", "u2", [{ hash: "h3", plaintext: null }]);
			await assert.rejects(store.aliases.replaceForUser("shop", "u2", [{ hash: "h1", plaintext: null }]), (e) =>
				isPasskeyError(e, "alias_conflict"),
			);
			assert.deepEqual(await store.aliases.listByUser("shop", "u2"), [{ hash: "h3", plaintext: null }]);
			await store.aliases.replaceForUser("shop", "u1", []);
			assert.deepEqual(await store.aliases.listByUser("shop", "u1"), []);
			await store.aliases.replaceForUser("other", "u5", [{ hash: "h3", plaintext: null }]);
			assert.equal(await store.aliases.findUserId("other", "h3"), "u5");
		});
	});
}
