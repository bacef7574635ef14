/**
 * `@latchkey/client/lifecycle` and `@latchkey/client/signals` in real Chromium against `latchkey serve`: capabilities,
 * conditional create, PRF outputs (virtual authenticator with `hasPrf`) that reach the page and never the server, and
 * the Signal API calls, observed through a spy installed in the page before any script runs.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ServerProcess, startServer, type TestApp } from "@latchkey/test-support";
import {
	type Browser,
	backend,
	browserSkip,
	freshAuthenticator,
	launchBrowser,
	PLATFORM_UV,
	type RecordedCall,
	recordedCalls,
	recordWebAuthnCalls,
	unique,
} from "../../../server/test/e2e/browser-harness.ts";
import type { CredentialJSON } from "../../src/credential-to-json.ts";
import { type ClientPages, openClientPage, type PageClient, type PageResult, pageClient, startClientPages } from "./client-pages.ts";

type Json = Record<string, unknown>;
type SentBody = Json & { response: CredentialJSON };
interface Capabilities {
	webauthn: boolean;
	source: string;
	conditionalCreate: boolean;
	conditionalGet: boolean;
	signalUnknownCredential: boolean;
	signalAllAcceptedCredentials: boolean;
	signalCurrentUserDetails: boolean;
	prf: boolean;
	extensions: Record<string, boolean>;
}

const SIGNALS = ["signalUnknownCredential", "signalAllAcceptedCredentials", "signalCurrentUserDetails"] as const;
const PRF_SALT_A = Buffer.from("latchkey e2e salt A").toString("base64url");
const PRF_SALT_B = Buffer.from("latchkey e2e salt B").toString("base64url");
const BASE64URL_32_BYTES = /^[A-Za-z0-9_-]{43}$/;

describe("@latchkey/client/lifecycle and /signals in Chromium against latchkey serve", { skip: browserSkip }, () => {
	let server: ServerProcess;
	let app: TestApp;
	let pages: ClientPages;
	let browser: Browser;
	let rp: ReturnType<typeof backend>;
	let authenticatorId: string | undefined;
	let capabilities: Capabilities;
	const sent: Array<{ path: string; body: SentBody; raw: string }> = [];

	const client = (instance = "main"): PageClient =>
		pageClient(browser.page, "lifecycle", { apiUrl: server.url, apiKey: app.apiKey }, instance);
	const lastSent = (path: string): { body: SentBody; raw: string } => {
		const found = sent.findLast((request) => request.path === path);
		assert.ok(found, `no request to ${path}`);
		return found;
	};
	const secretGet = async (path: string): Promise<Json> => {
		const res = await fetch(`${server.url}${path}`, { headers: { ApiSecret: app.apiSecret } });
		assert.equal(res.status, 200, await res.clone().text());
		return (await res.json()) as Json;
	};
	const secretPost = async (path: string, body: Json): Promise<number> =>
		(
			await fetch(`${server.url}${path}`, {
				method: "POST",
				headers: { ApiSecret: app.apiSecret, "content-type": "application/json" },
				body: JSON.stringify(body),
			})
		).status;
	const signalCalls = async (): Promise<RecordedCall[]> => (await recordedCalls(browser.page)).filter((call) => call.name !== "create");
	const pageSignal = (name: string, options: Json): Promise<{ sent?: boolean; threw?: Json }> =>
		browser.page.evaluate(
			([n, o]) => (window as unknown as { rp: { signal(n: string, o: Json): Promise<{ sent?: boolean }> } }).rp.signal(n, o),
			[name, options] as const,
		);
	const storedCredentialIds = async (): Promise<string[]> => {
		const { credentials } = await browser.cdp.send("WebAuthn.getCredentials", { authenticatorId: authenticatorId! });
		return credentials.map((c) => Buffer.from(c.credentialId, "base64").toString("base64url"));
	};
	const expectToken = (result: PageResult): void => {
		assert.equal(result.error, undefined, JSON.stringify(result));
		assert.match(String(result.token), /^verify_/);
	};

	before(async () => {
		browser = await launchBrowser();
		await browser.page.addInitScript(recordWebAuthnCalls);
		[server, pages] = await Promise.all([startServer(), startClientPages()]);
		app = await server.createApp({ appId: `lc${unique()}`.slice(0, 20), rpId: "localhost" });
		rp = backend(server.url, app);
		browser.page.on("request", (request) => {
			if (!request.url().startsWith(server.url) || request.method() !== "POST") return;
			const raw = request.postData() ?? "";
			sent.push({ path: new URL(request.url()).pathname, body: JSON.parse(raw) as SentBody, raw });
		});
		await openClientPage(browser.page, pages.origin);
		authenticatorId = await freshAuthenticator(browser.cdp, { ...PLATFORM_UV, hasPrf: true });
		capabilities = await browser.page.evaluate(() =>
			(window as unknown as { rp: { capabilities(): Promise<Capabilities> } }).rp.capabilities(),
		);
	});

	after(async () => {
		await browser?.close();
		await pages?.close();
		await server?.stop();
		server?.cleanup();
	});

	it("reports capabilities from getClientCapabilities, consistent with the signal functions this Chromium has", async (t) => {
		t.diagnostic(`Chromium capabilities: ${JSON.stringify(capabilities)}`);
		assert.equal(capabilities.webauthn, true);
		assert.equal(capabilities.source, "getClientCapabilities");
		assert.equal(capabilities.conditionalGet, true);
		const native = await browser.page.evaluate(() => (window as unknown as { nativeSignals: Record<string, boolean> }).nativeSignals);
		t.diagnostic(`PublicKeyCredential.signal* present: ${JSON.stringify(native)}`);
		for (const name of SIGNALS) assert.equal(native[name], true, `${name} exists in this Chromium`);
		for (const name of SIGNALS) assert.equal(capabilities[name], true, name);
		assert.equal(await browser.page.evaluate(() => typeof PublicKeyCredential.getClientCapabilities), "function");
	});

	it("register(token, { mediation: 'conditional' }): the path this Chromium takes, asserted", async (t) => {
		const userId = `cc-${unique()}`;
		const token = await rp.registerToken({ userId, username: `${userId}@example.com` });
		const beginsBefore = sent.filter((s) => s.path === "/register/begin").length;
		const completesBefore = sent.filter((s) => s.path === "/register/complete").length;
		const passkeysBefore = (await storedCredentialIds()).length;
		t.diagnostic(`conditionalCreate capability: ${capabilities.conditionalCreate}`);
		if (!capabilities.conditionalCreate) {
			const result = await client().call("register", token, { mediation: "conditional", nickname: "Upgraded" });
			assert.equal(result.error?.errorCode, "conditional_create_unsupported", JSON.stringify(result));
			assert.equal(result.error?.from, "client");
			assert.equal(sent.filter((s) => s.path === "/register/begin").length, beginsBefore, "the server is not asked");
			return;
		}
		// This Chromium can create conditionally: the client asks the server for options and calls create() with
		// mediation "conditional", which waits, without any dialog, for the password manager to have just signed the user
		// in. No password was used here, so no passkey is made; abort() ends the wait.
		await client().start("conditional", "register", token, { mediation: "conditional", nickname: "Upgraded" });
		await new Promise((resolve) => setTimeout(resolve, 1500));
		assert.equal(await client().result("conditional"), "pending", "create() waits in the background");
		assert.equal(sent.filter((s) => s.path === "/register/begin").length, beginsBefore + 1, "the options were fetched");
		assert.equal(sent.filter((s) => s.path === "/register/complete").length, completesBefore, "nothing was created");
		assert.equal((await storedCredentialIds()).length, passkeysBefore, "no passkey without a password sign-in");
		await client().abort();
		const result = await client().result("conditional");
		assert.notEqual(result, "pending");
		assert.equal((result as PageResult).error?.errorCode, "ceremony_aborted", JSON.stringify(result));
	});

	describe("PRF (virtual authenticator with hasPrf)", () => {
		const userId = `prf-${unique()}`;
		let credentialId = "";
		let registrationFirst: string | undefined;

		it("registers with a token asking for PRF: outputs reach the page, the server gets only prf.enabled and records it", async () => {
			authenticatorId = await freshAuthenticator(browser.cdp, { ...PLATFORM_UV, hasPrf: true }, authenticatorId);
			const token = await rp.registerToken({
				userId,
				username: `${userId}@example.com`,
				extensions: { prf: { eval: { first: PRF_SALT_A } } },
			});
			const result = await client().call("register", token, "PRF key");
			expectToken(result);
			assert.equal(result.prf?.enabled, true, JSON.stringify(result));
			registrationFirst = result.prf?.results?.first;
			assert.match(String(registrationFirst), BASE64URL_32_BYTES, "this Chromium evaluates PRF at creation (hmac-secret-mc)");

			const begin = sent.findLast((s) => s.path === "/register/begin");
			assert.ok(begin);
			const { body, raw } = lastSent("/register/complete");
			credentialId = body.response.id;
			assert.deepEqual((body.response.clientExtensionResults as Json).prf, { enabled: true }, "only enabled is posted");
			assert.equal(raw.includes(String(registrationFirst)), false, "the PRF output is never posted");
			assert.equal((await secretGet(`/credentials/get?credentialId=${credentialId}`)).prfSupported, true);
		});

		it("signs in with a sign-in token asking for PRF: both outputs reach the page, deterministic per input, never posted", async () => {
			const first = await client().call(
				"signinWithToken",
				await rp.signinToken({ userId, extensions: { prf: { eval: { first: PRF_SALT_A, second: PRF_SALT_B } } } }),
			);
			expectToken(first);
			const results = first.prf?.results;
			assert.ok(results, JSON.stringify(first));
			assert.match(results.first, BASE64URL_32_BYTES);
			assert.match(String(results.second), BASE64URL_32_BYTES);
			assert.notEqual(results.first, results.second, "different inputs, different outputs");
			assert.equal(results.first, registrationFirst, "the same input gives the same output as at registration");

			const { body, raw } = lastSent("/signin/complete");
			assert.deepEqual((body.response.clientExtensionResults as Json).prf, { enabled: true });
			assert.equal(raw.includes(results.first), false, "the first output is never posted");
			assert.equal(raw.includes(String(results.second)), false, "the second output is never posted");
			const begin = lastSent("/signin/begin").body;
			assert.deepEqual(Object.keys(begin).sort(), ["Origin", "RPID", "token"]);

			const again = await client().call(
				"signinWithToken",
				await rp.signinToken({ userId, extensions: { prf: { eval: { first: PRF_SALT_B } } } }),
			);
			expectToken(again);
			assert.equal(again.prf?.results?.first, results.second, "salt B gives the same output as first or second");
			assert.equal(again.prf?.results?.second, undefined);
		});

		it("returns no prf member for a sign-in that did not ask for PRF", async () => {
			const result = await client().call("signinWithToken", await rp.signinToken({ userId }));
			expectToken(result);
			assert.equal(result.prf, undefined);
			assert.equal((lastSent("/signin/complete").body.response.clientExtensionResults as Json).prf, undefined);
		});
	});

	describe("Signal API", () => {
		it("passes the backend's accepted-credentials and user-details values to the browser unchanged", async () => {
			const userId = `sig-${unique()}`;
			authenticatorId = await freshAuthenticator(browser.cdp, PLATFORM_UV, authenticatorId);
			expectToken(await client().call("register", await rp.registerToken({ userId, username: `${userId}@example.com` })));
			const [credentialId] = await storedCredentialIds();
			assert.ok(credentialId);

			const accepted = await secretGet(`/signals/accepted-credentials?userId=${userId}`);
			assert.deepEqual(accepted, {
				rpId: "localhost",
				userId: Buffer.from(userId).toString("base64url"),
				allAcceptedCredentialIds: [credentialId],
			});
			const details = await secretGet(`/signals/user-details?userId=${userId}&name=renamed%40example.com&displayName=Renamed`);
			const before = (await signalCalls()).length;
			assert.deepEqual(await pageSignal("signalAllAcceptedCredentials", accepted), { sent: true });
			assert.deepEqual(await pageSignal("signalCurrentUserDetails", details), { sent: true });
			assert.deepEqual(await pageSignal("signalUnknownCredential", { rpId: "localhost", credentialId: "AAAA" }), { sent: true });
			assert.deepEqual((await signalCalls()).slice(before), [
				{ name: "signalAllAcceptedCredentials", options: accepted },
				{
					name: "signalCurrentUserDetails",
					options: { rpId: "localhost", userId: accepted.userId, name: "renamed@example.com", displayName: "Renamed" },
				},
				{ name: "signalUnknownCredential", options: { rpId: "localhost", credentialId: "AAAA" } },
			]);
			const refused = await pageSignal("signalUnknownCredential", { rpId: "evil.example", credentialId: "AAAA" });
			assert.equal(refused.threw?.name, "SecurityError", JSON.stringify(refused));
		});

		it("signals an unknown credential on its own when the server answers a sign-in with unknown_credential", async () => {
			const userId = `gone-${unique()}`;
			authenticatorId = await freshAuthenticator(browser.cdp, PLATFORM_UV, authenticatorId);
			expectToken(await client().call("register", await rp.registerToken({ userId, username: `${userId}@example.com` })));
			const [credentialId] = await storedCredentialIds();
			assert.equal(await secretPost("/credentials/delete", { credentialId: credentialId! }), 204);

			const before = (await signalCalls()).length;
			const result = await client().call("signinWithDiscoverable");
			assert.equal(result.error?.from, "server", JSON.stringify(result));
			assert.equal(result.error?.errorCode, "unknown_credential");
			assert.deepEqual((await signalCalls()).slice(before), [
				{ name: "signalUnknownCredential", options: { rpId: "localhost", credentialId } },
			]);
			assert.deepEqual(await storedCredentialIds(), [], "this Chromium removed the passkey from the authenticator");
		});
	});
});
