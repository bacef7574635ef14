import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ServerProcess, startServer, type TestApp } from "@latchkey/test-support";
import { Latchkey } from "../src/latchkey.ts";
import { LatchkeyError } from "../src/latchkey-error.ts";
import { browserStandIn } from "./support/browser-stand-in.ts";

/** Standard base64 (what /signin/verify writes) of a base64url credential id. */
const toStandardBase64 = (base64url: string): string => Buffer.from(base64url, "base64url").toString("base64");

let server: ServerProcess;
let appCount = 0;

/** A fresh app (so user counts and event logs start empty), its SDK client and a browser stand-in. */
async function freshApp(options: { reusableVerifyTokens?: boolean } = {}) {
	appCount++;
	const app: TestApp = await server.createApp({ appId: `nodesdk${appCount}`, rpId: "localhost", ...options });
	const latchkey = new Latchkey({ apiUrl: server.url, apiSecret: app.apiSecret });
	return { app, latchkey, browser: browserStandIn(server.url, app.apiKey) };
}

describe("@latchkey/node against latchkey serve", () => {
	before(async () => {
		server = await startServer();
	});
	after(async () => {
		await server.stop();
		server.cleanup();
	});

	describe("register tokens and verify", () => {
		it("registers a passkey with a register token and verifies the passkey_register token", async () => {
			const { latchkey, browser } = await freshApp();
			const { token } = await latchkey.createRegisterToken({
				userId: "user-1",
				username: "ada@example.com",
				displayName: "Ada",
				aliases: ["ada@example.com"],
				expiresAt: new Date(Date.now() + 60_000),
			});
			assert.match(token, /^register_/);
			const { credentialId, verifyToken } = await browser.register(token, "Work laptop");
			const user = await latchkey.verifyToken(verifyToken);
			assert.equal(user.type, "passkey_register");
			assert.equal(user.userId, "user-1");
			assert.equal(user.success, true);
			assert.equal(user.rpId, "localhost");
			assert.equal(user.origin, browser.origin);
			assert.equal(user.nickname, "Work laptop");
			assert.equal(user.credentialId, toStandardBase64(credentialId));
			assert.ok(user.timestamp instanceof Date && Math.abs(user.timestamp.getTime() - Date.now()) < 60_000);
			assert.ok(user.expiresAt > user.timestamp);
			assert.match(user.raw.expiresAt, /Z$/);
		});

		it("verifies a sign-in once, then refuses the spent token with invalid_token", async () => {
			const { latchkey, browser } = await freshApp();
			await browser.register((await latchkey.createRegisterToken({ userId: "user-2", username: "bo" })).token);
			const verifyToken = await browser.signIn({ userId: "user-2" });
			const user = await latchkey.verifyToken(verifyToken);
			assert.equal(user.type, "passkey_signin");
			assert.equal(user.purpose, "sign-in");
			await assert.rejects(latchkey.verifyToken(verifyToken), { name: "LatchkeyError", errorCode: "invalid_token", status: 400 });
		});

		it("maps bad register-token options and bad verify tokens to the server's codes", async () => {
			const { latchkey } = await freshApp();
			await assert.rejects(latchkey.createRegisterToken({ userId: "u", username: "u", attestation: "Direct" as never }), {
				errorCode: "invalid_attestation",
			});
			assert.match((await latchkey.createRegisterToken({ userId: "u", username: "u", attestation: "enterprise" })).token, /^register_/);
			await assert.rejects(latchkey.createRegisterToken({ userId: "", username: "u" }), { errorCode: "invalid_request", status: 400 });
			await assert.rejects(latchkey.verifyToken("register_nope"), { errorCode: "invalid_token" });
			await assert.rejects(latchkey.verifyToken(""), { errorCode: "missing_token" });
		});
	});

	describe("createSigninToken", () => {
		it("makes a single-use signin_ token whose sign-in verifies as passkey_signin with its purpose", async () => {
			const { latchkey, browser } = await freshApp();
			await browser.register((await latchkey.createRegisterToken({ userId: "tok-1", username: "ada" })).token);
			const { token } = await latchkey.createSigninToken({ userId: "tok-1", purpose: "step-up", expiresAt: new Date(Date.now() + 60_000) });
			assert.match(token, /^signin_[A-Za-z0-9_-]{43}$/);
			const user = await latchkey.verifyToken(await browser.signIn({ token }));
			assert.equal(user.userId, "tok-1");
			assert.equal(user.type, "passkey_signin");
			assert.equal(user.purpose, "step-up");
			await assert.rejects(browser.signIn({ token }), /invalid_token/);
			const unknown = await latchkey.createSigninToken({ userId: "nobody" });
			await assert.rejects(browser.signIn({ token: unknown.token }), /no_passkeys/);
		});

		it("maps bad options to the server's codes", async () => {
			const { latchkey } = await freshApp();
			await assert.rejects(latchkey.createSigninToken({ userId: "u", expiresAt: new Date(Date.now() - 1000) }), {
				errorCode: "invalid_argument",
				status: 400,
			});
			await assert.rejects(latchkey.createSigninToken({ userId: "" }), { errorCode: "invalid_request", status: 400 });
		});
	});

	describe("generateSigninToken", () => {
		it("makes a generated_signin token with the purpose, until the feature is switched off", async () => {
			const { latchkey } = await freshApp();
			const { token } = await latchkey.generateSigninToken({ userId: "recover-me", timeToLive: 600, purpose: "recovery" });
			const user = await latchkey.verifyToken(token);
			assert.equal(user.type, "generated_signin");
			assert.equal(user.userId, "recover-me");
			assert.equal(user.purpose, "recovery");
			assert.equal(Math.round((user.expiresAt.getTime() - user.timestamp.getTime()) / 1000), 600);

			await latchkey.setAppFeatures({ enableManuallyGeneratedAuthenticationTokens: false });
			await assert.rejects(latchkey.generateSigninToken({ userId: "x" }), { errorCode: "generate_token_disabled", status: 403 });
			await latchkey.setAppFeatures({ enableManuallyGeneratedAuthenticationTokens: true });
			assert.match((await latchkey.generateSigninToken({ userId: "x" })).token, /^verify_/);
		});
	});

	describe("aliases", () => {
		it("sets and lists aliases for a userId that needs URL encoding", async () => {
			const { app, latchkey } = await freshApp();
			const userId = "ada/1 & b=c?#é";
			await latchkey.setAliases({ userId, aliases: ["ada@example.com", "ada"], hashing: false });
			const aliases = await latchkey.listAliases(userId);
			assert.deepEqual(aliases.map((a) => a.plaintext).sort(), ["ada", "ada@example.com"]);
			for (const alias of aliases) {
				assert.equal(alias.userId, userId);
				assert.equal(alias.tenant, app.appId);
				const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${app.appId}${alias.plaintext}`));
				assert.equal(alias.alias, Buffer.from(hash).toString("base64"));
			}
			await latchkey.setAliases({ userId, aliases: ["hidden@example.com"] });
			const [hidden] = await latchkey.listAliases(userId);
			assert.equal(hidden?.plaintext, null);
			await latchkey.setAliases({ userId, aliases: [] });
			assert.deepEqual(await latchkey.listAliases(userId), []);
		});

		it("throws alias_conflict (409) for another user's alias and missing_userid for an empty userId", async () => {
			const { latchkey } = await freshApp();
			await latchkey.setAliases({ userId: "one", aliases: ["shared"] });
			await assert.rejects(latchkey.setAliases({ userId: "two", aliases: ["shared"] }), { errorCode: "alias_conflict", status: 409 });
			await assert.rejects(latchkey.listAliases(""), { status: 400 });
		});
	});

	describe("credentials", () => {
		it("lists a user's passkeys with the stored details and deletes one", async () => {
			const { app, latchkey, browser } = await freshApp();
			const { token } = await latchkey.createRegisterToken({ userId: "user 3", username: "cy" });
			const { credentialId } = await browser.register(token, "Phone");
			const otherDevice = browserStandIn(server.url, app.apiKey); // the same authenticator is excluded the second time
			const { credentialId: secondId } = await otherDevice.register(token);
			const credentials = await latchkey.listCredentials("user 3");
			assert.deepEqual(credentials.map((c) => c.descriptor.id).sort(), [credentialId, secondId].sort());
			const phone = credentials.find((c) => c.descriptor.id === credentialId);
			assert.ok(phone);
			assert.equal(phone.userId, "user 3");
			assert.equal(phone.nickname, "Phone");
			assert.equal(phone.rpid, "localhost");
			assert.equal(phone.origin, browser.origin);
			assert.equal(phone.userHandle, Buffer.from("user 3").toString("base64"));
			assert.ok(phone.createdAt instanceof Date && Math.abs(phone.createdAt.getTime() - Date.now()) < 60_000);
			assert.ok(phone.lastUsedAt === null || phone.lastUsedAt instanceof Date);
			assert.match(phone.aaGuid, /^[0-9a-f-]{36}$/);

			await latchkey.deleteCredential(credentialId);
			assert.deepEqual(
				(await latchkey.listCredentials("user 3")).map((c) => c.descriptor.id),
				[secondId],
			);
			const error = await latchkey.deleteCredential(credentialId).catch((e: unknown) => e);
			assert.ok(error instanceof LatchkeyError);
			assert.equal(error.errorCode, "credential_not_found");
			assert.equal(error.status, 404);
			assert.equal(error.problem?.errorCode, "credential_not_found");
		});

		it("reads one passkey and renames it, then clears its nickname (Latchkey extensions)", async () => {
			const { latchkey, browser } = await freshApp();
			const { token } = await latchkey.createRegisterToken({ userId: "user 4", username: "di" });
			const { credentialId } = await browser.register(token, "Phone");
			const passkey = await latchkey.getCredential(credentialId);
			assert.equal(passkey.nickname, "Phone");
			assert.equal(passkey.userId, "user 4");
			assert.ok(passkey.createdAt instanceof Date);
			await latchkey.updateCredential(credentialId, { nickname: "Work phone" });
			assert.equal((await latchkey.getCredential(Buffer.from(credentialId, "base64url").toString("base64"))).nickname, "Work phone");
			assert.equal((await latchkey.listCredentials("user 4"))[0]?.nickname, "Work phone");
			await latchkey.updateCredential(credentialId, { nickname: null });
			assert.equal((await latchkey.getCredential(credentialId)).nickname, null);
			await assert.rejects(latchkey.updateCredential(credentialId, { nickname: "x".repeat(65) }), { errorCode: "invalid_argument" });
			await assert.rejects(latchkey.getCredential("AAAA"), { errorCode: "credential_not_found", status: 404 });
			await assert.rejects(latchkey.updateCredential("AAAA", { nickname: "x" }), { errorCode: "credential_not_found" });
		});

		it("gives the Signal API's arguments: accepted passkey ids after a delete, and the current user details (Latchkey extensions)", async () => {
			const { latchkey, browser } = await freshApp();
			const { token } = await latchkey.createRegisterToken({ userId: "user 5", username: "ed" });
			const { credentialId } = await browser.register(token, "Phone");
			const handle = Buffer.from("user 5").toString("base64url");
			assert.deepEqual(await latchkey.getAcceptedCredentialsSignal("user 5"), {
				rpId: "localhost",
				userId: handle,
				allAcceptedCredentialIds: [credentialId],
			});
			await latchkey.deleteCredential(credentialId);
			assert.deepEqual((await latchkey.getAcceptedCredentialsSignal("user 5")).allAcceptedCredentialIds, []);
			assert.equal((await latchkey.getAcceptedCredentialsSignal("user 5", { rpId: "other.example" })).rpId, "other.example");
			assert.deepEqual(await latchkey.getUserDetailsSignal("user 5", { name: "ed@example.com", displayName: "Ed" }), {
				rpId: "localhost",
				userId: handle,
				name: "ed@example.com",
				displayName: "Ed",
			});
			assert.equal((await latchkey.getUserDetailsSignal("user 5", { name: "ed" })).displayName, "ed");
			await assert.rejects(latchkey.getAcceptedCredentialsSignal(" "), { errorCode: "missing_userid" });
		});

		it("returns [] for a user without passkeys", async () => {
			const { latchkey } = await freshApp();
			assert.deepEqual(await latchkey.listCredentials("nobody"), []);
		});
	});

	describe("users", () => {
		it("lists, counts and deletes users", async () => {
			const { latchkey, browser } = await freshApp();
			assert.equal(await latchkey.countUsers(), 0);
			await browser.register(
				(await latchkey.createRegisterToken({ userId: "u1", username: "u1", aliases: ["u1@x"], aliasHashing: false })).token,
			);
			await browser.register((await latchkey.createRegisterToken({ userId: "u2", username: "u2" })).token);
			assert.equal(await latchkey.countUsers(), 2);
			const users = await latchkey.listUsers();
			const u1 = users.find((u) => u.userId === "u1");
			assert.deepEqual(users.map((u) => u.userId).sort(), ["u1", "u2"]);
			assert.equal(u1?.credentialsCount, 1);
			assert.equal(u1?.aliasCount, 1);
			assert.deepEqual(u1?.aliases, ["u1@x"]);
			assert.ok(u1?.lastUsedAt === null || u1?.lastUsedAt instanceof Date);

			assert.equal(await latchkey.deleteUser("u1"), undefined);
			assert.equal(await latchkey.countUsers(), 1);
			assert.deepEqual(await latchkey.listCredentials("u1"), []);
			assert.deepEqual(await latchkey.listAliases("u1"), []);
		});
	});

	describe("listEvents", () => {
		it("pages through the app's events, newest first", async () => {
			const { app, latchkey } = await freshApp();
			await latchkey.setAliases({ userId: "ev", aliases: ["ev@x"] });
			await latchkey.generateSigninToken({ userId: "ev" });
			const all = await latchkey.listEvents();
			assert.equal(all.tenantId, app.appId);
			assert.ok(all.totalEventCount >= 2);
			const types = all.events.map((e) => e.eventType);
			assert.ok(types.includes("ApiUserSetAliases"), types.join());
			assert.ok(types.includes("ApiUserSigninTokenCreated"), types.join());
			assert.ok(all.events.every((e) => e.performedAt instanceof Date && e.tenantId === app.appId));
			const page2 = await latchkey.listEvents({ pageNumber: 2, numberOfResults: 1 });
			assert.equal(page2.events.length, 1);
			assert.equal(page2.totalEventCount, all.totalEventCount);
			assert.deepEqual(page2.events[0], all.events[1]);
		});
	});

	describe("auth configs", () => {
		it("lists the presets, adds, updates and deletes a purpose, and sign-ins use its lifetime", async () => {
			const { latchkey, browser } = await freshApp();
			const presets = await latchkey.listAuthConfigs();
			assert.deepEqual(presets.map((c) => c.purpose).sort(), ["sign-in", "step-up"]);
			assert.ok(presets.every((c) => c.timeToLive === 120 && c.userVerificationRequirement === "preferred" && c.hints.length === 0));

			await latchkey.addAuthConfig({
				purpose: "pay",
				userVerificationRequirement: "discouraged",
				timeToLive: 180,
				hints: ["security-key", "hybrid"],
				performedBy: "ops",
			});
			const [pay] = await latchkey.listAuthConfigs("pay");
			assert.equal(pay?.timeToLive, 180);
			assert.equal(pay?.userVerificationRequirement, "discouraged");
			assert.deepEqual(pay?.hints, ["security-key", "hybrid"]);
			assert.equal(pay?.createdBy, "ops");
			assert.ok(pay?.createdOn instanceof Date);
			await assert.rejects(latchkey.addAuthConfig({ purpose: "pay", performedBy: "ops" }), { errorCode: "auth_config_already_exists" });

			await latchkey.updateAuthConfig({
				purpose: "pay",
				userVerificationRequirement: "discouraged",
				timeToLive: 90061,
				performedBy: "ops2",
			});
			const [updated] = await latchkey.listAuthConfigs("pay");
			assert.equal(updated?.timeToLive, 90061);
			assert.equal(updated?.editedBy, "ops2");

			await browser.register((await latchkey.createRegisterToken({ userId: "payer", username: "payer" })).token);
			const stepUp = await latchkey.verifyToken(await browser.signIn({ userId: "payer", purpose: "pay" }));
			assert.equal(stepUp.purpose, "pay");
			assert.equal(Math.round((stepUp.expiresAt.getTime() - stepUp.timestamp.getTime()) / 1000), 90061);

			await latchkey.deleteAuthConfig({ purpose: "pay", performedBy: "ops" });
			assert.deepEqual(await latchkey.listAuthConfigs("pay"), []);
			await assert.rejects(latchkey.deleteAuthConfig({ purpose: "pay", performedBy: "ops" }), {
				errorCode: "auth_config_not_found",
				status: 404,
			});
			await assert.rejects(latchkey.deleteAuthConfig({ purpose: "sign-in", performedBy: "ops" }), {
				errorCode: "auth_config_protected",
				status: 400,
			});
			await assert.rejects(latchkey.updateAuthConfig({ purpose: "nope", performedBy: "ops" }), { errorCode: "auth_config_not_found" });
		});
	});

	describe("setAppFeatures", () => {
		it("switches event logging off with a retention of 0", async () => {
			const { latchkey } = await freshApp();
			await latchkey.setAppFeatures({ eventLoggingRetentionPeriod: 0 });
			await latchkey.setAliases({ userId: "quiet", aliases: ["q"] });
			assert.equal(
				(await latchkey.listEvents()).events.some((e) => e.eventType === "ApiUserSetAliases"),
				false,
			);
		});
	});

	describe("connection and keys", () => {
		it("works with a trailing slash in apiUrl", async () => {
			const { app } = await freshApp();
			const latchkey = new Latchkey({ apiUrl: `${server.url}/`, apiSecret: app.apiSecret });
			assert.equal(await latchkey.countUsers(), 0);
		});

		it("throws invalid_api_secret for a wrong or public key without showing it", async () => {
			const { app } = await freshApp();
			for (const apiSecret of [`${app.appId}:secret:00000000000000000000000000000000`, app.apiKey, "s3cr3tv4lu3-without-format"]) {
				const latchkey = new Latchkey({ apiUrl: server.url, apiSecret });
				const error = await latchkey.listUsers().catch((e: unknown) => e);
				assert.ok(error instanceof LatchkeyError);
				assert.equal(error.status, 401);
				assert.equal(error.errorCode, "invalid_api_secret");
				const shown = `${error.message} ${JSON.stringify(error.problem)}`;
				assert.ok(!shown.includes(apiSecret.slice(-12)), shown);
				assert.ok(!shown.includes(apiSecret.slice(0, 10)) || apiSecret.startsWith(app.appId), shown);
			}
		});

		it("throws network_error for a server that is not there", async () => {
			const latchkey = new Latchkey({ apiUrl: "http://127.0.0.1:9", apiSecret: "x:secret:y", retries: 1 });
			await assert.rejects(latchkey.countUsers(), { errorCode: "network_error", status: 0 });
		});
	});
});
