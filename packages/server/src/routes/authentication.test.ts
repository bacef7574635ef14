import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { beginSignIn, createHarness, ORIGIN, RP_ID, registerUser, SoftAuthenticator } from "../../test/support/in-process.ts";
import { issueApiKey } from "../domain/api-keys.ts";
import { DEFAULT_APP_SETTINGS } from "../store/store.ts";

const party = { RPID: RP_ID, Origin: ORIGIN };
type Harness = Awaited<ReturnType<typeof createHarness>>;

async function signIn(
	h: Harness,
	authenticator: SoftAuthenticator,
	begin: Record<string, unknown> = {},
	call: Record<string, unknown> = {},
) {
	const { data, session } = await beginSignIn(h, begin);
	const response = authenticator.getAssertion(data as never, { origin: ORIGIN, ...call });
	return { res: await h.pub("/signin/complete", { session, response, ...party }), response, data };
}

describe("POST /signin/begin", () => {
	it("lists the user's credentials by userId and by alias, userId first", async () => {
		const h = await createHarness();
		const a = await registerUser(h, { userId: "u1", alias: "ada@example.com", authenticator: new SoftAuthenticator() });
		const b = await registerUser(h, { userId: "u2", alias: "bob@example.com", authenticator: new SoftAuthenticator() });
		const ids = (d: { data: { allowCredentials: { id: string }[] } }) => d.data.allowCredentials.map((c) => c.id);
		assert.deepEqual(ids(await beginSignIn(h, { userId: "u1" })), [a.credentialId]);
		assert.deepEqual(ids(await beginSignIn(h, { alias: "bob@example.com" })), [b.credentialId]);
		assert.deepEqual(ids(await beginSignIn(h, { userId: "u1", alias: "bob@example.com" })), [a.credentialId]);
	});

	it("answers an unknown user or alias exactly like a discoverable sign-in", async () => {
		const h = await createHarness();
		for (const body of [{}, { userId: "ghost" }, { alias: "ghost@example.com" }]) {
			const res = await h.pub("/signin/begin", { ...party, ...body });
			assert.equal(res.statusCode, 200);
			const { data } = res.json();
			assert.deepEqual(Object.keys(data), ["challenge", "timeout", "rpId", "allowCredentials", "userVerification", "hints"]);
			assert.deepEqual(data.allowCredentials, []);
			assert.equal(data.rpId, RP_ID);
			assert.equal(data.userVerification, "preferred");
			assert.equal(data.timeout, 60000);
		}
	});
});

describe("POST /signin/complete and /signin/verify", () => {
	it("signs in discoverably and verifies to the right user with all 13 members", async () => {
		const h = await createHarness();
		const { credentialId } = await registerUser(h, { userId: "u1", alias: "ada@example.com", authenticator: new SoftAuthenticator() });
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u2", authenticator });
		const { res } = await signIn(h, authenticator);
		assert.equal(res.statusCode, 200, res.body);
		const verify = await h.sec("/signin/verify", { token: res.json().token }, { "cf-ipcountry": "JP" });
		assert.equal(verify.statusCode, 200);
		const body = verify.json();
		assert.deepEqual(Object.keys(body).sort(), [
			"country",
			"credentialId",
			"device",
			"expiresAt",
			"nickname",
			"origin",
			"purpose",
			"rpId",
			"success",
			"timestamp",
			"tokenId",
			"type",
			"userId",
		]);
		assert.equal(body.userId, "u2");
		assert.notEqual(body.credentialId, Buffer.from(credentialId, "base64url").toString("base64"));
		assert.equal(body.type, "passkey_signin");
		assert.equal(body.purpose, "sign-in");
		assert.equal(body.rpId, RP_ID);
		assert.equal(body.origin, ORIGIN);
		assert.equal(body.success, true);
		assert.equal(body.timestamp, "2025-01-01T00:00:00.000Z");
		assert.equal(body.expiresAt, "2025-01-01T00:02:00.000Z");
		assert.match(body.tokenId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it("signs in by alias, carries the purpose, and records the use", async () => {
		const h = await createHarness();
		const authenticator = new SoftAuthenticator();
		const { credentialId } = await registerUser(h, { userId: "u1", alias: "ada@example.com", authenticator });
		h.clock.advance(5_000);
		const { res } = await signIn(h, authenticator, { alias: "ada@example.com", purpose: "step-up" });
		assert.equal(res.statusCode, 200, res.body);
		const body = (await h.sec("/signin/verify", { token: res.json().token })).json();
		assert.equal(body.userId, "u1");
		assert.equal(body.purpose, "step-up");
		assert.equal(body.credentialId, Buffer.from(credentialId, "base64url").toString("base64"));
		const stored = await h.deps.store.credentials.findById("shop", credentialId);
		assert.equal(stored?.signCount, 1);
		assert.equal(stored?.lastUsedAt.toISOString(), "2025-01-01T00:00:05.000Z");
	});

	it("uses verify tokens once by default, and until expiry when the app allows reuse", async () => {
		for (const reusable of [false, true]) {
			const h = await createHarness({ reusableVerifyTokens: reusable });
			const authenticator = new SoftAuthenticator();
			await registerUser(h, { userId: "u1", authenticator });
			const { res } = await signIn(h, authenticator);
			const token = res.json().token;
			assert.equal((await h.sec("/signin/verify", { token })).statusCode, 200);
			const again = await h.sec("/signin/verify", { token });
			if (reusable) {
				assert.equal(again.statusCode, 200);
				h.clock.advance(121_000);
				assertProblem(await h.sec("/signin/verify", { token }), 403, "expired_token");
			} else assertProblem(again, 400, "invalid_token");
		}
	});

	it("rejects verify tokens that are missing, mistyped or expired", async () => {
		const h = await createHarness();
		assertProblem(await h.sec("/signin/verify", {}), 400, "missing_token");
		assertProblem(await h.sec("/signin/verify", { token: "session_abc" }), 400, "invalid_token");
		assertProblem(await h.sec("/signin/verify", { token: "verify_abc" }), 400, "invalid_token_format");
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		const { res } = await signIn(h, authenticator);
		h.clock.advance(121_000);
		assertProblem(await h.sec("/signin/verify", { token: res.json().token }), 403, "expired_token");
	});

	it("answers unknown_credential with the credentialId member", async () => {
		const h = await createHarness();
		const stranger = new SoftAuthenticator();
		stranger.createCredential(
			{
				rp: { id: RP_ID, name: RP_ID },
				user: { id: "dXg", name: "x", displayName: "x" },
				challenge: "AAAA",
				pubKeyCredParams: [{ type: "public-key", alg: -7 }],
				authenticatorSelection: { residentKey: "required" },
			},
			{ origin: ORIGIN },
		);
		const { res, response } = await signIn(h, stranger);
		assertProblem(res, 400, "unknown_credential");
		assert.equal(res.json().title, "We don't recognize the passkey you sent us.");
		assert.equal(res.json().credentialId, response.id);
	});

	it("refuses a credential outside a non-empty allowCredentials", async () => {
		const h = await createHarness();
		await registerUser(h, { userId: "u1", authenticator: new SoftAuthenticator() });
		const other = new SoftAuthenticator();
		await registerUser(h, { userId: "u2", authenticator: other });
		const { data, session } = await beginSignIn(h, { userId: "u1" });
		const response = other.getAssertion({ ...data, allowCredentials: [] } as never, { origin: ORIGIN });
		assertProblem(await h.pub("/signin/complete", { session, response, ...party }), 400, "credential_not_allowed");
	});

	it("refuses a userHandle that is not the credential's owner and accepts none or an empty one", async () => {
		const h = await createHarness();
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		const { res } = await signIn(h, authenticator, {}, { userHandle: Buffer.from("u2").toString("base64url") });
		assertProblem(res, 400, "user_handle_mismatch");
		assert.equal((await signIn(h, authenticator, {}, { userHandle: null })).res.statusCode, 200);
		assert.equal((await signIn(h, authenticator, {}, { userHandle: "" })).res.statusCode, 200);
	});

	it("refuses a counter that does not increase, and accepts synced passkeys whose counter stays 0", async () => {
		const h = await createHarness();
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		assert.equal((await signIn(h, authenticator, {}, { signCount: 5 })).res.statusCode, 200);
		const { res } = await signIn(h, authenticator, {}, { signCount: 5 });
		assertProblem(res, 400, "counter_regression");
		const synced = new SoftAuthenticator({ fixedSignCount: 0, flags: { be: true, bs: true } });
		await registerUser(h, { userId: "u2", authenticator: synced });
		for (let i = 0; i < 2; i++) assert.equal((await signIn(h, synced, { userId: "u2" })).res.statusCode, 200);
	});

	it("refuses a signature over other data", async () => {
		const h = await createHarness();
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		const first = await beginSignIn(h);
		const second = await beginSignIn(h);
		const a = authenticator.getAssertion(first.data as never, { origin: ORIGIN });
		const b = authenticator.getAssertion(second.data as never, { origin: ORIGIN, signCount: 100 });
		const forged = { ...b, response: { ...b.response, signature: a.response.signature } };
		assertProblem(await h.pub("/signin/complete", { session: second.session, response: forged, ...party }), 400, "invalid_signature");
	});

	const breakages: [string, Record<string, unknown>, string][] = [
		["a wrong challenge", { clientData: { challenge: "AAAAAAAAAAAAAAAAAAAAAA" } }, "challenge_mismatch"],
		["the create ceremony type", { clientData: { type: "webauthn.create" } }, "wrong_ceremony_type"],
		["an origin other than the request's", { clientData: { origin: "https://shop.example.evil.io" } }, "origin_mismatch"],
		["another RP ID hash", { rpId: "evil.example" }, "rp_id_hash_mismatch"],
		["no user presence", { flags: { up: false } }, "user_presence_required"],
	];
	for (const [what, call, code] of breakages) {
		it(`rejects ${what} with ${code}`, async () => {
			const h = await createHarness();
			const authenticator = new SoftAuthenticator();
			await registerUser(h, { userId: "u1", authenticator });
			assertProblem((await signIn(h, authenticator, {}, call)).res, 400, code);
		});
	}

	/** @see issue 16, item 2: the typed ceremony record keeps this answer */
	it("answers invalid_token for a session of the other ceremony, and leaves that session usable for its own", async () => {
		const h = await createHarness();
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		const token = (await h.sec("/register/token", { userId: "u2", username: "u2" })).json().token;
		const registration = (await h.pub("/register/begin", { token, ...party })).json();
		const signIn = await beginSignIn(h);
		const assertion = authenticator.getAssertion(signIn.data as never, { origin: ORIGIN });
		assertProblem(await h.pub("/signin/complete", { session: registration.session, response: assertion, ...party }), 400, "invalid_token");
		const created = new SoftAuthenticator().createCredential(registration.data, { origin: ORIGIN });
		assertProblem(await h.pub("/register/complete", { session: signIn.session, response: created, ...party }), 400, "invalid_token");
		assert.equal((await h.pub("/signin/complete", { session: signIn.session, response: assertion, ...party })).statusCode, 200);
		assert.equal((await h.pub("/register/complete", { session: registration.session, response: created, ...party })).statusCode, 200);
	});

	it("gives exactly one success for 20 concurrent completes of one session", async () => {
		const h = await createHarness();
		const authenticator = new SoftAuthenticator({ fixedSignCount: 0 });
		await registerUser(h, { userId: "u1", authenticator });
		const { data, session } = await beginSignIn(h);
		const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
		const results = await Promise.all(Array.from({ length: 20 }, () => h.pub("/signin/complete", { session, response, ...party })));
		assert.equal(results.filter((r) => r.statusCode === 200).length, 1);
		assert.ok(results.filter((r) => r.statusCode !== 200).every((r) => r.json().errorCode === "invalid_token"));
	});
});

describe("tenant isolation", () => {
	it("keeps one app's sessions, tokens and credentials out of another app's reach", async () => {
		const h = await createHarness();
		const other = issueApiKey(
			{ appId: "other", kind: "public", scopes: ["register", "login"] },
			{ random: h.deps.random, now: h.clock.now() },
		);
		const otherSecret = issueApiKey(
			{ appId: "other", kind: "secret", scopes: ["token_verify"] },
			{ random: h.deps.random, now: h.clock.now() },
		);
		await h.deps.store.apps.create(
			{ id: "other", settings: { ...DEFAULT_APP_SETTINGS, rpId: RP_ID, allowedOrigins: [] }, createdAt: h.clock.now() },
			[other.record, otherSecret.record],
		);
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		const { data, session } = await beginSignIn(h);
		const response = authenticator.getAssertion(data as never, { origin: ORIGIN });
		const viaOther = await h.pub("/signin/complete", { session, response, ...party }, { ApiKey: other.text });
		assertProblem(viaOther, 400, "invalid_token");
		assert.equal(
			(await h.pub("/signin/complete", { session, response, ...party })).statusCode,
			200,
			"the other app's attempt must not burn the session",
		);
		const otherBegin = (await h.pub("/signin/begin", { ...party }, { ApiKey: other.text })).json();
		const response2 = authenticator.getAssertion(otherBegin.data, { origin: ORIGIN });
		assertProblem(
			await h.pub("/signin/complete", { session: otherBegin.session, response: response2, ...party }, { ApiKey: other.text }),
			400,
			"unknown_credential",
		);
		const { res } = await signIn(h, authenticator);
		assertProblem(await h.sec("/signin/verify", { token: res.json().token }, { ApiSecret: otherSecret.text }), 400, "invalid_token");
		assert.equal((await h.sec("/signin/verify", { token: res.json().token })).statusCode, 200);
		assertProblem(await h.sec("/register/token", { userId: "x", username: "x" }, { ApiSecret: otherSecret.text }), 403, "forbidden");
	});
});
