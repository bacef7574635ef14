import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { isPasskeyError } from "@latchkey/protocol";
import {
	type ApiKeyRecord,
	type App,
	type AuthenticationState,
	type Credential,
	DEFAULT_APP_SETTINGS,
	type RegistrationState,
	type Store,
	type TransferRecord,
} from "./store.ts";

/** Makes a fresh, empty store for one test, and a way to dispose of it. */
export type StoreFactory = () => Promise<{ store: Store; dispose(): Promise<void> }>;

const T0 = new Date("2025-01-01T00:00:00Z");

/** A sign-in's state as `/signin/begin` stores it. */
const SIGN_IN_STATE: AuthenticationState = {
	challenge: "abc",
	origin: "https://shop.example",
	rpId: "shop.example",
	userVerification: "preferred",
	allowCredentials: ["c1"],
	purpose: "sign-in",
	ttlSeconds: 120,
};

/** A registration's state as `/register/begin` stores it (one alias kept as plaintext, one only as its hash). */
const REGISTRATION_STATE: RegistrationState = {
	challenge: "def",
	origin: "https://shop.example",
	rpId: "shop.example",
	userId: "u1",
	userHandle: "dTE",
	userVerification: "required",
	aliases: [
		{ hash: "h0", plaintext: "ada@x" },
		{ hash: "h9", plaintext: null },
	],
};

function app(id: string): App {
	return { id, settings: { ...DEFAULT_APP_SETTINGS, rpId: "shop.example", allowedOrigins: ["https://shop.example"] }, createdAt: T0 };
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

async function collect(records: AsyncIterable<TransferRecord>): Promise<TransferRecord[]> {
	const all: TransferRecord[] = [];
	for await (const record of records) all.push(record);
	return all;
}

async function* replay(records: TransferRecord[]): AsyncGenerator<TransferRecord> {
	yield* records;
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
			const store = await fresh();
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
			const store = await fresh();
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
			const finishes = await Promise.all([finish("r1", "c1", "u1", [{ hash: "h1", plaintext: "ada@x" }]), finish("r1", "c2", "u1", null)]);
			assert.deepEqual(finishes, ["done", "ceremony_gone"]);
			assert.ok(await store.credentials.findById("shop", "c1"));
			assert.equal(await store.credentials.findById("shop", "c2"), null);
			assert.ok(await store.tokens.find("shop", "t-r1-c1"));
			assert.equal(await store.aliases.findUserId("shop", "h1"), "u1");
			assert.equal(await store.ceremonies.find("shop", "r1"), null);

			await store.ceremonies.put({ ...ceremony, id: "r2" });
			await assert.rejects(finish("r2", "c1", "u2", null), (e) => isPasskeyError(e, "credential_already_registered"));
			await assert.rejects(finish("r2", "c3", "u2", [{ hash: "h1", plaintext: null }]), (e) => isPasskeyError(e, "alias_conflict"));
			assert.ok(await store.ceremonies.find("shop", "r2"), "a failed finish leaves the ceremony (the caller takes it)");
			assert.equal(await store.tokens.find("shop", "t-r2-c1"), null);
			assert.equal(await store.tokens.find("shop", "t-r2-c3"), null);
			assert.equal(await store.credentials.findById("shop", "c3"), null);
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

		it("deletes one credential, lists and counts users, and deletes a user with their aliases", async () => {
			const store = await fresh();
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
			assert.equal(await store.credentials.delete("other", "c3"), null, "another app cannot delete it");
			assert.equal((await store.credentials.delete("shop", "c3"))?.userId, "u2");
			assert.equal(await store.credentials.delete("shop", "c3"), null);
			assert.deepEqual(await store.credentials.deleteUser("shop", "u1"), { credentials: 2, aliases: 2 });
			assert.equal(await store.credentials.countUsers("shop"), 0);
			assert.equal(await store.aliases.findUserId("shop", "h1"), null);
			assert.equal(await store.credentials.countUsers("other"), 1);
		});

		it("replaces a user's aliases on their own, refusing another user's alias without changing anything", async () => {
			const store = await fresh();
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

		it("stores authentication configurations per app", async () => {
			const store = await fresh();
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

		it("purges more expired tokens and events than one batch holds, and nothing live", async () => {
			const store = await fresh();
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

		it("appends events, pages them newest first, and purges old ones per app", async () => {
			const store = await fresh();
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

		it("updates an app's settings", async () => {
			const store = await fresh();
			const settings = { ...app("shop").settings, eventRetentionDays: 7, generateSigninTokensEnabled: false };
			await store.apps.updateSettings("shop", settings);
			assert.deepEqual((await store.apps.findById("shop"))?.settings, settings);
		});

		it("exports every durable record, imports them into an empty store all or nothing, and refuses a store with apps", async () => {
			const store = await fresh();
			await store.credentials.register(credential("shop", "c1", "u1", { signCount: 7, nickname: "Key", discoverable: false }), [
				{ hash: "h1", plaintext: "ada@x" },
				{ hash: "h2", plaintext: null },
			]);
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
			await store.tokens.put({ id: "t1", appId: "shop", kind: "verify", payload: {}, expiresAt: new Date("2030-01-01T00:00:00Z") });

			const exported = await collect(store.transfer.exportAll({ events: true }));
			assert.deepEqual(
				exported.map((r) => r.type),
				["app", "app", "apiKey", "apiKey", "authConfig", "credential", "credential", "alias", "alias", "event", "event", "event"],
			);
			assert.deepEqual(exported[0], { type: "app", app: app("other") });
			assert.deepEqual(exported[7], { type: "alias", appId: "shop", userId: "u1", alias: { hash: "h1", plaintext: "ada@x" } });
			assert.deepEqual(
				exported.flatMap((r) => (r.type === "event" ? [r.event.message] : [])),
				["elsewhere", "first", "second"],
			);
			assert.equal((await collect(store.transfer.exportAll({ events: false }))).length, 9);

			const { store: target, dispose } = await factory();
			disposers.push(dispose);
			const counts = await target.transfer.importAll(replay(exported));
			assert.deepEqual(counts, { app: 2, apiKey: 2, authConfig: 1, credential: 2, alias: 2, event: 3 });
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
			const { store: partial, dispose: disposePartial } = await factory();
			disposers.push(disposePartial);
			const orphan: TransferRecord = { type: "alias", appId: "ghost", userId: "u1", alias: { hash: "h9", plaintext: null } };
			await assert.rejects(partial.transfer.importAll(replay([...exported.slice(0, 2), orphan])));
			assert.deepEqual(await partial.apps.list(), [], "a failed import keeps nothing");
		});

		it("adds, lists, locks, unlocks and deletes an app's keys", async () => {
			const store = await fresh();
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

		it("counts rate-limit hits per key and window", async () => {
			const store = await fresh();
			const at = (ms: number) => new Date(Date.UTC(2025, 0, 1) + ms);
			assert.deepEqual(await store.rateLimits.hit("ip:1", 60_000, at(1_000)), { count: 1, resetAt: at(60_000) });
			assert.equal((await store.rateLimits.hit("ip:1", 60_000, at(59_999))).count, 2);
			assert.equal((await store.rateLimits.hit("ip:2", 60_000, at(2_000))).count, 1);
			assert.deepEqual(await store.rateLimits.hit("ip:1", 60_000, at(60_000)), { count: 1, resetAt: at(120_000) });
		});

		it("answers ping", async () => {
			const store = await fresh();
			await store.ping();
		});
	});
}
