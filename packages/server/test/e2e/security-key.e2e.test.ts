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
	SECURITY_KEY_U2F,
	toBase64,
	unique,
} from "./browser-harness.ts";

describe("U2F security key without user verification or resident keys", { skip: browserSkip }, () => {
	let server: ServerProcess;
	let app: TestApp;
	let pages: PageServer;
	let browser: Browser;
	let rp: ReturnType<typeof backend>;
	let authenticatorId: string;

	const userId = `key-user-${unique()}`;
	const alias = `bob-${unique()}`;
	let credentialId = "";

	const call = (fn: "register" | "signin", args: Record<string, unknown>): Promise<PageResult> =>
		callPage(browser.page, fn, { apiUrl: server.url, apiKey: app.apiKey, timeoutMs: 20_000, ...args });

	before(async () => {
		({ browser, server, pages, app, rp } = await openBrowserSuite("/"));
		authenticatorId = await freshAuthenticator(browser.cdp, SECURITY_KEY_U2F);
	});

	after(() => closeBrowserSuite({ browser, pages, server }));

	it("registers a non-discoverable credential when the register token says discoverable: false", async () => {
		const token = await rp.registerToken({ userId, username: alias, aliases: [alias], discoverable: false });
		const result = await call("register", { token });
		assert.equal(result.step, "done", JSON.stringify(result));
		const selection =
			(result.begin?.body?.data as { authenticatorSelection?: Record<string, unknown> } | undefined)?.authenticatorSelection ?? {};
		assert.equal(selection.requireResidentKey, false);
		assert.notEqual(selection.residentKey, "required");
		credentialId = String(result.credentialId);

		const verified = await rp.verify(String(result.complete?.body?.token));
		assert.equal(verified.status, 200, verified.text);
		assert.equal(verified.body?.type, "passkey_register");
		assert.equal(verified.body?.userId, userId);
		assert.equal(verified.body?.credentialId, toBase64(credentialId));

		const { credentials } = await browser.cdp.send("WebAuthn.getCredentials", { authenticatorId });
		assert.equal(credentials.length, 1);
		assert.equal(credentials[0]?.isResidentCredential, false);
	});

	it("signs in by alias with a non-empty allowCredentials, and the verify token is single-use", async () => {
		const result = await call("signin", { alias });
		assert.equal(result.step, "done", JSON.stringify(result));
		const data = result.begin?.body?.data as { allowCredentials: { id: string }[] };
		assert.deepEqual(
			data.allowCredentials.map((c) => c.id),
			[credentialId],
		);
		const token = String(result.complete?.body?.token);
		assert.match(token, /^verify_/);

		const verified = await rp.verify(token);
		assert.equal(verified.status, 200, verified.text);
		assert.equal(verified.body?.userId, userId);
		assert.equal(verified.body?.type, "passkey_signin");
		assert.equal(verified.body?.credentialId, toBase64(credentialId));
		assert.equal(verified.body?.success, true);

		const again = await rp.verify(token);
		assert.ok(again.status >= 400 && again.status < 500, `second verify answered ${again.status}`);
		assert.match(again.contentType, /application\/problem\+json/);
		assert.equal(again.body?.errorCode, "invalid_token");
	});

	it("finds no credential for a discoverable sign-in (the key holds no resident credential)", async () => {
		const result = await call("signin", { timeoutMs: 3_000 });
		assert.equal(result.step, "get", JSON.stringify(result));
		assert.equal(result.browserError?.name, "NotAllowedError");
		assert.equal(result.complete, undefined);
	});
});
