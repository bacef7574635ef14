import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { type FakePasskeyBackend, fakeCredential, fakePasskeyBackend } from "../test/fake-passkey-backend.ts";
import { createDemoServer } from "./create-demo-server.ts";
import { createDemoStore, type DemoStore } from "./demo-store.ts";
import { createSessionManager } from "./session-manager.ts";

describe("createDemoServer", () => {
	let clock = new Date("2025-06-01T12:00:00Z");
	let latchkey: FakePasskeyBackend;
	let store: DemoStore;
	let server: Server;
	let origin: string;

	before(async () => {
		latchkey = fakePasskeyBackend(() => clock);
		store = createDemoStore(null);
		const app = createDemoServer({
			latchkey,
			store,
			sessions: createSessionManager({ secret: "a-test-secret-that-is-long-enough-1234", ttlSeconds: 3600 }),
			publicConfig: { apiUrl: "http://localhost:4000", apiKey: "demo:public:0123" },
			staticDir: null,
			now: () => clock,
			log: () => {},
		});
		server = app.listen(0, "127.0.0.1");
		await new Promise((resolve) => server.once("listening", resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	after(() => {
		server.closeAllConnections();
		server.close();
	});

	async function call(method: string, path: string, options: { body?: unknown; cookie?: string; headers?: Record<string, string> } = {}) {
		const res = await fetch(`${origin}${path}`, {
			method,
			headers: {
				origin,
				...(options.body === undefined ? {} : { "content-type": "application/json" }),
				...(options.cookie ? { cookie: options.cookie } : {}),
				...options.headers,
			},
			...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
		});
		const text = await res.text();
		return {
			status: res.status,
			body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
			setCookie: res.headers.get("set-cookie") ?? "",
		};
	}
	const code = (body: Record<string, unknown>): unknown => (body.error as { code?: string } | undefined)?.code;
	async function signIn(email: string): Promise<{ userId: string; cookie: string }> {
		const user = store.findUserByEmail(email) ?? store.createUser({ email, name: "Ada", now: clock });
		latchkey.tokens.set(`verify_${email}`, { userId: user.id, type: "passkey_register", purpose: null });
		const reply = await call("POST", "/api/signin", { body: { token: `verify_${email}` } });
		assert.equal(reply.status, 200);
		return { userId: user.id, cookie: reply.setCookie.split(";")[0] ?? "" };
	}

	it("hands the public key to the front end, never the secret", async () => {
		const reply = await call("GET", "/api/config");
		assert.deepEqual(reply.body, { apiUrl: "http://localhost:4000", apiKey: "demo:public:0123" });
	});

	it("refuses a state-changing request from another origin", async () => {
		const reply = await call("POST", "/api/logout", { headers: { origin: "https://evil.example" } });
		assert.equal(reply.status, 403);
		assert.equal(code(reply.body), "bad_origin");
	});

	it("accepts a request without Origin only when the browser marks it same-origin", async () => {
		const refused = await fetch(`${origin}/api/logout`, { method: "POST" });
		assert.equal(refused.status, 403);
		const accepted = await fetch(`${origin}/api/logout`, { method: "POST", headers: { "sec-fetch-site": "same-origin" } });
		assert.equal(accepted.status, 204);
	});

	it("validates the sign-up form and answers which fields are wrong", async () => {
		const reply = await call("POST", "/api/register-token", { body: { email: "not-an-email", name: "" } });
		assert.equal(reply.status, 400);
		assert.equal(code(reply.body), "invalid_input");
		assert.deepEqual(Object.keys((reply.body.error as { fields: object }).fields).sort(), ["email", "name"]);
	});

	it("answers invalid_json for a body that is not JSON", async () => {
		const res = await fetch(`${origin}/api/signin`, { method: "POST", headers: { origin, "content-type": "application/json" }, body: "{" });
		assert.equal(res.status, 400);
		assert.equal(code((await res.json()) as Record<string, unknown>), "invalid_json");
	});

	it("issues a register token with the e-mail as alias, and refuses an e-mail that already has a passkey", async () => {
		const first = await call("POST", "/api/register-token", { body: { email: " Grace@Example.com ", name: "Grace" } });
		assert.equal(first.status, 200);
		const user = store.findUserByEmail("grace@example.com");
		assert.ok(user);
		latchkey.credentials.set(user.id, [fakeCredential(user.id, "cred-grace")]);
		const again = await call("POST", "/api/register-token", { body: { email: "grace@example.com", name: "Grace" } });
		assert.equal(again.status, 409);
		assert.equal(code(again.body), "email_taken");
	});

	it("starts an HttpOnly, SameSite=Lax session (not Secure over http) after a verified sign-in", async () => {
		const { cookie } = await signIn("ada@example.com");
		const user = store.findUserByEmail("ada@example.com");
		latchkey.tokens.set("verify_signin", { userId: user?.id ?? "", purpose: "sign-in" });
		const reply = await call("POST", "/api/signin", { body: { token: "verify_signin" } });
		assert.match(reply.setCookie, /^demo_session=[^;]+; Max-Age=3600; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
		const me = await call("GET", "/api/me", { cookie });
		assert.equal(me.status, 200);
		assert.equal((me.body.user as { email: string }).email, "ada@example.com");
	});

	it("does not start a session with a step-up token or a spent token", async () => {
		const user = store.findUserByEmail("ada@example.com");
		latchkey.tokens.set("verify_stepup", { userId: user?.id ?? "", purpose: "step-up" });
		const stepUp = await call("POST", "/api/signin", { body: { token: "verify_stepup" } });
		assert.equal(stepUp.status, 401);
		assert.equal(code(stepUp.body), "invalid_token");
		const spent = await call("POST", "/api/signin", { body: { token: "verify_stepup" } });
		assert.equal(code(spent.body), "invalid_token");
	});

	it("mails a recovery link only to a known address, answers alike either way, and turns Latchkey's refusals into demo codes", async () => {
		const { userId } = await signIn("recover@example.com");
		const known = await call("POST", "/api/recover", { body: { email: " Recover@Example.com ", language: "ja" } });
		assert.equal(known.status, 202);
		const unknown = await call("POST", "/api/recover", { body: { email: "nobody@example.com" } });
		assert.deepEqual([unknown.status, unknown.body], [known.status, known.body]);
		assert.deepEqual(latchkey.magicLinks, [
			{ emailAddress: "recover@example.com", userId, urlTemplate: `${origin}/recover?token=$TOKEN`, purpose: "recovery", language: "ja" },
		]);
		assert.equal(code((await call("POST", "/api/recover", { body: { email: "nope" } })).body), "invalid_input");
		const { LatchkeyError } = await import("@latchkey/node");
		latchkey.magicLinkFailure = new LatchkeyError({ status: 429, errorCode: "magic_link_email_quota_exceeded", title: "quota" });
		const quota = await call("POST", "/api/recover", { body: { email: "recover@example.com" } });
		assert.deepEqual([quota.status, code(quota.body)], [429, "too_many_links"]);
		latchkey.magicLinkFailure = new LatchkeyError({ status: 503, errorCode: "email_unavailable", title: "down" });
		const down = await call("POST", "/api/recover", { body: { email: "recover@example.com" } });
		assert.deepEqual([down.status, code(down.body)], [503, "recovery_unavailable"]);
		latchkey.magicLinkFailure = null;
	});

	it("starts a session from a recovery link once, and refuses other tokens there", async () => {
		const user = store.findUserByEmail("recover@example.com") ?? store.createUser({ email: "recover@example.com", name: "R", now: clock });
		latchkey.tokens.set("verify_link", { userId: user.id, type: "magic_link", purpose: "recovery" });
		const done = await call("POST", "/api/recover/complete", { body: { token: "verify_link" } });
		assert.equal(done.status, 200);
		assert.equal((done.body.user as { id: string }).id, user.id);
		assert.match(done.setCookie, /HttpOnly/);
		const again = await call("POST", "/api/recover/complete", { body: { token: "verify_link" } });
		assert.deepEqual([again.status, code(again.body)], [401, "link_invalid"]);
		latchkey.tokens.set("verify_passkey", { userId: user.id, type: "passkey_signin", purpose: "sign-in" });
		assert.equal(code((await call("POST", "/api/recover/complete", { body: { token: "verify_passkey" } })).body), "link_invalid");
		latchkey.tokens.set("verify_magic", { userId: user.id, type: "magic_link", purpose: "recovery" });
		assert.equal(
			code((await call("POST", "/api/signin", { body: { token: "verify_magic" } })).body),
			"invalid_token",
			"a link is not a passkey sign-in",
		);
	});

	it("answers session_expired once the session is over, and not_signed_in without one", async () => {
		const { cookie } = await signIn("ada@example.com");
		const saved = clock;
		clock = new Date(saved.getTime() + 3601_000);
		const expired = await call("GET", "/api/passkeys", { cookie });
		clock = saved;
		assert.equal(expired.status, 401);
		assert.equal(code(expired.body), "session_expired");
		assert.equal(code((await call("GET", "/api/passkeys")).body), "not_signed_in");
	});

	it("lists, renames and deletes the user's own passkeys, but never the last one or another user's", async () => {
		const { userId, cookie } = await signIn("ada@example.com");
		latchkey.credentials.set(userId, [fakeCredential(userId, "cred-a"), fakeCredential(userId, "cred-b")]);
		const listed = await call("GET", "/api/passkeys", { cookie });
		const first = (listed.body.passkeys as Array<{ id: string; provider: string; synced: boolean }>)[0];
		assert.equal(first?.provider, "Apple Passwords", "from the credential's authenticatorName");
		assert.equal(first?.synced, true);
		const renamed = await call("PATCH", "/api/passkeys/cred-a", { cookie, body: { nickname: "  Phone " } });
		assert.equal((renamed.body.passkey as { nickname: string }).nickname, "Phone");
		const relisted = (await call("GET", "/api/passkeys", { cookie })).body.passkeys as Array<{ id: string; nickname: string | null }>;
		assert.equal(relisted.find((p) => p.id === "cred-a")?.nickname, "Phone", "kept by the passkey server, not the demo");
		assert.equal(code((await call("DELETE", "/api/passkeys/cred-grace", { cookie })).body), "passkey_not_found");
		const deleted = await call("DELETE", "/api/passkeys/cred-a", { cookie });
		assert.equal(deleted.status, 200);
		assert.deepEqual(deleted.body.signal, {
			rpId: "localhost",
			userId: Buffer.from(userId).toString("base64url"),
			allAcceptedCredentialIds: ["cred-b"],
		});
		const last = await call("DELETE", "/api/passkeys/cred-b", { cookie });
		assert.equal(last.status, 409);
		assert.equal(code(last.body), "last_passkey");
	});

	it("changes the display name and answers the Signal API's user details for the page", async () => {
		const { userId, cookie } = await signIn("grace@example.com");
		const changed = await call("PATCH", "/api/me", { cookie, body: { name: "  Grace Hopper " } });
		assert.equal(changed.status, 200);
		assert.equal((changed.body.user as { name: string }).name, "Grace Hopper");
		assert.equal(store.findUser(userId)?.name, "Grace Hopper");
		assert.deepEqual(changed.body.signal, {
			rpId: "localhost",
			userId: Buffer.from(userId).toString("base64url"),
			name: "grace@example.com",
			displayName: "Grace Hopper",
		});
		assert.equal(code((await call("PATCH", "/api/me", { cookie, body: { name: " " } })).body), "invalid_input");
		assert.equal(code((await call("PATCH", "/api/me", { body: { name: "X" } })).body), "not_signed_in");
	});

	it("sends a payment only with a fresh step-up of the signed-in user, and checks the amount and the balance", async () => {
		const { userId, cookie } = await signIn("ada@example.com");
		const before = store.balanceCents(userId);
		const without = await call("POST", "/api/payments", { cookie, body: { recipient: "Bob", amount: "10.00" } });
		assert.equal(code(without.body), "step_up_required");
		const invalid = await call("POST", "/api/payments", { cookie, body: { recipient: "Bob", amount: "10.001" } });
		assert.equal(code(invalid.body), "invalid_input");
		latchkey.tokens.set("verify_pay", { userId, purpose: "step-up" });
		const sent = await call("POST", "/api/payments", { cookie, body: { recipient: "Bob", amount: "10.50", stepUpToken: "verify_pay" } });
		assert.equal(sent.status, 201);
		assert.equal(sent.body.balanceCents, before - 1050);
		latchkey.tokens.set("verify_big", { userId, purpose: "step-up" });
		assert.equal(
			(await call("POST", "/api/payments", { cookie, body: { recipient: "Bob", amount: 10000, stepUpToken: "verify_big" } })).status,
			201,
		);
		latchkey.tokens.set("verify_more", { userId, purpose: "step-up" });
		const tooMuch = await call("POST", "/api/payments", {
			cookie,
			body: { recipient: "Bob", amount: "10000", stepUpToken: "verify_more" },
		});
		assert.equal(tooMuch.status, 422);
		assert.equal(code(tooMuch.body), "insufficient_funds");
	});

	it("answers unknown API routes with a JSON 404", async () => {
		const reply = await call("GET", "/api/nope");
		assert.equal(reply.status, 404);
		assert.equal(code(reply.body), "not_found");
		const cognito = await call("POST", "/api/cognito/begin", { body: {} });
		assert.equal(cognito.status, 404, "the Cognito routes exist only when a pool is configured");
		assert.equal(code(cognito.body), "not_found");
	});
});
