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
import { type ClientPages, type Impl, openClientPage, type PageResult, pageClient, startClientPages } from "./client-pages.ts";

type Json = Record<string, unknown>;
const IMPLS: Impl[] = ["official", "latchkey"];
/** Members of a verify token that differ between two sign-ins by nature. */
const VOLATILE = ["timestamp", "expiresAt", "tokenId"];

/**
 * The same page flows, run with the official `@passwordlessdev/passwordless-client` 1.2.4 and with `@latchkey/client`,
 * must give the same results; and passkeys registered with either sign in with the other (both ways).
 */
describe("@latchkey/client is a drop-in for @passwordlessdev/passwordless-client 1.2.4", { skip: browserSkip }, () => {
	let server: ServerProcess;
	let app: TestApp;
	let pages: ClientPages;
	let browser: Browser;
	let rp: ReturnType<typeof backend>;
	let authenticatorId: string | undefined;

	const call = (impl: Impl, method: string, ...args: unknown[]): Promise<PageResult> =>
		pageClient(browser.page, impl, { apiUrl: server.url, apiKey: app.apiKey }).call(method, ...args);

	/** Verifies a result's token and returns the verify body without its volatile members. */
	const verified = async (result: PageResult): Promise<Json> => {
		assert.equal(result.error, undefined, JSON.stringify(result));
		assert.deepEqual(Object.keys(result), ["token"]);
		const reply = await rp.verify(String(result.token));
		assert.equal(reply.status, 200, reply.text);
		return Object.fromEntries(Object.entries(reply.body!).filter(([key]) => !VOLATILE.includes(key)));
	};

	before(async () => {
		browser = await launchBrowser();
		[server, pages] = await Promise.all([startServer(), startClientPages()]);
		app = await server.createApp({ appId: `co${unique()}`.slice(0, 20), rpId: "localhost" });
		rp = backend(server.url, app);
		await rp.addPurposes(["pay"]);
		await openClientPage(browser.page, pages.origin);
	});

	after(async () => {
		await browser?.close();
		await pages?.close();
		await server?.stop();
		server?.cleanup();
	});

	const authenticators = [
		{ name: "a platform authenticator", options: PLATFORM_UV, discoverable: true },
		{ name: "a U2F security key", options: SECURITY_KEY_U2F, discoverable: false },
	];
	for (const authenticator of authenticators) {
		for (const [registrar, signer] of [IMPLS, [...IMPLS].reverse()] as [Impl, Impl][]) {
			describe(`on ${authenticator.name}, a passkey registered with the ${registrar} client`, () => {
				const userId = `${registrar}-${unique()}`;
				const alias = `${registrar}-${unique()}@example.com`;
				let credentialId = "";
				const expected = (purpose = "sign-in"): Json => ({
					userId,
					credentialId: toBase64(credentialId),
					type: "passkey_signin",
					purpose,
					rpId: "localhost",
					origin: pages.origin,
					success: true,
				});
				/** Runs the flow with both clients (the signer first) and asserts both give the same verified result. */
				const sameSignIn = async (method: string, args: unknown[], purpose?: string): Promise<void> => {
					const [first, second] = [signer, registrar];
					const a = await verified(await call(first, method, ...args));
					const b = await verified(await call(second, method, ...args));
					assert.deepEqual(a, b, `${first} and ${second} differ`);
					for (const [key, value] of Object.entries(expected(purpose))) assert.equal(a[key], value, key);
				};

				before(async () => {
					authenticatorId = await freshAuthenticator(browser.cdp, authenticator.options, authenticatorId);
				});

				it(`registers with the ${registrar} client's register(token, nickname)`, async () => {
					const token = await rp.registerToken({ userId, username: alias, aliases: [alias], discoverable: authenticator.discoverable });
					const registeredWith = await verified(await call(registrar, "register", token, "compat"));
					const { credentials } = await browser.cdp.send("WebAuthn.getCredentials", { authenticatorId: authenticatorId! });
					credentialId = Buffer.from(credentials[0]!.credentialId, "base64").toString("base64url");
					assert.equal(registeredWith.type, "passkey_register");
					assert.equal(registeredWith.nickname, "compat");
					assert.equal(registeredWith.credentialId, toBase64(credentialId));
				});

				it(`signs in with the ${signer} client's signinWithAlias, the same as with the ${registrar} client`, async () => {
					await sameSignIn("signinWithAlias", [alias]);
				});

				it(`signs in with the ${signer} client's signinWithId, the same as with the ${registrar} client`, async () => {
					await sameSignIn("signinWithId", [userId]);
				});

				it(`steps up with the ${signer} client's stepup, the same as with the ${registrar} client`, async () => {
					await sameSignIn("stepup", [{ signinMethod: { userId }, purpose: "step-up" }], "step-up");
					await sameSignIn("stepup", [{ signinMethod: { alias }, purpose: "pay" }], "pay");
				});

				if (authenticator.discoverable) {
					it(`signs in with the ${signer} client's signinWithDiscoverable and signinWithAutofill, as the ${registrar} client`, async () => {
						await sameSignIn("signinWithDiscoverable", []);
						await sameSignIn("signinWithAutofill", []);
					});
				} else {
					it("fails a discoverable sign-in on the client side with both clients (codes differ by design)", async () => {
						const results = {
							official: await call("official", "signinWithDiscoverable"),
							latchkey: await call("latchkey", "signinWithDiscoverable"),
						};
						for (const result of Object.values(results)) {
							assert.equal(result.token, undefined);
							assert.equal(result.error?.from, "client");
						}
						assert.equal(results.official.error?.errorCode, "unknown");
						assert.equal(results.latchkey.error?.errorCode, "no_passkey_for_site");
					});
				}
			});
		}
	}

	describe("server errors", () => {
		const sameError = async (run: (impl: Impl) => Promise<PageResult>, errorCode: RegExp): Promise<void> => {
			const [official, latchkey] = [await run("official"), await run("latchkey")];
			for (const result of [official, latchkey]) {
				assert.equal(result.token, undefined);
				assert.equal(result.error?.from, "server", JSON.stringify(result));
				assert.match(String(result.error?.errorCode), errorCode);
			}
			const { traceId: _a, ...a } = official.error!;
			const { traceId: _b, ...b } = latchkey.error!;
			assert.deepEqual(b, a);
		};

		it("come back the same for a bad register token", async () => {
			await sameError((impl) => call(impl, "register", "register_not-a-real-token"), /^(invalid_token|invalid_token_format)$/);
		});

		it("come back the same for a wrong ApiKey", async () => {
			await sameError(
				(impl) =>
					pageClient(browser.page, impl, { apiUrl: server.url, apiKey: "nobody:public:00000000000000000000000000000000" }, "wrong").call(
						"signinWithDiscoverable",
					),
				/^invalid_api_key$/,
			);
		});
	});
});
