import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ServerProcess, TestApp } from "@latchkey/test-support";
import {
	type Browser,
	type backend,
	browserSkip,
	closeBrowserSuite,
	freshAuthenticator,
	openBrowserSuite,
	type PageResult,
	type PageServer,
	PLATFORM_UV,
	SECURITY_KEY_U2F,
	unique,
} from "./browser-harness.ts";

describe("user verification required on an authenticator that fails user verification", { skip: browserSkip }, () => {
	let server: ServerProcess;
	let app: TestApp;
	let pages: PageServer;
	let browser: Browser;
	let rp: ReturnType<typeof backend>;
	let authenticatorId: string | undefined;

	const register = (args: Record<string, unknown>): Promise<PageResult> =>
		browser.page.evaluate((input) => (window as unknown as { lk: { register(a: unknown): Promise<unknown> } }).lk.register(input), {
			apiUrl: server.url,
			apiKey: app.apiKey,
			timeoutMs: 5_000,
			...args,
		}) as Promise<PageResult>;

	/** A refused ceremony: no verify token, and a server answer (if any) is a problem+json 4xx with an errorCode. */
	const assertRefused = (result: PageResult): void => {
		assert.notEqual(result.step, "done", JSON.stringify(result));
		assert.equal(typeof result.complete?.body?.token === "string", false, "no verify token is issued");
		if (result.complete) {
			assert.ok(result.complete.status >= 400 && result.complete.status < 500, JSON.stringify(result.complete));
			assert.match(String(result.complete.contentType), /application\/problem\+json/);
			assert.equal(typeof result.complete.body?.errorCode, "string");
		}
	};

	before(async () => {
		({ browser, server, pages, app, rp } = await openBrowserSuite("/"));
	});

	after(() => closeBrowserSuite({ browser, pages, server }));

	it("fails the registration cleanly when the page asks for user verification as required", async () => {
		const userId = `uv-user-${unique()}`;
		authenticatorId = await freshAuthenticator(browser.cdp, PLATFORM_UV, authenticatorId);
		await browser.cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified: false });
		const token = await rp.registerToken({ userId, username: userId, userVerification: "required" });
		const result = await register({ token });
		assert.equal(result.begin?.status, 200);
		const selection =
			(result.begin?.body?.data as { authenticatorSelection?: Record<string, unknown> } | undefined)?.authenticatorSelection ?? {};
		assert.equal(selection.userVerification, "required");
		assertRefused(result);
		if (result.step === "create") assert.equal(result.browserError?.name, "NotAllowedError");
	});

	it("refuses on the server a registration without the UV flag when the client downgrades the request", async () => {
		const userId = `uv-user-${unique()}`;
		// A security key that cannot verify the user at all; the page downgrades the request (a broken or hostile
		// client), so the browser does create a credential, whose authenticator data lacks the UV flag.
		authenticatorId = await freshAuthenticator(browser.cdp, SECURITY_KEY_U2F, authenticatorId);
		const token = await rp.registerToken({ userId, username: userId, userVerification: "required", discoverable: false });
		const result = await register({ token, overrideSelection: { userVerification: "discouraged" } });
		assert.equal(result.step, "complete", `the browser created a credential and the server refused it: ${JSON.stringify(result)}`);
		assertRefused(result);
		assert.equal(result.complete?.status, 400);
		assert.equal(result.complete?.body?.errorCode, "user_verification_required");
		const { credentials } = await browser.cdp.send("WebAuthn.getCredentials", { authenticatorId: authenticatorId! });
		assert.equal(credentials.length, 1, "the authenticator did create a credential");

		// And that credential was not stored for the user: a sign-in by userId offers nothing to sign in with.
		const begin = await fetch(`${server.url}/signin/begin`, {
			method: "POST",
			headers: { "content-type": "application/json", ApiKey: app.apiKey },
			body: JSON.stringify({ userId, RPID: "localhost", Origin: pages.origin }),
		});
		assert.equal(begin.status, 200);
		const data = ((await begin.json()) as { data: { allowCredentials: unknown[] } }).data;
		assert.deepEqual(data.allowCredentials, []);
	});
});
