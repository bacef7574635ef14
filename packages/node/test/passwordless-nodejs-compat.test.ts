import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ServerProcess, type SmtpSink, startServer, startSmtpSink, type TestApp } from "@latchkey/test-support";
import {
	ApiException,
	GenerateAuthenticationTokenRequest,
	PasswordlessClient,
	RegisterOptions,
	SendMagicLinkRequest,
} from "@passwordlessdev/passwordless-nodejs";
import { Latchkey } from "../src/latchkey.ts";
import { type BrowserStandIn, browserStandIn } from "./support/browser-stand-in.ts";

/**
 * The official Passwordless.dev Node SDK (1.0.1, axios) against a running Latchkey: every call it can make succeeds and
 * returns what the server stored, as @latchkey/node reads it. It sends `?userid=` in lower case and unencoded.
 */
describe("@passwordlessdev/passwordless-nodejs against latchkey serve", () => {
	let server: ServerProcess;
	let app: TestApp;
	let official: PasswordlessClient;
	let latchkey: Latchkey;
	let browser: BrowserStandIn;
	let sink: SmtpSink;

	before(async () => {
		sink = await startSmtpSink();
		server = await startServer({ env: { LATCHKEY_SMTP_URL: sink.url, LATCHKEY_SMTP_FROM: "no-reply@example.com" } });
		// reusable verify tokens (upstream's behaviour), so both SDKs can verify the same token and be compared
		app = await server.createApp({ appId: "compat", rpId: "localhost", reusableVerifyTokens: true });
		official = new PasswordlessClient(app.apiSecret, { baseUrl: server.url });
		latchkey = new Latchkey({ apiUrl: server.url, apiSecret: app.apiSecret });
		browser = browserStandIn(server.url, app.apiKey);
	});
	after(async () => {
		await server.stop();
		server.cleanup();
		await sink.close();
	});

	const register = async (userId: string, aliases?: string[]): Promise<{ credentialId: string; verifyToken: string }> => {
		const options = new RegisterOptions();
		options.userId = userId;
		options.username = `${userId}@example.com`;
		options.displayName = `User ${userId}`;
		if (aliases) options.aliases = aliases;
		const { token } = await official.createRegisterToken(options);
		assert.match(token, /^register_/);
		return browser.register(token);
	};

	it("createRegisterToken sends the upstream RegisterOptions defaults, and the token registers a passkey", async () => {
		const { credentialId } = await register("alice", ["alice@example.com"]);
		const [credential] = await latchkey.listCredentials("alice");
		assert.equal(credential?.descriptor.id, credentialId);
		assert.equal(credential?.isDiscoverable, true); // discoverable: true is the official default
	});

	it("verifyToken returns the same object as @latchkey/node's raw answer", async () => {
		const { credentialId } = await register("bob");
		const token = await browser.signIn({ userId: "bob" });
		const verified = await official.verifyToken(token);
		assert.ok(verified, "the official SDK returns null on any error");
		const ours = await latchkey.verifyToken(token);
		assert.deepEqual({ ...verified }, ours.raw);
		assert.equal(verified.userId, "bob");
		assert.equal(verified.success, true);
		assert.equal(verified.type, "passkey_signin");
		assert.equal(verified.credentialId, Buffer.from(credentialId, "base64url").toString("base64"));
	});

	it("verifyToken gives null for a bad token, as upstream", async () => {
		assert.equal(await official.verifyToken("verify_nope"), null);
	});

	it("generateAuthenticationToken makes a token that verifies as generated_signin", async () => {
		const response = await official.generateAuthenticationToken(new GenerateAuthenticationTokenRequest("carol", 300));
		assert.ok(response);
		const verified = await latchkey.verifyToken(response.token);
		assert.equal(verified.type, "generated_signin");
		assert.equal(verified.userId, "carol");
		assert.equal(Math.round((verified.expiresAt.getTime() - verified.timestamp.getTime()) / 1000), 300);
	});

	it("sendMagicLink mails a link whose token verifies once as magic_link (single-use even on this reusable-token app)", async () => {
		await official.sendMagicLink(
			new SendMagicLinkRequest("carol@example.com", "https://shop.example/login?token=$TOKEN", "carol", undefined as never),
		);
		const mail = await sink.next();
		assert.equal(mail.subject, "Sign in to shop.example");
		const token = /token=(verify_[A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? "";
		const verified = await official.verifyToken(token);
		assert.equal(verified?.type, "magic_link");
		assert.equal(verified?.userId, "carol");
		assert.equal(await official.verifyToken(token), null, "a magic link verifies once");
		await assert.rejects(
			official.sendMagicLink(new SendMagicLinkRequest("carol@example.com", "https://shop.example/login", "carol", 60)),
			(error: unknown) => error instanceof ApiException,
		);
	});

	it("setAliases and listAliases (lower-case ?userid=) round-trip, and agree with @latchkey/node", async () => {
		// 1.0.1 declares a SetAliasRequest class but exports it neither in its types nor at runtime: a plain object it is
		const request: Parameters<PasswordlessClient["setAliases"]>[0] = {
			userId: "dave",
			aliases: ["dave@example.com", "dave"],
			hashing: false,
		};
		await official.setAliases(request);
		const aliases = await official.listAliases("dave");
		assert.deepEqual(aliases.map((a) => a.plaintext).sort(), ["dave", "dave@example.com"]);
		assert.deepEqual(aliases, await latchkey.listAliases("dave"));
		await official.setAliases({ userId: "dave", aliases: [], hashing: true });
		assert.deepEqual(await official.listAliases("dave"), []);
	});

	it("listCredentials returns the stored credentials, equal to @latchkey/node's apart from Date conversion", async () => {
		const { credentialId } = await register("erin");
		const theirs = await official.listCredentials("erin");
		const ours = await latchkey.listCredentials("erin");
		assert.equal(theirs.length, 1);
		assert.equal(theirs[0]?.descriptor.id, credentialId);
		assert.equal(theirs[0]?.userId, "erin");
		assert.equal(theirs[0]?.rpid, "localhost");
		const { createdAt, lastUsedAt, ...rest } = ours[0] ?? {};
		assert.deepEqual({ ...theirs[0], createdAt, lastUsedAt }, { ...rest, createdAt, lastUsedAt });
		assert.deepEqual(new Date(String(theirs[0]?.createdAt)), createdAt);
	});

	it("deleteCredential takes the id as bytes and deletes it; an unknown id is an ApiException with credential_not_found", async () => {
		const { credentialId } = await register("frank");
		await official.deleteCredential(new Uint8Array(Buffer.from(credentialId, "base64url")));
		assert.deepEqual(await official.listCredentials("frank"), []);
		const error = await official.deleteCredential(new Uint8Array(Buffer.from(credentialId, "base64url"))).catch((e: unknown) => e);
		assert.ok(error instanceof ApiException, String(error));
		assert.equal(error.details.errorCode, "credential_not_found");
		assert.equal(error.details.status, 404);
	});

	it("deleteUser removes the user's passkeys and aliases; listUsers (ours: upstream's SDK has none) agrees", async () => {
		await register("grace", ["grace@example.com"]);
		assert.ok((await latchkey.listUsers()).some((u) => u.userId === "grace"));
		await official.deleteUser("grace");
		assert.deepEqual(await official.listCredentials("grace"), []);
		assert.deepEqual(await official.listAliases("grace"), []);
		assert.equal(
			(await latchkey.listUsers()).some((u) => u.userId === "grace"),
			false,
		);
	});

	it("gets problem details as an ApiException (exact application/problem+json content type)", async () => {
		const wrong = new PasswordlessClient(`${app.appId}:secret:00000000000000000000000000000000`, { baseUrl: server.url });
		const error = await wrong.listAliases("x").catch((e: unknown) => e);
		assert.ok(error instanceof ApiException);
		assert.equal(error.details.status, 401);
		assert.equal(error.details.errorCode, "invalid_api_secret");
		assert.notEqual(error.details.errorCode, "unexpected_error");
	});
});
