import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertProblem } from "../../test/support/assert-problem.ts";
import { craftRegistration } from "../../test/support/craft-registration.ts";
import { createHarness, ORIGIN, RP_ID, registerUser, SoftAuthenticator } from "../../test/support/in-process.ts";

const party = { RPID: RP_ID, Origin: ORIGIN };

describe("POST /register/token", () => {
	it("returns a register_ token for a valid request", async () => {
		const h = await createHarness();
		const res = await h.sec("/register/token", { userId: "u1", username: "ada@example.com" });
		assert.equal(res.statusCode, 200);
		assert.match(res.json().token, /^register_[A-Za-z0-9_-]{43}$/);
	});

	it("binds keys case-insensitively and accepts numbers for string fields", async () => {
		const h = await createHarness();
		const res = await h.sec("/register/token", { UserId: 123, USERNAME: "ada", DisplayName: "Ada", discoverable: "false" });
		assert.equal(res.statusCode, 200, res.body);
		const begin = await h.pub("/register/begin", { Token: res.json().token, rpid: RP_ID, origin: ORIGIN });
		assert.equal(begin.statusCode, 200, begin.body);
		const { user, authenticatorSelection } = begin.json().data;
		assert.deepEqual(user, { name: "ada", id: Buffer.from("123").toString("base64url"), displayName: "Ada" });
		assert.equal(authenticatorSelection.residentKey, "discouraged");
	});

	it("rejects a missing userId with the validation problem shape", async () => {
		const h = await createHarness();
		const res = await h.sec("/register/token", { username: "ada" });
		assertProblem(res, 400, "invalid_request");
		assert.equal(res.json().title, "One or more validation errors occurred.");
		assert.deepEqual(res.json().errors, { userId: ["The userId field is required."] });
	});

	it("rejects a userId longer than 64 bytes", async () => {
		const h = await createHarness();
		assertProblem(await h.sec("/register/token", { userId: "é".repeat(33), username: "x" }), 400, "invalid_argument");
	});

	it("rejects unknown attestation; accepts none in any case and indirect, direct, enterprise exactly (upstream compares them so)", async () => {
		const h = await createHarness();
		assertProblem(await h.sec("/register/token", { userId: "u", username: "u", attestation: "bogus" }), 400, "invalid_attestation");
		assertProblem(await h.sec("/register/token", { userId: "u", username: "u", attestation: "Direct" }), 400, "invalid_attestation");
		assert.equal((await h.sec("/register/token", { userId: "u", username: "u", attestation: "NONE" })).statusCode, 200);
		for (const attestation of ["indirect", "direct", "enterprise"]) {
			const res = await h.sec("/register/token", { userId: "u", username: "u", attestation });
			assert.equal(res.statusCode, 200, attestation);
			const begin = await h.pub("/register/begin", { token: res.json().token, Origin: ORIGIN, RPID: RP_ID });
			assert.equal(begin.json().data.attestation, attestation);
		}
	});

	it("rejects an unknown userVerification, authenticatorType or hint", async () => {
		const h = await createHarness();
		for (const extra of [{ userVerification: "optional" }, { authenticatorType: "phone" }, { hints: ["pigeon"] }]) {
			assertProblem(await h.sec("/register/token", { userId: "u", username: "u", ...extra }), 400, "invalid_argument");
		}
	});

	it("rejects an expiresAt in the past and reads one without offset as UTC", async () => {
		const h = await createHarness();
		assertProblem(
			await h.sec("/register/token", { userId: "u", username: "u", expiresAt: "2024-12-31T23:59:59" }),
			400,
			"invalid_argument",
		);
		const res = await h.sec("/register/token", { userId: "u", username: "u", expiresAt: "2025-01-01T00:00:30" });
		assert.equal(res.statusCode, 200);
		h.clock.advance(31_000);
		assertProblem(await h.pub("/register/begin", { token: res.json().token, ...party }), 403, "expired_token");
	});

	it("answers 409 alias_conflict when an alias belongs to another user", async () => {
		const h = await createHarness();
		await registerUser(h, { userId: "u1", alias: "ada@example.com", authenticator: new SoftAuthenticator() });
		assertProblem(await h.sec("/register/token", { userId: "u2", username: "x", aliases: ["ada@example.com"] }), 409, "alias_conflict");
		assert.equal((await h.sec("/register/token", { userId: "u1", username: "x", aliases: ["ada@example.com"] })).statusCode, 200);
	});

	it("gives upstream's 401 diagnostics for missing and misplaced keys", async () => {
		const h = await createHarness();
		const none = await h.app.inject({ method: "POST", url: "/register/token", payload: { userId: "u", username: "u" } });
		assertProblem(none, 401, "invalid_api_secret");
		assert.equal(none.headers["www-authenticate"], "ApiSecret");
		assert.equal(none.json().detail, "A valid 'ApiSecret' header is required.");
		const cases: [Record<string, string>, string][] = [
			[{ ApiKey: h.keys.apiKey }, "A 'ApiKey' header was supplied when a 'ApiSecret' header should have been supplied."],
			[{ ApiSecret: h.keys.apiKey }, "Your ApiSecret header contained a public ApiKey instead of your 'ApiSecret'."],
			[{ ApiSecret: "verify_abc" }, "A verify token was supplied instead of your 'ApiSecret'."],
			[{ ApiSecret: "register_abc" }, "A register token was supplied instead of your 'ApiSecret'."],
			[{ ApiSecret: "hello-world-key" }, "We don't recognize the value you supplied for your 'ApiSecret'. It started with: 'hello-worl'."],
			[{ ApiSecret: `shop:secret:${"0".repeat(32)}` }, "The value of your 'ApiSecret' is not valid."],
			[{ ApiSecret: `nope:secret:${"0".repeat(32)}` }, "The value of your 'ApiSecret' is not valid."],
		];
		for (const [headers, detail] of cases) {
			const res = await h.app.inject({ method: "POST", url: "/register/token", headers, payload: { userId: "u", username: "u" } });
			assertProblem(res, 401, "invalid_api_secret");
			assert.equal(res.json().detail, detail);
		}
	});
});

describe("POST /register/begin", () => {
	it("returns creation options in the upstream shape", async () => {
		const h = await createHarness();
		const token = (await h.sec("/register/token", { userId: "u1", username: "ada", hints: ["security-key"] })).json().token;
		const res = await h.pub("/register/begin", { token, ...party });
		assert.equal(res.statusCode, 200);
		const { data, session } = res.json();
		assert.match(session, /^session_/);
		assert.deepEqual(data.rp, { id: RP_ID, name: RP_ID });
		assert.equal(Buffer.from(data.challenge, "base64url").length, 16);
		assert.deepEqual(
			data.pubKeyCredParams.map((p: { alg: number }) => p.alg),
			[-8, -7, -257, -37, -35, -258, -38, -36, -259, -39],
		);
		assert.equal(data.timeout, 60000);
		assert.equal(data.attestation, "none");
		assert.deepEqual(data.attestationFormats, []);
		assert.deepEqual(data.authenticatorSelection, {
			residentKey: "required",
			requireResidentKey: true,
			userVerification: "preferred",
			authenticatorAttachment: "cross-platform",
		});
		assert.deepEqual(data.hints, ["security-key"]);
		assert.deepEqual(data.excludeCredentials, []);
		assert.deepEqual(data.extensions, { credProps: true });
	});

	it("lets a register token be used again until it expires, and excludes registered credentials", async () => {
		const h = await createHarness();
		const authenticator = new SoftAuthenticator();
		const token = (await h.sec("/register/token", { userId: "u1", username: "ada" })).json().token;
		const first = await h.pub("/register/begin", { token, ...party });
		const response = authenticator.createCredential(first.json().data, { origin: ORIGIN });
		assert.equal((await h.pub("/register/complete", { session: first.json().session, response, ...party })).statusCode, 200);
		const second = await h.pub("/register/begin", { token, ...party });
		assert.equal(second.statusCode, 200);
		assert.deepEqual(
			second.json().data.excludeCredentials.map((c: { id: string }) => c.id),
			[response.id],
		);
		assert.deepEqual(second.json().data.excludeCredentials[0].transports, ["hybrid", "internal"]);
		h.clock.advance(121_000);
		const expired = await h.pub("/register/begin", { token, ...party });
		assertProblem(expired, 403, "expired_token");
		assert.match(expired.json().detail, /^The token expired \d+ seconds? ago\.$/);
	});

	it("rejects missing, mistyped and malformed tokens", async () => {
		const h = await createHarness();
		assertProblem(await h.pub("/register/begin", { ...party }), 400, "missing_token");
		assertProblem(await h.pub("/register/begin", { token: "verify_abc", ...party }), 400, "invalid_token");
		assertProblem(await h.pub("/register/begin", { token: "register_!!", ...party }), 400, "invalid_token_format");
		assertProblem(await h.pub("/register/begin", { token: `register_${"A".repeat(43)}`, ...party }), 400, "invalid_token");
	});

	it("requires an Origin that the app allows and the app's RP ID", async () => {
		const h = await createHarness();
		const token = (await h.sec("/register/token", { userId: "u1", username: "ada" })).json().token;
		const missing = await h.pub("/register/begin", { token, RPID: RP_ID });
		assertProblem(missing, 400, "missing_origin");
		assert.equal(missing.json().title, "Origin is required.");
		for (const origin of ["https://shop.example.evil.io", "http://shop.example", "https://evilshop.example", "null"]) {
			assertProblem(await h.pub("/register/begin", { token, RPID: RP_ID, Origin: origin }), 400, "origin_not_allowed");
		}
		assert.equal((await h.pub("/register/begin", { token, RPID: RP_ID, Origin: "https://login.shop.example" })).statusCode, 200);
		assertProblem(await h.pub("/register/begin", { token, RPID: "evil.example", Origin: ORIGIN }), 400, "rp_id_not_allowed");
	});

	it("checks an explicit origin list exactly, including non-URL app origins", async () => {
		const h = await createHarness({ origins: ["https://shop.example:8443", "android:apk-key-hash:abc123"] });
		const token = (await h.sec("/register/token", { userId: "u1", username: "ada" })).json().token;
		assertProblem(await h.pub("/register/begin", { token, RPID: RP_ID, Origin: ORIGIN }), 400, "origin_not_allowed");
		assert.equal((await h.pub("/register/begin", { token, RPID: RP_ID, Origin: "https://shop.example:8443" })).statusCode, 200);
		assert.equal((await h.pub("/register/begin", { token, RPID: RP_ID, Origin: "android:apk-key-hash:abc123" })).statusCode, 200);
	});
});

describe("POST /register/complete", () => {
	async function begin(h: Awaited<ReturnType<typeof createHarness>>, tokenBody: Record<string, unknown> = {}) {
		const token = (await h.sec("/register/token", { userId: "u1", username: "ada", ...tokenBody })).json().token;
		return (await h.pub("/register/begin", { token, ...party })).json();
	}

	it("stores the credential and returns a passkey_register verify token, accepting the JS client's casing", async () => {
		const h = await createHarness();
		const { data, session } = await begin(h);
		const r = new SoftAuthenticator().createCredential(data, { origin: ORIGIN });
		const response = {
			id: r.id,
			rawId: r.rawId,
			type: r.type,
			extensions: { credProps: { rk: true } },
			response: { AttestationObject: r.response.attestationObject, clientDataJson: r.response.clientDataJSON, transports: null },
		};
		const res = await h.pub(
			"/register/complete",
			{ session, response, nickname: "My laptop", ...party },
			{
				"user-agent":
					"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
				"cf-ipcountry": "se",
			},
		);
		assert.equal(res.statusCode, 200, res.body);
		assert.match(res.json().token, /^verify_/);
		const stored = await h.deps.store.credentials.findById("shop", r.id);
		assert.ok(stored);
		assert.equal(stored.userId, "u1");
		assert.equal(stored.nickname, "My laptop");
		assert.equal(stored.discoverable, true);
		assert.deepEqual(stored.transports, []);
		assert.equal(stored.device, "Chrome, Mac OS 10");
		assert.equal(stored.country, "SE");
		assert.equal(stored.aaguid, "00000000-0000-0000-0000-000000000000");
		const verified = await h.sec("/signin/verify", { token: res.json().token });
		assert.equal(verified.json().type, "passkey_register");
		assert.equal(verified.json().purpose, null);
		assert.equal(verified.json().credentialId, Buffer.from(r.id, "base64url").toString("base64"));
	});

	it("stores the register token's aliases with the credential", async () => {
		const h = await createHarness();
		await registerUser(h, { userId: "u1", alias: "ada@example.com", authenticator: new SoftAuthenticator() });
		const found = await h.pub("/signin/begin", { alias: "ada@example.com", ...party });
		assert.equal(found.json().data.allowCredentials.length, 1);
	});

	it("accepts packed self attestation and RS256 and EdDSA keys", async () => {
		for (const options of [{ attestationFormat: "packed" as const }, { algorithms: [-257 as const] }, { algorithms: [-8 as const] }]) {
			const h = await createHarness();
			const { data, session } = await begin(h);
			const response = new SoftAuthenticator(options).createCredential(data, { origin: ORIGIN });
			const res = await h.pub("/register/complete", { session, response, ...party });
			assert.equal(res.statusCode, 200, `${JSON.stringify(options)}: ${res.body}`);
		}
	});

	it("uses a session once", async () => {
		const h = await createHarness();
		const { data, session } = await begin(h);
		const response = new SoftAuthenticator().createCredential(data, { origin: ORIGIN });
		assert.equal((await h.pub("/register/complete", { session, response, ...party })).statusCode, 200);
		assertProblem(await h.pub("/register/complete", { session, response, ...party }), 400, "invalid_token");
	});

	it("refuses an expired session", async () => {
		const h = await createHarness();
		const { data, session } = await begin(h);
		const response = new SoftAuthenticator().createCredential(data, { origin: ORIGIN });
		h.clock.advance(301_000);
		assertProblem(await h.pub("/register/complete", { session, response, ...party }), 403, "expired_token");
	});

	const breakages: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
		["a wrong challenge", { clientData: { challenge: "AAAAAAAAAAAAAAAAAAAAAA" } }, {}, "challenge_mismatch"],
		["a wrong ceremony type", { clientData: { type: "webauthn.get" } }, {}, "wrong_ceremony_type"],
		["an origin other than the request's", { clientData: { origin: "https://other.shop.example" } }, {}, "origin_mismatch"],
		["another RP ID hash", { rpId: "evil.example" }, {}, "rp_id_hash_mismatch"],
		["no user presence", { flags: { up: false } }, {}, "user_presence_required"],
		["no user verification when required", { flags: { uv: false } }, { userVerification: "required" }, "user_verification_required"],
		["backup state without eligibility", { flags: { be: false, bs: true } }, {}, "invalid_backup_flags"],
	];
	for (const [what, call, tokenBody, code] of breakages) {
		it(`rejects ${what} with ${code}`, async () => {
			const h = await createHarness();
			const { data, session } = await begin(h, tokenBody);
			const response = new SoftAuthenticator().createCredential(data, { origin: ORIGIN, ...call });
			assertProblem(await h.pub("/register/complete", { session, response, ...party }), 400, code);
			assert.equal((await h.deps.store.credentials.listByUser("shop", "u1")).length, 0);
		});
	}

	it("rejects garbage attestation objects and client data as malformed", async () => {
		const h = await createHarness();
		for (const mutate of [
			(r: { response: Record<string, string> }) => {
				r.response.attestationObject = "not*base64";
			},
			(r: { response: Record<string, string> }) => {
				r.response.attestationObject = "oWNmbXQ";
			},
			(r: { response: Record<string, string> }) => {
				r.response.clientDataJSON = Buffer.from("{not json").toString("base64url");
			},
		]) {
			const { data, session } = await begin(h);
			const response = new SoftAuthenticator().createCredential(data, { origin: ORIGIN });
			mutate(response as unknown as { response: Record<string, string> });
			assertProblem(await h.pub("/register/complete", { session, response, ...party }), 400, "malformed_response");
		}
	});

	it("rejects a nickname over 64 characters", async () => {
		const h = await createHarness();
		const { data, session } = await begin(h);
		const response = new SoftAuthenticator().createCredential(data, { origin: ORIGIN });
		const res = await h.pub("/register/complete", { session, response, nickname: "n".repeat(65), ...party });
		assertProblem(res, 400, "invalid_request");
		assert.ok(res.json().errors.nickname);
	});

	it("refuses a credential id that is already registered in the app with 409", async () => {
		const h = await createHarness();
		const credentialId = new Uint8Array(32).fill(7);
		const first = await begin(h);
		const ok = await h.pub("/register/complete", {
			session: first.session,
			response: craftRegistration(first.data, { origin: ORIGIN, credentialId }),
			...party,
		});
		assert.equal(ok.statusCode, 200, ok.body);
		const token = (await h.sec("/register/token", { userId: "u2", username: "bob" })).json().token;
		const second = (await h.pub("/register/begin", { token, ...party })).json();
		const dup = await h.pub("/register/complete", {
			session: second.session,
			response: craftRegistration(second.data, { origin: ORIGIN, credentialId }),
			...party,
		});
		assertProblem(dup, 409, "credential_already_registered");
		assert.equal((await h.deps.store.credentials.findById("shop", Buffer.from(credentialId).toString("base64url")))?.userId, "u1");
	});

	it("refuses a key whose COSE algorithm was not offered", async () => {
		const h = await createHarness();
		const { data, session } = await begin(h);
		const response = craftRegistration(data, { origin: ORIGIN, claimAlgorithm: "ES256K" });
		assertProblem(await h.pub("/register/complete", { session, response, ...party }), 400, "unsupported_algorithm");
	});

	it("refuses a packed attestation whose signature does not verify", async () => {
		const h = await createHarness();
		const { data, session } = await begin(h);
		const response = craftRegistration(data, { origin: ORIGIN, packedSignedByOtherKey: true });
		const res = await h.pub("/register/complete", { session, response, ...party });
		assertProblem(res, 400, "fido2_invalid_registration");
		assert.equal(typeof res.json().detail, "string");
	});
});
