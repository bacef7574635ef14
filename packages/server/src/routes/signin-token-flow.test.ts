import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { createHarness, ORIGIN, RP_ID, registerUser, SoftAuthenticator } from "../../test/support/in-process.ts";
import { issueApiKey } from "../domain/api-keys.ts";
import { DEFAULT_APP_SETTINGS } from "../store/store.ts";

const party = { RPID: RP_ID, Origin: ORIGIN };
type Harness = Awaited<ReturnType<typeof createHarness>>;

async function signinToken(h: Harness, body: Record<string, unknown>): Promise<string> {
	const res = await h.sec("/signin/token", body);
	assert.equal(res.statusCode, 200, res.body);
	const { token } = res.json();
	assert.match(token, /^signin_[A-Za-z0-9_-]{43}$/);
	return token;
}

describe("POST /signin/token and a token-bound sign-in", () => {
	it("offers only the user's passkeys, with transports, and verifies as passkey_signin with the token's purpose", async () => {
		const h = await createHarness();
		const authenticator = new SoftAuthenticator();
		const { credentialId } = await registerUser(h, { userId: "u1", authenticator });
		await registerUser(h, { userId: "u2", authenticator: new SoftAuthenticator() });
		const token = await signinToken(h, { userId: "u1", purpose: "step-up", userVerification: "required" });
		const begin = await h.pub("/signin/begin", { token, ...party });
		assert.equal(begin.statusCode, 200, begin.body);
		const { data, session } = begin.json();
		assert.deepEqual(
			data.allowCredentials.map((c: { id: string }) => c.id),
			[credentialId],
		);
		assert.ok(Array.isArray(data.allowCredentials[0].transports));
		assert.equal(data.userVerification, "required");
		const response = authenticator.getAssertion(data, { origin: ORIGIN });
		const complete = await h.pub("/signin/complete", { session, response, ...party });
		assert.equal(complete.statusCode, 200, complete.body);
		const verified = (await h.sec("/signin/verify", { token: complete.json().token })).json();
		assert.equal(verified.userId, "u1");
		assert.equal(verified.type, "passkey_signin");
		assert.equal(verified.purpose, "step-up");
		const events: { message: string }[] = (await h.get("/events?pageNumber=1&numberOfResults=20")).json().events;
		const messages = events.map((e) => e.message);
		assert.ok(messages.includes("Began sign-in (by sign-in token)."), messages.join("\n"));
		assert.ok(messages.includes("Created a sign-in token (signin_) for user 'u1'."), messages.join("\n"));
	});

	it("refuses another user's passkey, even of the same app, with credential_not_allowed", async () => {
		const h = await createHarness();
		await registerUser(h, { userId: "u1", authenticator: new SoftAuthenticator() });
		const other = new SoftAuthenticator();
		await registerUser(h, { userId: "u2", authenticator: other });
		const { data, session } = (await h.pub("/signin/begin", { token: await signinToken(h, { userId: "u1" }), ...party })).json();
		const response = other.getAssertion({ ...data, allowCredentials: [] }, { origin: ORIGIN });
		assertProblem(await h.pub("/signin/complete", { session, response, ...party }), 400, "credential_not_allowed");
	});

	it("answers an unknown user exactly like a known user without passkeys; their sign-in fails with no_passkeys", async () => {
		const h = await createHarness();
		const ghost = await h.sec("/signin/token", { userId: "ghost" });
		const known = await h.sec("/signin/token", { userId: "u-without-passkeys" });
		assert.equal(ghost.statusCode, known.statusCode);
		assert.deepEqual(Object.keys(ghost.json()), Object.keys(known.json()));
		assert.equal(ghost.json().token.length, known.json().token.length);
		for (const res of [ghost, known]) {
			assertProblem(await h.pub("/signin/begin", { token: res.json().token, ...party }), 400, "no_passkeys");
		}
	});

	it("uses a token once, and refuses an expired one (fixed clock), a register token and another app's token", async () => {
		const h = await createHarness();
		await registerUser(h, { userId: "u1", authenticator: new SoftAuthenticator() });
		const token = await signinToken(h, { userId: "u1" });
		assert.equal((await h.pub("/signin/begin", { token, ...party })).statusCode, 200);
		assertProblem(await h.pub("/signin/begin", { token, ...party }), 400, "invalid_token");

		const expiring = await signinToken(h, { userId: "u1" });
		h.clock.advance(121_000);
		assertProblem(await h.pub("/signin/begin", { token: expiring, ...party }), 403, "expired_token");

		const register = (await h.sec("/register/token", { userId: "u1", username: "ada" })).json().token;
		assertProblem(await h.pub("/signin/begin", { token: register, ...party }), 400, "invalid_token");
		assertProblem(await h.pub("/signin/begin", { token: "signin_nope", ...party }), 400, "invalid_token_format");

		const otherPublic = issueApiKey(
			{ appId: "other", kind: "public", scopes: ["register", "login"] },
			{ random: h.deps.random, now: h.clock.now() },
		);
		await h.deps.store.apps.create(
			{ id: "other", settings: { ...DEFAULT_APP_SETTINGS, rpId: RP_ID, allowedOrigins: [] }, createdAt: h.clock.now() },
			[otherPublic.record],
		);
		const mine = await signinToken(h, { userId: "u1" });
		assertProblem(await h.pub("/signin/begin", { token: mine, ...party }, { ApiKey: otherPublic.text }), 400, "invalid_token");
		assert.equal((await h.pub("/signin/begin", { token: mine, ...party })).statusCode, 200, "the other app's attempt must not use it up");
	});

	it("honours expiresAt, validates its input, refuses userId/alias/purpose beside a token, and needs token_register", async () => {
		const h = await createHarness();
		await registerUser(h, { userId: "u1", authenticator: new SoftAuthenticator() });
		const longLived = await signinToken(h, { userId: "u1", expiresAt: "2025-01-01T01:00:00Z" });
		h.clock.advance(30 * 60_000);
		assert.equal((await h.pub("/signin/begin", { token: longLived, ...party })).statusCode, 200);
		assertProblem(await h.sec("/signin/token", { userId: "u1", expiresAt: "2020-01-01T00:00:00Z" }), 400, "invalid_argument");
		assertProblem(await h.sec("/signin/token", { userId: "u1", expiresAt: "soon" }), 400, "invalid_argument");
		assertProblem(await h.sec("/signin/token", { userId: "u1", userVerification: "always" }), 400, "invalid_argument");
		assertProblem(await h.sec("/signin/token", {}), 400, "invalid_request");
		const token = await signinToken(h, { userId: "u1" });
		for (const extra of [{ userId: "u1" }, { alias: "ada" }, { purpose: "x" }]) {
			assertProblem(await h.pub("/signin/begin", { token, ...extra, ...party }), 400, "invalid_argument");
		}
		const verifyOnly = issueApiKey(
			{ appId: "shop", kind: "secret", scopes: ["token_verify"] },
			{ random: h.deps.random, now: h.clock.now() },
		);
		await h.deps.store.apiKeys.add(verifyOnly.record);
		assertProblem(await h.sec("/signin/token", { userId: "u1" }, { ApiSecret: verifyOnly.text }), 403, "forbidden");
		assertProblem(await h.pub("/signin/token", { userId: "u1" }), 401, "invalid_api_secret");
	});
});
