import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ServerProcess, TestApp } from "@latchkey/test-support";
import {
	type Browser,
	type backend,
	browserSkip,
	callPage,
	closeBrowserSuite,
	freshAuthenticator,
	openBrowserSuite,
	type PageResult,
	type PageServer,
	PLATFORM_UV,
	toBase64,
	unique,
} from "./browser-harness.ts";

describe("platform passkey with user verification (own page, plain WebAuthn)", { skip: browserSkip }, () => {
	let server: ServerProcess;
	let app: TestApp;
	let pages: PageServer;
	let browser: Browser;
	let rp: ReturnType<typeof backend>;
	let authenticatorId: string;

	const userId = `user-${unique()}`;
	const alias = `alice-${unique()}@example.com`;
	let credentialId = "";

	const call = (fn: "register" | "signin", args: Record<string, unknown>): Promise<PageResult> =>
		callPage(browser.page, fn, { apiUrl: server.url, apiKey: app.apiKey, ...args });

	/** Signs in through the page and checks what `/signin/verify` says about it. */
	const signInAndVerify = async (args: Record<string, unknown>): Promise<PageResult> => {
		const result = await call("signin", { ...args, timeoutMs: 20_000 });
		assert.equal(result.step, "done", JSON.stringify(result));
		assert.equal(result.credentialId, credentialId);
		const token = String(result.complete?.body?.token);
		assert.match(token, /^verify_/);
		const verified = await rp.verify(token);
		assert.equal(verified.status, 200, verified.text);
		assert.equal(verified.body?.userId, userId);
		assert.equal(verified.body?.type, "passkey_signin");
		assert.equal(verified.body?.credentialId, toBase64(credentialId));
		assert.equal(verified.body?.success, true);
		assert.equal(verified.body?.rpId, "localhost");
		assert.equal(verified.body?.origin, pages.origin);
		return result;
	};

	before(async () => {
		({ browser, server, pages, app, rp } = await openBrowserSuite("/"));
		authenticatorId = await freshAuthenticator(browser.cdp, PLATFORM_UV);
	});

	after(() => closeBrowserSuite({ browser, pages, server }));

	it("registers a discoverable passkey and its verify token is a passkey_register", async () => {
		const token = await rp.registerToken({ userId, username: alias, displayName: "Alice", aliases: [alias] });
		assert.match(token, /^register_/);
		const result = await call("register", { token, nickname: "laptop", timeoutMs: 20_000 });
		assert.equal(result.step, "done", JSON.stringify(result));
		assert.equal(result.begin?.status, 200);
		credentialId = String(result.credentialId);
		const verifyToken = String(result.complete?.body?.token);
		assert.match(verifyToken, /^verify_/);

		const verified = await rp.verify(verifyToken);
		assert.equal(verified.status, 200, verified.text);
		assert.equal(verified.body?.type, "passkey_register");
		assert.equal(verified.body?.userId, userId);
		assert.equal(verified.body?.credentialId, toBase64(credentialId));
		assert.equal(verified.body?.nickname, "laptop");
		assert.equal(verified.body?.origin, pages.origin);

		// The authenticator really holds a resident credential with that id.
		const { credentials } = await browser.cdp.send("WebAuthn.getCredentials", { authenticatorId });
		assert.equal(credentials.length, 1);
		assert.equal(credentials[0]?.isResidentCredential, true);
		assert.equal(Buffer.from(credentials[0]!.credentialId, "base64").toString("base64url"), credentialId);
	});

	it("signs in by alias with the registered credential in allowCredentials", async () => {
		const result = await signInAndVerify({ alias });
		const data = result.begin?.body?.data as { allowCredentials: { id: string }[] };
		assert.deepEqual(
			data.allowCredentials.map((c) => c.id),
			[credentialId],
		);
	});

	it("signs in by userId", async () => {
		const result = await signInAndVerify({ userId });
		const data = result.begin?.body?.data as { allowCredentials: { id: string }[] };
		assert.equal(data.allowCredentials.length, 1);
	});

	it("signs in with a discoverable credential when no user is given", async () => {
		const result = await signInAndVerify({});
		const data = result.begin?.body?.data as { allowCredentials: unknown[] };
		assert.deepEqual(data.allowCredentials, []);
		assert.ok(result.userHandle, "a discoverable assertion carries the user handle");
	});

	it("signs in through autofill (conditional mediation)", async () => {
		await signInAndVerify({ conditional: true });
	});

	it("refuses a sign-in whose claimed Origin differs from the browser's real origin", async () => {
		const claimedOrigin = `http://localhost:${pages.origin.endsWith(":1") ? 2 : 1}`;
		const result = await call("signin", { alias, claimedOrigin, timeoutMs: 20_000 });
		assert.notEqual(result.step, "done", JSON.stringify(result));
		assert.equal(result.step, "complete", JSON.stringify(result));
		assert.equal(typeof result.complete?.body?.token, "undefined");
		assert.ok(Number(result.complete?.status) >= 400 && Number(result.complete?.status) < 500, JSON.stringify(result.complete));
		assert.match(String(result.complete?.contentType), /application\/problem\+json/);
		assert.equal(typeof result.complete?.body?.errorCode, "string");
	});

	it("refuses a verify token issued to this sign-in a second time", async () => {
		const result = await call("signin", { alias, timeoutMs: 20_000 });
		assert.equal(result.step, "done", JSON.stringify(result));
		const token = String(result.complete?.body?.token);
		assert.equal((await rp.verify(token)).status, 200);
		const again = await rp.verify(token);
		assert.ok(again.status >= 400 && again.status < 500, `status ${again.status}`);
		assert.match(again.contentType, /application\/problem\+json/);
		assert.equal(again.body?.errorCode, "invalid_token");
	});
});
