import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { isPasskeyError } from "@latchkey/protocol";
import type { ApiKeyRecord, App, Credential, Store } from "./store.ts";

/** Makes a fresh, empty store for one test, and a way to dispose of it. */
export type StoreFactory = () => Promise<{ store: Store; dispose(): Promise<void> }>;

const T0 = new Date("2025-01-01T00:00:00Z");

function app(id: string): App {
	return { id, settings: { rpId: "shop.example", allowedOrigins: ["https://shop.example"], reusableVerifyTokens: false }, createdAt: T0 };
}

function key(appId: string, id: string): ApiKeyRecord {
	return {
		id,
		appId,
		kind: "public",
		scopes: ["register", "login"],
		salt: new Uint8Array([1, 2]),
		hash: new Uint8Array([3, 4]),
		locked: false,
		createdAt: T0,
	};
}

function credential(appId: string, credentialId: string, userId: string, extra: Partial<Credential> = {}): Credential {
	return {
		appId,
		credentialId,
		userId,
		userHandle: Buffer.from(userId).toString("base64url"),
		publicKey: new Uint8Array([0xa5, 1, 2, 3]),
		signCount: 0,
		transports: ["internal", "hybrid"],
		aaguid: "00000000-0000-0000-0000-000000000000",
		attestationFmt: "none",
		backupEligible: true,
		backupState: false,
		discoverable: null,
		rpId: "shop.example",
		origin: "https://shop.example",
		device: "Chrome, Mac OS 10",
		country: "",
		nickname: null,
		createdAt: T0,
		lastUsedAt: T0,
		...extra,
	};
}

/**
 * The store conformance suite: every store implementation (memory, SQLite, PostgreSQL) must pass it.
 * @param name - the implementation's name, for the test titles
 * @param factory - makes a fresh store per test
 */
export function describeStore(name: string, factory: StoreFactory): void {
	describe(`Store conformance: ${name}`, () => {
		const disposers: (() => Promise<void>)[] = [];
		after(async () => {
			for (const dispose of disposers) await dispose();
		});
		const fresh = async (): Promise<Store> => {
			const { store, dispose } = await factory();
			disposers.push(dispose);
			await store.apps.create(app("shop"), [key("shop", "public-aaaa")]);
			await store.apps.create(app("other"), [key("other", "public-bbbb")]);
			return store;
		};

		it("creates apps with their keys and refuses a duplicate id", async () => {
			const store = await fresh();
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

		it("registers credentials, finds them by id and user, and keeps apps apart", async () => {
			const store = await fresh();
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
			const store = await fresh();
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
			const store = await fresh();
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

		it("hands a ceremony to exactly one taker, and only within its app", async () => {
			const store = await fresh();
			const ceremony = {
				id: "s1",
				appId: "shop",
				kind: "authentication" as const,
				state: { challenge: "abc", allow: ["c1"] },
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

		it("finds tokens without consuming them, takes them once, and purges expired ones", async () => {
			const store = await fresh();
			const token = {
				id: "t1",
				appId: "shop",
				kind: "verify" as const,
				payload: { userId: "u1", n: 1 },
				expiresAt: new Date("2025-01-01T00:02:00Z"),
			};
			await store.tokens.put(token);
			await store.tokens.put({ ...token, id: "t2", expiresAt: new Date("2025-01-01T00:10:00Z") });
			await store.ceremonies.put({ id: "s1", appId: "shop", kind: "registration", state: {}, expiresAt: new Date("2025-01-01T00:01:00Z") });
			assert.deepEqual(await store.tokens.find("shop", "t1"), token);
			assert.deepEqual(await store.tokens.find("shop", "t1"), token);
			assert.equal(await store.tokens.find("other", "t1"), null);
			assert.equal(await store.tokens.purgeExpired(new Date("2025-01-01T00:03:00Z")), 2);
			assert.equal(await store.tokens.find("shop", "t1"), null);
			assert.equal(await store.ceremonies.take("shop", "s1"), null);
			assert.ok(await store.tokens.take("shop", "t2"));
			assert.equal(await store.tokens.take("shop", "t2"), null);
		});

		it("answers ping", async () => {
			const store = await fresh();
			await store.ping();
		});
	});
}
