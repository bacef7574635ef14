import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPasskeyError } from "@latchkey/protocol";
import { type ConformanceStores, credential, REGISTRATION_STATE, SIGN_IN_STATE } from "./fixtures.ts";

/** The ceremonies part of the store conformance suite. */
export function describeCeremonies(stores: ConformanceStores): void {
	describe("ceremonies", () => {
		it("hands a ceremony to exactly one taker, and only within its app", async () => {
			const store = await stores.fresh();
			const ceremony = {
				id: "s1",
				appId: "shop",
				kind: "authentication" as const,
				state: SIGN_IN_STATE,
				expiresAt: new Date("2025-01-01T00:05:00Z"),
			};
			await store.ceremonies.put(ceremony);
			assert.equal(await store.ceremonies.take("other", "s1"), null);
			const takers = await Promise.all(Array.from({ length: 10 }, () => store.ceremonies.take("shop", "s1")));
			assert.equal(takers.filter((t) => t !== null).length, 1);
			assert.deepEqual(
				takers.find((t) => t !== null),
				ceremony,
			);
		});
		it("finishes a sign-in once: takes the ceremony, records the use and stores the token in one write", async () => {
			const store = await stores.fresh();
			await store.credentials.register(credential("shop", "c1", "u1", { signCount: 3 }), null);
			const ceremony = {
				id: "s1",
				appId: "shop",
				kind: "authentication" as const,
				state: SIGN_IN_STATE,
				expiresAt: new Date("2025-01-01T00:05:00Z"),
			};
			await store.ceremonies.put(ceremony);
			assert.deepEqual(await store.ceremonies.find("shop", "s1"), ceremony, "find does not take");
			assert.equal(await store.ceremonies.find("other", "s1"), null);
			const use = {
				appId: "shop",
				credentialId: "c1",
				expectedSignCount: 3,
				signCount: 4,
				backupState: false,
				usedAt: new Date("2025-02-01T00:00:00Z"),
				device: "d",
				country: "SE",
			};
			const token = (id: string) => ({
				id,
				appId: "shop",
				kind: "verify" as const,
				payload: { userId: "u1" },
				expiresAt: new Date("2025-01-01T00:02:00Z"),
			});
			const finishes = await Promise.all(
				Array.from({ length: 5 }, (_, i) =>
					store.ceremonies.finishSignIn({ ceremony: { appId: "shop", id: "s1" }, use, counterMustMatch: true, token: token(`t${i}`) }),
				),
			);
			assert.deepEqual(finishes.sort(), ["ceremony_gone", "ceremony_gone", "ceremony_gone", "ceremony_gone", "done"]);
			const winner = finishes.indexOf("done");
			assert.equal(await store.ceremonies.find("shop", "s1"), null);
			assert.equal((await store.credentials.findById("shop", "c1"))?.signCount, 4);
			const stored = await Promise.all(Array.from({ length: 5 }, (_, i) => store.tokens.find("shop", `t${i}`)));
			assert.equal(stored.filter(Boolean).length, 1, "only the winner's token is stored");
			assert.ok(winner >= 0);

			// The counter moved since it was read: the ceremony is used up, no token.
			await store.ceremonies.put({ ...ceremony, id: "s2" });
			assert.equal(
				await store.ceremonies.finishSignIn({ ceremony: { appId: "shop", id: "s2" }, use, counterMustMatch: true, token: token("t9") }),
				"counter_conflict",
			);
			assert.equal(await store.ceremonies.find("shop", "s2"), null);
			assert.equal(await store.tokens.find("shop", "t9"), null);
			// A passkey without a counter: a failed compare-and-swap does not fail the sign-in.
			await store.ceremonies.put({ ...ceremony, id: "s3" });
			assert.equal(
				await store.ceremonies.finishSignIn({ ceremony: { appId: "shop", id: "s3" }, use, counterMustMatch: false, token: token("t10") }),
				"done",
			);
			assert.ok(await store.tokens.find("shop", "t10"));
			// Another app's ceremony is never finished.
			await store.ceremonies.put({ ...ceremony, id: "s4", appId: "other" });
			assert.equal(
				await store.ceremonies.finishSignIn({ ceremony: { appId: "shop", id: "s4" }, use, counterMustMatch: false, token: token("t11") }),
				"ceremony_gone",
			);
			assert.ok(await store.ceremonies.find("other", "s4"));
		});
		it("finishes a registration once, and writes nothing when the credential or an alias is taken", async () => {
			const store = await stores.fresh();
			const ceremony = {
				id: "r1",
				appId: "shop",
				kind: "registration" as const,
				state: REGISTRATION_STATE,
				expiresAt: new Date("2025-01-01T00:05:00Z"),
			};
			const token = (id: string) => ({
				id,
				appId: "shop",
				kind: "verify" as const,
				payload: { userId: "u1" },
				expiresAt: new Date("2025-01-01T00:02:00Z"),
			});
			await store.ceremonies.put(ceremony);
			assert.deepEqual(await store.ceremonies.find("shop", "r1"), ceremony, "a registration reads back as one, state and all");
			const finish = (id: string, cred: string, user: string, aliases: { hash: string; plaintext: string | null }[] | null) =>
				store.ceremonies.finishRegistration({
					ceremony: { appId: "shop", id },
					credential: credential("shop", cred, user),
					aliases,
					token: token(`t-${id}-${cred}`),
				});
			// Two finishes of one ceremony race (on PostgreSQL on two pooled connections): either may win, exactly one does.
			const alias = [{ hash: "h1", plaintext: "ada@x" }];
			const finishes = await Promise.all([finish("r1", "c1", "u1", alias), finish("r1", "c2", "u1", alias)]);
			assert.deepEqual([...finishes].sort(), ["ceremony_gone", "done"]);
			const [won, lost] = finishes[0] === "done" ? ["c1", "c2"] : ["c2", "c1"];
			assert.ok(await store.credentials.findById("shop", won));
			assert.equal(await store.credentials.findById("shop", lost), null);
			assert.ok(await store.tokens.find("shop", `t-r1-${won}`));
			assert.equal(await store.tokens.find("shop", `t-r1-${lost}`), null);
			assert.equal(await store.aliases.findUserId("shop", "h1"), "u1");
			assert.equal(await store.ceremonies.find("shop", "r1"), null);

			await store.ceremonies.put({ ...ceremony, id: "r2" });
			await assert.rejects(finish("r2", won, "u2", null), (e) => isPasskeyError(e, "credential_already_registered"));
			await assert.rejects(finish("r2", "c3", "u2", [{ hash: "h1", plaintext: null }]), (e) => isPasskeyError(e, "alias_conflict"));
			assert.ok(await store.ceremonies.find("shop", "r2"), "a failed finish leaves the ceremony (the caller takes it)");
			assert.equal(await store.tokens.find("shop", `t-r2-${won}`), null);
			assert.equal(await store.tokens.find("shop", "t-r2-c3"), null);
			assert.equal(await store.credentials.findById("shop", "c3"), null);
		});
	});
}
