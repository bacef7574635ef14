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
	SECURITY_KEY_U2F,
	toBase64,
	unique,
} from "../../../server/test/e2e/browser-harness.ts";
import type { CredentialJSON } from "../../src/credential-to-json.ts";
import { type ClientPages, openClientPage, type PageClient, type PageResult, pageClient, startClientPages } from "./client-pages.ts";

type Json = Record<string, unknown>;
/** A JSON body the page sent; `response` is the credential JSON on the complete calls. */
type SentBody = Json & { response: CredentialJSON };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("@latchkey/client in Chromium against latchkey serve", { skip: browserSkip }, () => {
	let server: ServerProcess;
	let app: TestApp;
	let pages: ClientPages;
	let browser: Browser;
	let rp: ReturnType<typeof backend>;
	let authenticatorId: string | undefined;
	/** Every API request the page made: path, JSON body, headers. */
	const sent: Array<{ path: string; body: SentBody; headers: Record<string, string> }> = [];

	const client = (instance = "main", config: Record<string, string> = {}): PageClient =>
		pageClient(browser.page, "latchkey", { apiUrl: server.url, apiKey: app.apiKey, ...config }, instance);
	const lastSent = (path: string): { body: SentBody; headers: Record<string, string> } => {
		const found = sent.findLast((request) => request.path === path);
		assert.ok(found, `no request to ${path}`);
		return found;
	};
	const replaceAuthenticator = async (options: Record<string, unknown>): Promise<string> => {
		authenticatorId = await freshAuthenticator(browser.cdp, options, authenticatorId);
		return authenticatorId;
	};
	const storedCredentialId = async (): Promise<string> => {
		const { credentials } = await browser.cdp.send("WebAuthn.getCredentials", { authenticatorId: authenticatorId! });
		assert.equal(credentials.length, 1);
		return Buffer.from(credentials[0]!.credentialId, "base64").toString("base64url");
	};
	const setPresence = (enabled: boolean) =>
		browser.cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId: authenticatorId!, enabled });
	const expectToken = async (result: PageResult | "pending", expected: Json): Promise<Json> => {
		assert.notEqual(result, "pending");
		const { token, error } = result as PageResult;
		assert.equal(error, undefined, JSON.stringify(error));
		assert.match(String(token), /^verify_/);
		const verified = await rp.verify(String(token));
		assert.equal(verified.status, 200, verified.text);
		assert.equal(verified.body?.rpId, "localhost");
		assert.equal(verified.body?.origin, pages.origin);
		for (const [key, value] of Object.entries(expected)) assert.equal(verified.body?.[key], value, key);
		return verified.body!;
	};
	const expectError = (result: PageResult | "pending", from: string, errorCode: string): NonNullable<PageResult["error"]> => {
		assert.notEqual(result, "pending");
		const { token, error } = result as PageResult;
		assert.equal(token, undefined);
		assert.equal(error?.from, from, JSON.stringify(result));
		assert.equal(error?.errorCode, errorCode, JSON.stringify(result));
		assert.equal(typeof error?.title, "string");
		return error!;
	};

	before(async () => {
		browser = await launchBrowser();
		[server, pages] = await Promise.all([startServer(), startClientPages()]);
		app = await server.createApp({ appId: `cl${unique()}`.slice(0, 20), rpId: "localhost" });
		rp = backend(server.url, app);
		await rp.addPurposes(["delete-account", "pay", "wire-transfer"]);
		browser.page.on("request", (request) => {
			if (!request.url().startsWith(server.url) || request.method() !== "POST") return;
			sent.push({ path: new URL(request.url()).pathname, body: request.postDataJSON() as SentBody, headers: request.headers() });
		});
		await openClientPage(browser.page, pages.origin);
	});

	after(async () => {
		await browser?.close();
		await pages?.close();
		await server?.stop();
		server?.cleanup();
	});

	describe("with a platform authenticator (ctap2, internal, user verification)", () => {
		const userId = `lk-${unique()}`;
		const alias = `ada-${unique()}@example.com`;
		let credentialId = "";
		const signedIn = (purpose = "sign-in"): Json => ({ userId, credentialId: toBase64(credentialId), type: "passkey_signin", purpose });

		before(async () => {
			await replaceAuthenticator(PLATFORM_UV);
		});

		it("reports WebAuthn, a platform authenticator and autofill as supported", async () => {
			assert.equal(await client().call("isBrowserSupported"), true);
			assert.equal(await client().call("isPlatformSupported"), true);
			assert.equal(await client().call("isAutofillSupported"), true);
		});

		it("registers with register(token, nickname) and sends transports, authenticatorAttachment and credProps", async () => {
			const token = await rp.registerToken({ userId, username: alias, aliases: [alias] });
			const result = await client().call("register", token, "Work laptop");
			credentialId = await storedCredentialId();
			await expectToken(result, { userId, type: "passkey_register", nickname: "Work laptop", credentialId: toBase64(credentialId) });

			const { body, headers } = lastSent("/register/complete");
			assert.equal(headers.apikey, app.apiKey);
			assert.equal(body.RPID, "localhost");
			assert.equal(body.Origin, pages.origin);
			assert.equal(body.nickname, "Work laptop");
			assert.equal(body.response.id, credentialId);
			assert.equal(body.response.authenticatorAttachment, "platform");
			assert.deepEqual(body.response.clientExtensionResults, { credProps: { rk: true } });
			assert.deepEqual(body.response.response.transports, ["internal"]);
			assert.deepEqual(lastSent("/register/begin").body, { token, RPID: "localhost", Origin: pages.origin });
		});

		it("signs in with signinWithAlias, sending only the alias, RPID and Origin", async () => {
			await expectToken(await client().call("signinWithAlias", alias), signedIn());
			assert.deepEqual(lastSent("/signin/begin").body, { alias, RPID: "localhost", Origin: pages.origin });
		});

		it("signs in with signinWithId", async () => {
			await expectToken(await client().call("signinWithId", userId), signedIn());
			assert.deepEqual(lastSent("/signin/begin").body, { userId, RPID: "localhost", Origin: pages.origin });
		});

		it("signs in with signinWithDiscoverable", async () => {
			await expectToken(await client().call("signinWithDiscoverable"), signedIn());
			assert.deepEqual(lastSent("/signin/begin").body, { RPID: "localhost", Origin: pages.origin });
		});

		it("signs in with signinWithAutofill", async () => {
			await expectToken(await client().call("signinWithAutofill"), signedIn());
		});

		it("signs in with signin({ token }) and signinWithToken, sending only the token; the token's purpose is carried", async () => {
			const token = await rp.signinToken({ userId, purpose: "pay" });
			await expectToken(await client().call("signin", { token }), signedIn("pay"));
			assert.deepEqual(lastSent("/signin/begin").body, { token, RPID: "localhost", Origin: pages.origin });
			await expectToken(await client().call("signinWithToken", await rp.signinToken({ userId })), signedIn());
			expectError(await client().call("signinWithToken", token), "server", "invalid_token");
			expectError(await client().call("signinWithToken", await rp.signinToken({ userId: `nobody-${unique()}` })), "server", "no_passkeys");
		});

		it("turns Cognito-shaped options (JSON text, base64 challenge, empty allowCredentials) into JSON that @simplewebauthn/browser runs", async () => {
			const begun = await fetch(`${server.url}/signin/begin`, {
				method: "POST",
				headers: { ApiKey: app.apiKey, "content-type": "application/json" },
				body: JSON.stringify({ RPID: "localhost", Origin: pages.origin }),
			}).then((res) => res.json() as Promise<{ data: Json; session: string }>);
			const cognitoText = JSON.stringify({
				...begun.data,
				challenge: Buffer.from(String(begun.data.challenge), "base64url").toString("base64"),
				allowCredentials: [],
			});
			const response = await browser.page.evaluate(
				(text) => (window as unknown as { rp: { startAuthentication(t: string): Promise<unknown> } }).rp.startAuthentication(text),
				cognitoText,
			);
			const completed = await fetch(`${server.url}/signin/complete`, {
				method: "POST",
				headers: { ApiKey: app.apiKey, "content-type": "application/json" },
				body: JSON.stringify({ session: begun.session, response, RPID: "localhost", Origin: pages.origin }),
			});
			assert.equal(completed.status, 200, await completed.clone().text());
			await expectToken({ token: ((await completed.json()) as { token: string }).token }, signedIn());
		});

		it("steps up with the purpose the verify token carries, by default step-up", async () => {
			await expectToken(await client().call("stepup", { signinMethod: { alias }, purpose: "delete-account" }), signedIn("delete-account"));
			assert.equal(lastSent("/signin/begin").body.purpose, "delete-account");
			await expectToken(await client().call("stepup", { signinMethod: { userId } }), signedIn("step-up"));
			await expectToken(await client().call("stepup", { signinMethod: { discoverable: true }, purpose: "pay" }), signedIn("pay"));
		});

		it("accepts an apiUrl with a trailing slash", async () => {
			await expectToken(await client("slash", { apiUrl: `${server.url}/` }).call("signinWithAlias", alias), signedIn());
			assert.equal(sent.at(-1)?.path, "/signin/complete");
		});

		it("returns authenticator_already_registered when the authenticator already holds the user's passkey", async () => {
			const token = await rp.registerToken({ userId, username: alias });
			const error = expectError(await client().call("register", token), "client", "authenticator_already_registered");
			assert.equal(error.causeName, "InvalidStateError");
		});

		it("returns user_cancelled when the user does not verify", async () => {
			await browser.cdp.send("WebAuthn.setUserVerified", { authenticatorId: authenticatorId!, isUserVerified: false });
			try {
				expectError(await client().call("signinWithAlias", alias), "client", "user_cancelled");
				expectError(await client().call("signinWithId", userId), "client", "user_cancelled");
				const token = await rp.registerToken({ userId: `lk-${unique()}`, username: "cancel", userVerification: "required" });
				const error = expectError(await client().call("register", token), "client", "user_cancelled");
				assert.equal(error.causeName, "NotAllowedError");
			} finally {
				await browser.cdp.send("WebAuthn.setUserVerified", { authenticatorId: authenticatorId!, isUserVerified: true });
			}
		});

		it("ends a pending ceremony with abort() as ceremony_aborted", async () => {
			await setPresence(false);
			try {
				await client().start("aborted", "signinWithDiscoverable");
				await sleep(400);
				assert.equal(await client().result("aborted"), "pending");
				await client().abort();
				await sleep(100);
				const error = expectError(await client().result("aborted"), "client", "ceremony_aborted");
				assert.equal(error.causeName, "AbortError");
			} finally {
				await setPresence(true);
			}
		});

		it("aborts a pending autofill request when the button's sign-in starts, and the button's sign-in succeeds", async () => {
			// Without presence the autofill request stays pending, as when the user ignores the autofill menu.
			await setPresence(false);
			await client("page").start("autofill", "signinWithAutofill");
			await sleep(500);
			assert.equal(await client("page").result("autofill"), "pending");
			await setPresence(true);

			await expectToken(await client("page").call("signinWithDiscoverable"), signedIn());
			expectError(await client("page").result("autofill"), "client", "ceremony_aborted");
		});

		it("is blocked by a pending autofill request of another client (why one ceremony at a time matters)", async () => {
			await setPresence(false);
			await client("autofill-only").start("other", "signinWithAutofill");
			await sleep(500);
			await setPresence(true);
			const blocked = await client("button-only").call("signinWithDiscoverable");
			assert.equal(blocked.token, undefined);
			assert.equal(blocked.error?.causeName, "OperationError", JSON.stringify(blocked));
			await client("autofill-only").abort();
			await sleep(100);
			expectError(await client("autofill-only").result("other"), "client", "ceremony_aborted");
			await expectToken(await client("button-only").call("signinWithDiscoverable"), signedIn());
		});

		it("falls back when the browser lacks parseCreationOptionsFromJSON and toJSON", async () => {
			await browser.page.evaluate(() => {
				const pkc = PublicKeyCredential as unknown as Record<string, unknown>;
				delete pkc.parseCreationOptionsFromJSON;
				delete pkc.parseRequestOptionsFromJSON;
				delete (PublicKeyCredential.prototype as unknown as Record<string, unknown>).toJSON;
			});
			try {
				assert.equal(await browser.page.evaluate(() => "toJSON" in PublicKeyCredential.prototype), false);
				const otherUser = `lk-${unique()}`;
				await replaceAuthenticator(PLATFORM_UV);
				const token = await rp.registerToken({ userId: otherUser, username: otherUser });
				const registered = await client("fallback").call("register", token);
				const otherCredential = await storedCredentialId();
				await expectToken(registered, { userId: otherUser, type: "passkey_register", credentialId: toBase64(otherCredential) });
				const { body } = lastSent("/register/complete");
				assert.equal(body.response.rawId, otherCredential);
				assert.equal(body.response.authenticatorAttachment, "platform");
				assert.deepEqual(body.response.clientExtensionResults, { credProps: { rk: true } });
				assert.deepEqual(body.response.response.transports, ["internal"]);
				assert.deepEqual(Object.keys(body.response.response).sort(), ["attestationObject", "clientDataJSON", "transports"]);

				await expectToken(await client("fallback").call("signinWithId", otherUser), {
					userId: otherUser,
					credentialId: toBase64(otherCredential),
				});
				assert.deepEqual(Object.keys(lastSent("/signin/complete").body.response.response).sort(), [
					"authenticatorData",
					"clientDataJSON",
					"signature",
					"userHandle",
				]);
			} finally {
				await openClientPage(browser.page, pages.origin);
			}
		});

		it("returns no_passkey_for_site for a discoverable sign-in when no passkey of the site is there", async () => {
			await replaceAuthenticator(PLATFORM_UV);
			const started = Date.now();
			const error = expectError(await client().call("signinWithDiscoverable"), "client", "no_passkey_for_site");
			assert.equal(error.causeName, "NotAllowedError");
			expectError(await client().call("signinWithAlias", `nobody-${unique()}@example.com`), "client", "no_passkey_for_site");
			assert.ok(Date.now() - started < 10_000);
		});
	});

	describe("with a U2F security key (no resident keys, no user verification)", () => {
		const userId = `u2f-${unique()}`;
		const alias = `grace-${unique()}@example.com`;
		let credentialId = "";
		const signedIn = (purpose = "sign-in"): Json => ({ userId, credentialId: toBase64(credentialId), type: "passkey_signin", purpose });

		before(async () => {
			await replaceAuthenticator(SECURITY_KEY_U2F);
		});

		it("registers a non-discoverable credential with usb transport and credProps rk false", async () => {
			const token = await rp.registerToken({ userId, username: alias, aliases: [alias], discoverable: false });
			const result = await client().call("register", token, "YubiKey");
			credentialId = await storedCredentialId();
			await expectToken(result, { userId, type: "passkey_register", nickname: "YubiKey", credentialId: toBase64(credentialId) });
			const { body } = lastSent("/register/complete");
			assert.equal(body.response.authenticatorAttachment, "cross-platform");
			assert.deepEqual(body.response.clientExtensionResults, { credProps: { rk: false } });
			assert.deepEqual(body.response.response.transports, ["usb"]);
		});

		it("signs in with signinWithAlias, signinWithId and stepup", async () => {
			await expectToken(await client().call("signinWithAlias", alias), signedIn());
			await expectToken(await client().call("signinWithId", userId), signedIn());
			await expectToken(await client().call("stepup", { signinMethod: { alias }, purpose: "wire-transfer" }), signedIn("wire-transfer"));
		});

		it("ends a sign-in waiting for a touch with abort() as ceremony_aborted", async () => {
			await setPresence(false);
			try {
				await client().start("u2f-aborted", "signinWithAlias", alias);
				await sleep(400);
				assert.equal(await client().result("u2f-aborted"), "pending");
				await client().abort();
				await sleep(100);
				expectError(await client().result("u2f-aborted"), "client", "ceremony_aborted");
			} finally {
				await setPresence(true);
			}
			await expectToken(await client().call("signinWithAlias", alias), signedIn());
		});

		it("fails a discoverable sign-in at once with no_passkey_for_site instead of hanging", async () => {
			const started = Date.now();
			const error = expectError(await client().call("signinWithDiscoverable"), "client", "no_passkey_for_site");
			assert.equal(error.causeName, "NotAllowedError");
			expectError(await client().call("stepup", { signinMethod: { discoverable: true } }), "client", "no_passkey_for_site");
			assert.ok(Date.now() - started < 5_000);
		});

		it("ends an autofill sign-in at once: without a platform authenticator Chromium offers no autofill", async () => {
			const started = Date.now();
			assert.equal(await client().call("isAutofillSupported"), false);
			expectError(await client().call("signinWithAutofill"), "client", "unsupported_browser");
			assert.ok(Date.now() - started < 5_000);
			assert.equal(await client().call("isBrowserSupported"), true);
		});
	});

	describe("failures as data", () => {
		before(async () => {
			await replaceAuthenticator(PLATFORM_UV);
		});

		it("passes the server's problem details through unchanged, with from: server", async () => {
			const result = await client().call("register", "register_not-a-real-token");
			const error = expectError(result, "server", String(result.error?.errorCode));
			const direct = await fetch(`${server.url}/register/begin`, {
				method: "POST",
				headers: { "content-type": "application/json", ApiKey: app.apiKey },
				body: JSON.stringify({ token: "register_not-a-real-token", RPID: "localhost", Origin: pages.origin }),
			});
			const body = (await direct.json()) as Json;
			assert.match(String(body.errorCode), /^(invalid_token|invalid_token_format)$/);
			const { traceId: _ours, from: _from, ...ours } = error;
			const { traceId: _theirs, ...theirs } = body;
			assert.deepEqual(ours, theirs);
		});

		it("returns the server's invalid_api_key for a wrong ApiKey", async () => {
			const wrong = client("wrong-key", { apiKey: "nobody:public:00000000000000000000000000000000" });
			const error = expectError(await wrong.call("signinWithDiscoverable"), "server", "invalid_api_key");
			assert.equal(error.status, 401);
		});

		it("returns network_error when the server cannot be reached", async () => {
			const error = expectError(
				await client("offline", { apiUrl: "http://localhost:9" }).call("signinWithAlias", "x"),
				"client",
				"network_error",
			);
			assert.equal(error.causeName, "TypeError");
		});

		it("returns security_error when the RP ID does not match the page", async () => {
			const other = await server.createApp({ appId: `ex${unique()}`.slice(0, 20), rpId: "example.com", origins: [pages.origin] });
			const token = await backend(server.url, other).registerToken({ userId: "u1", username: "u1" });
			const mismatched = client("example", { apiKey: other.apiKey, rpid: "example.com" });
			const error = expectError(await mismatched.call("register", token), "client", "security_error");
			assert.equal(error.causeName, "SecurityError");
			expectError(await mismatched.call("signinWithDiscoverable"), "client", "security_error");
		});

		it("returns unsupported_browser without WebAuthn or without autofill", async () => {
			try {
				await browser.page.evaluate(() => {
					delete (PublicKeyCredential as unknown as Record<string, unknown>).isConditionalMediationAvailable;
				});
				assert.equal(await client().call("isAutofillSupported"), false);
				expectError(await client().call("signinWithAutofill"), "client", "unsupported_browser");
				await browser.page.evaluate(() => {
					delete (window as unknown as Record<string, unknown>).PublicKeyCredential;
				});
				assert.equal(await client().call("isBrowserSupported"), false);
				assert.equal(await client().call("isPlatformSupported"), false);
				const before = sent.length;
				expectError(await client().call("register", "register_x"), "client", "unsupported_browser");
				expectError(await client().call("signinWithDiscoverable"), "client", "unsupported_browser");
				assert.equal(sent.length, before, "no request is made");
			} finally {
				await openClientPage(browser.page, pages.origin);
			}
		});
	});
});
