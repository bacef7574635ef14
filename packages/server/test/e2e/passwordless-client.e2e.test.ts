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
	type PageServer,
	PLATFORM_UV,
	toBase64,
	unique,
} from "./browser-harness.ts";

type ClientMethod = "register" | "signinWithAlias" | "signinWithId" | "signinWithDiscoverable" | "signinWithAutofill";
interface ClientResult {
	token?: string;
	error?: { from?: string; errorCode?: string; status?: number; title?: string; [key: string]: unknown };
}

describe("official @passwordlessdev/passwordless-client 1.2.4 in the browser", { skip: browserSkip }, () => {
	let server: ServerProcess;
	let app: TestApp;
	let pages: PageServer;
	let browser: Browser;
	let rp: ReturnType<typeof backend>;
	let authenticatorId: string;

	const userId = `client-user-${unique()}`;
	const alias = `carol-${unique()}@example.com`;
	let credentialId = "";

	/** Runs `new Client({ apiUrl, apiKey })[method](...args)` in the page. */
	const client = (method: ClientMethod, ...args: string[]): Promise<ClientResult> =>
		browser.page.evaluate(
			async ([apiUrl, apiKey, name, params]) => {
				const Client = (
					window as unknown as { PasswordlessClient: new (c: unknown) => Record<string, (...a: string[]) => Promise<unknown>> }
				).PasswordlessClient;
				const instance = new Client({ apiUrl, apiKey });
				return instance[name]!(...params);
			},
			[server.url, app.apiKey, method, args] as const,
		) as Promise<ClientResult>;

	const expectSignIn = async (result: ClientResult): Promise<void> => {
		assert.equal(result.error, undefined, JSON.stringify(result.error));
		assert.match(String(result.token), /^verify_/);
		const verified = await rp.verify(String(result.token));
		assert.equal(verified.status, 200, verified.text);
		assert.equal(verified.body?.userId, userId);
		assert.equal(verified.body?.type, "passkey_signin");
		assert.equal(verified.body?.credentialId, toBase64(credentialId));
		assert.equal(verified.body?.origin, pages.origin);
		assert.equal(verified.body?.rpId, "localhost");
	};

	before(async () => {
		({ browser, server, pages, app, rp } = await openBrowserSuite("/client.html"));
		await browser.page.waitForFunction(() => (window as unknown as { clientReady?: boolean }).clientReady === true);
		authenticatorId = await freshAuthenticator(browser.cdp, PLATFORM_UV);
	});

	after(() => closeBrowserSuite({ browser, pages, server }));

	it("registers with register(token) and the token verifies as passkey_register", async () => {
		const token = await rp.registerToken({ userId, username: alias, displayName: "Carol", aliases: [alias] });
		const result = await client("register", token, "client-passkey");
		assert.equal(result.error, undefined, JSON.stringify(result.error));
		assert.match(String(result.token), /^verify_/);

		const { credentials } = await browser.cdp.send("WebAuthn.getCredentials", { authenticatorId });
		assert.equal(credentials.length, 1);
		credentialId = Buffer.from(credentials[0]!.credentialId, "base64").toString("base64url");

		const verified = await rp.verify(String(result.token));
		assert.equal(verified.status, 200, verified.text);
		assert.equal(verified.body?.type, "passkey_register");
		assert.equal(verified.body?.userId, userId);
		assert.equal(verified.body?.credentialId, toBase64(credentialId));
		assert.equal(verified.body?.nickname, "client-passkey");
	});

	it("signs in with signinWithAlias", async () => {
		await expectSignIn(await client("signinWithAlias", alias));
	});

	it("signs in with signinWithId", async () => {
		await expectSignIn(await client("signinWithId", userId));
	});

	it("signs in with signinWithDiscoverable", async () => {
		await expectSignIn(await client("signinWithDiscoverable"));
	});

	it("signs in with signinWithAutofill", async () => {
		await expectSignIn(await client("signinWithAutofill"));
	});

	it("returns a server error with its errorCode for a bad register token (CORS on errors)", async () => {
		const result = await client("register", "register_this-token-does-not-exist");
		assert.equal(result.token, undefined);
		assert.equal(result.error?.from, "server", JSON.stringify(result.error));
		assert.equal(typeof result.error?.errorCode, "string");
		assert.notEqual(result.error?.errorCode, "unknown");
		assert.match(String(result.error?.errorCode), /^(invalid_token|invalid_token_format|expired_token)$/);
		assert.ok(Number(result.error?.status) >= 400 && Number(result.error?.status) < 500, JSON.stringify(result.error));
	});

	it("returns a server error with its errorCode for a wrong ApiKey", async () => {
		const result = (await browser.page.evaluate(
			async ([apiUrl]) => {
				const Client = (window as unknown as { PasswordlessClient: new (c: unknown) => { signinWithDiscoverable(): Promise<unknown> } })
					.PasswordlessClient;
				return new Client({ apiUrl, apiKey: "nobody:public:00000000000000000000000000000000" }).signinWithDiscoverable();
			},
			[server.url] as const,
		)) as ClientResult;
		assert.equal(result.token, undefined);
		assert.equal(result.error?.from, "server", JSON.stringify(result.error));
		assert.equal(typeof result.error?.errorCode, "string");
		assert.ok(Number(result.error?.status) >= 400 && Number(result.error?.status) < 500, JSON.stringify(result.error));
	});
});
