import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { type FakeLatchkey, fakeCredential, fakeLatchkey } from "../test/fake-latchkey.ts";
import { createAppServer } from "./create-app-server.ts";
import { hiddenUserId } from "./hidden-user-id.ts";
import { createSessionManager } from "./session-manager.ts";
import { createUserStore, type UserStore } from "./user-store.ts";

const SECRET = "a-session-secret-for-the-tests-0123456789";

describe("createAppServer", () => {
	let clock = new Date("2026-01-01T12:00:00Z");
	let latchkey: FakeLatchkey;
	let users: UserStore;
	let server: Server;
	let origin: string;

	before(async () => {
		latchkey = fakeLatchkey(() => clock);
		users = createUserStore(null);
		server = createAppServer({
			latchkey,
			users,
			sessions: createSessionManager({ secret: SECRET, ttlSeconds: 600 }),
			userIdSecret: SECRET,
			publicConfig: { apiUrl: "http://localhost:4000", apiKey: "angular:public:0123" },
			staticDir: null,
			now: () => clock,
			log: () => {},
		}).listen(0, "127.0.0.1");
		await new Promise((resolve) => server.once("listening", resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	after(() => {
		server.closeAllConnections();
		server.close();
	});

	async function call(method: string, path: string, options: { body?: unknown; cookie?: string; origin?: string } = {}) {
		const res = await fetch(`${origin}${path}`, {
			method,
			headers: {
				origin: options.origin ?? origin,
				...(options.body === undefined ? {} : { "content-type": "application/json" }),
				...(options.cookie ? { cookie: options.cookie } : {}),
			},
			...(options.body === undefined ? {} : { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }),
		});
		const text = await res.text();
		const body = (text ? JSON.parse(text) : {}) as Record<string, unknown> & { error?: { code: string } };
		return { status: res.status, body, setCookie: res.headers.get("set-cookie") ?? "" };
	}
	/** Registers (fake) and signs in; returns the session cookie. */
	async function signedIn(email: string): Promise<{ userId: string; cookie: string }> {
		assert.equal((await call("POST", "/api/register-token", { body: { email } })).status, 200);
		const userId = users.findByEmail(email)?.id ?? "";
		latchkey.tokens.set(`verify_${email}`, { userId, type: "passkey_register", purpose: null });
		const reply = await call("POST", "/api/signin-verify", { body: { token: `verify_${email}` } });
		assert.equal(reply.status, 200);
		assert.deepEqual(reply.body, { userId, email });
		return { userId, cookie: reply.setCookie.split(";")[0] ?? "" };
	}

	it("hands the browser Latchkey's URL and the public key, never the secret", async () => {
		assert.deepEqual((await call("GET", "/api/config")).body, { apiUrl: "http://localhost:4000", apiKey: "angular:public:0123" });
	});

	it("refuses state-changing requests from another origin, and answers bad input and bad JSON with 400s", async () => {
		const foreign = await call("POST", "/api/signin-token", { body: { email: "ada@example.com" }, origin: "https://evil.example" });
		assert.equal(foreign.status, 403);
		assert.equal(foreign.body.error?.code, "bad_origin");
		for (const body of [{}, { email: "nope" }, { email: ["a@b.co"] }]) {
			const reply = await call("POST", "/api/register-token", { body });
			assert.equal(reply.status, 400);
			assert.equal(reply.body.error?.code, "invalid_input");
		}
		assert.equal((await call("POST", "/api/signin-verify", { body: "{" })).body.error?.code, "invalid_json");
		assert.equal((await call("POST", "/api/signin-verify", { body: { token: 7 } })).body.error?.code, "invalid_input");
		assert.equal((await call("GET", "/api/nothing")).status, 404);
	});

	it("creates the user on the first registration and signs them in with an HttpOnly, SameSite=Lax cookie", async () => {
		const { userId, cookie } = await signedIn("ada@example.com");
		assert.match(userId, /^usr_[0-9a-f]{24}$/);
		assert.deepEqual(latchkey.registerTokensFor, [userId]);
		const me = await call("GET", "/api/me", { cookie });
		assert.deepEqual(me.body, { userId, email: "ada@example.com" });
		const reply = await call("POST", "/api/signin-verify", { body: { token: "verify_spent" } });
		assert.equal(reply.status, 401);
		assert.equal(reply.body.error?.code, "invalid_token");
	});

	it("sets the cookie's flags", async () => {
		const user = users.findByEmail("ada@example.com");
		latchkey.tokens.set("verify_flags", { userId: user?.id ?? "", purpose: "sign-in" });
		const reply = await call("POST", "/api/signin-verify", { body: { token: "verify_flags" } });
		assert.match(reply.setCookie, /^lk_session=[^;]+; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
	});

	it("issues sign-in tokens alike for known and unknown e-mails (an unknown one gets its HMAC id)", async () => {
		const known = await call("POST", "/api/signin-token", { body: { email: "Ada@Example.com" } });
		const unknown = await call("POST", "/api/signin-token", { body: { email: "nobody@example.com" } });
		assert.equal(known.status, unknown.status);
		assert.deepEqual(Object.keys(known.body), ["token"]);
		assert.deepEqual(Object.keys(unknown.body), ["token"]);
		assert.equal(latchkey.signinTokensFor.at(-2), users.findByEmail("ada@example.com")?.id);
		assert.equal(latchkey.signinTokensFor.at(-1), hiddenUserId("nobody@example.com", SECRET));
		assert.equal(users.findByEmail("nobody@example.com"), null, "no account is created by a sign-in");
	});

	it("does not start a session with a step-up token or for a user it does not know", async () => {
		const user = users.findByEmail("ada@example.com");
		latchkey.tokens.set("verify_stepup", { userId: user?.id ?? "", purpose: "step-up" });
		assert.equal((await call("POST", "/api/signin-verify", { body: { token: "verify_stepup" } })).body.error?.code, "invalid_token");
		latchkey.tokens.set("verify_ghost", { userId: "usr_ghost", purpose: "sign-in" });
		assert.equal((await call("POST", "/api/signin-verify", { body: { token: "verify_ghost" } })).body.error?.code, "unknown_account");
	});

	it("refuses a register token for an e-mail that has a passkey unless its owner is signed in", async () => {
		const { userId, cookie } = await signedIn("grace@example.com");
		latchkey.credentials.set(userId, [fakeCredential(userId, "cred-grace")]);
		const stranger = await call("POST", "/api/register-token", { body: { email: "grace@example.com" } });
		assert.equal(stranger.status, 409);
		assert.equal(stranger.body.error?.code, "email_taken");
		assert.equal((await call("POST", "/api/register-token", { body: { email: "grace@example.com" }, cookie })).status, 200);
	});

	it("lists and deletes only the signed-in user's own passkeys", async () => {
		const ada = await signedIn("ada@example.com");
		const grace = users.findByEmail("grace@example.com");
		latchkey.credentials.set(ada.userId, [fakeCredential(ada.userId, "cred-ada")]);
		const listed = await call("GET", "/api/credentials", { cookie: ada.cookie });
		assert.deepEqual(listed.body.credentials, [
			{ id: "cred-ada", nickname: "Chrome, Mac OS", createdAt: "2025-01-01T00:00:00.000Z", lastUsedAt: null },
		]);
		const foreign = await call("DELETE", "/api/credentials/cred-grace", { cookie: ada.cookie });
		assert.equal(foreign.status, 404);
		assert.equal(foreign.body.error?.code, "passkey_not_found");
		assert.equal((await latchkey.listCredentials(grace?.id ?? "")).length, 1);
		assert.equal((await call("DELETE", "/api/credentials/cred-ada", { cookie: ada.cookie })).status, 204);
		assert.deepEqual(latchkey.deleted, ["cred-ada"]);
	});

	it("answers 401 without a session, after it expires, and after sign-out clears the cookie", async () => {
		const { cookie } = await signedIn("ada@example.com");
		assert.equal((await call("GET", "/api/me")).body.error?.code, "not_signed_in");
		assert.equal((await call("GET", "/api/credentials", { cookie: "lk_session=forged" })).body.error?.code, "session_expired");
		const saved = clock;
		clock = new Date(saved.getTime() + 601_000);
		const expired = await call("GET", "/api/me", { cookie });
		clock = saved;
		assert.equal(expired.status, 401);
		assert.equal(expired.body.error?.code, "session_expired");
		const out = await call("POST", "/api/signout", { cookie });
		assert.equal(out.status, 204);
		assert.match(out.setCookie, /^lk_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
	});
});
