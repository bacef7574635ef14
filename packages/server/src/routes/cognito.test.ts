import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { createHarness, type Harness, ORIGIN, registerUser, SoftAuthenticator } from "../../test/support/in-process.ts";
import { rotatePoolKey } from "../apps/create-pool.ts";
import { generateRsaKeyPair } from "../random.ts";

const PAIR = generateRsaKeyPair();
const POOL_ID = "us-east-1_Latchkey1";
const CLIENT_ID = "abcdefghijklmnopqrstuvwxyz";
const ISSUER = `https://auth.example.com/${POOL_ID}`;

async function cognitoHarness(env: Record<string, string> = {}): Promise<Harness> {
	const h = await createHarness({ env: { LATCHKEY_PUBLIC_URL: "https://auth.example.com", ...env } });
	const now = h.clock.now();
	await h.deps.store.pools.create(
		{ id: POOL_ID, appId: "shop", region: "us-east-1", clientId: CLIENT_ID, createdAt: now },
		{ poolId: POOL_ID, kid: "k1", publicJwk: { ...pickPublic(), kid: "k1" }, privateJwk: PAIR.privateJwk, retiredAt: null, createdAt: now },
	);
	return h;
}

function pickPublic(): Record<string, string> {
	return { kty: "RSA", n: PAIR.publicJwk.n ?? "", e: PAIR.publicJwk.e ?? "", alg: "RS256", use: "sig" };
}

/** A JSON answer, read loosely (the tests check its members one by one). */
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON, checked member by member
type Json = Record<string, any>;

async function call(h: Harness, operation: string, body: unknown, headers: Record<string, string> = {}) {
	const res = await h.app.inject({
		method: "POST",
		url: "/",
		headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`, ...headers },
		payload: typeof body === "string" ? body : JSON.stringify(body),
	});
	return { status: res.statusCode, type: res.headers["content-type"], json: JSON.parse(res.body) as Json };
}

function assertCognitoError(res: Awaited<ReturnType<typeof call>>, type: string): void {
	assert.equal(res.status, 400, JSON.stringify(res.json));
	assert.equal(res.type, "application/x-amz-json-1.1");
	assert.equal(res.json.__type, type, JSON.stringify(res.json));
	assert.equal(typeof res.json.message, "string");
}

async function signIn(h: Harness, authenticator: SoftAuthenticator, username: string | null, origin = ORIGIN) {
	const params = { ...(username ? { USERNAME: username } : {}), PREFERRED_CHALLENGE: "WEB_AUTHN" };
	const begun = await call(h, "InitiateAuth", { AuthFlow: "USER_AUTH", ClientId: CLIENT_ID, AuthParameters: params });
	assert.equal(begun.status, 200, JSON.stringify(begun.json));
	assert.equal(begun.json.ChallengeName, "WEB_AUTHN");
	const options = JSON.parse(begun.json.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
	const credential = authenticator.getAssertion(options, { origin });
	const answer = (session = begun.json.Session as string) =>
		call(h, "RespondToAuthChallenge", {
			ClientId: CLIENT_ID,
			ChallengeName: "WEB_AUTHN",
			Session: session,
			ChallengeResponses: { ...(username ? { USERNAME: username } : {}), CREDENTIAL: JSON.stringify(credential) },
		});
	return { begun, options, answer };
}

async function jwks(h: Harness) {
	const res = await h.app.inject({ method: "GET", url: `/${POOL_ID}/.well-known/jwks.json` });
	assert.equal(res.statusCode, 200);
	return createLocalJWKSet(res.json());
}

describe("Cognito endpoint (AWS JSON 1.1)", () => {
	it("signs in by alias with WEB_AUTHN and returns RS256 tokens with Cognito's claims, verifiable with the JWKS", async () => {
		const h = await cognitoHarness();
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", alias: "ann@shop.example", authenticator });
		const { options, answer } = await signIn(h, authenticator, "ann@shop.example");
		assert.equal(options.allowCredentials.length, 1);
		const done = await answer();
		assert.equal(done.status, 200, JSON.stringify(done.json));
		const result = done.json.AuthenticationResult;
		assert.equal(result.ExpiresIn, 3600);
		assert.equal(result.TokenType, "Bearer");
		assert.deepEqual(done.json.ChallengeParameters, {});
		const keys = await jwks(h);
		const now = h.clock.now();
		const id = await jwtVerify(result.IdToken, keys, { issuer: ISSUER, audience: CLIENT_ID, currentDate: now });
		assert.equal(id.protectedHeader.kid, "k1");
		assert.equal(id.payload.token_use, "id");
		assert.equal(id.payload.sub, "u1");
		assert.equal(id.payload["cognito:username"], "u1");
		assert.equal(id.payload.email, "ann@shop.example");
		const access = await jwtVerify(result.AccessToken, keys, { issuer: ISSUER, currentDate: now });
		assert.equal(access.payload.token_use, "access");
		assert.equal(access.payload.client_id, CLIENT_ID);
		assert.equal(access.payload.scope, "aws.cognito.signin.user.admin");
		assert.equal(access.payload.origin_jti, id.payload.origin_jti);
		const events = (await h.get("/events?pageNumber=1&numberOfResults=20")).json().events as { message: string; apiKeyId: string }[];
		assert.ok(events.length >= 2);
	});

	it("offers SELECT_CHALLENGE without PREFERRED_CHALLENGE, and signs in usernameless (no allowCredentials)", async () => {
		const h = await cognitoHarness();
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		const selected = await call(h, "InitiateAuth", { AuthFlow: "USER_AUTH", ClientId: CLIENT_ID, AuthParameters: { USERNAME: "u1" } });
		assert.equal(selected.json.ChallengeName, "SELECT_CHALLENGE");
		assert.deepEqual(selected.json.AvailableChallenges, ["WEB_AUTHN"]);
		const challenge = await call(h, "RespondToAuthChallenge", {
			ClientId: CLIENT_ID,
			ChallengeName: "SELECT_CHALLENGE",
			Session: selected.json.Session,
			ChallengeResponses: { USERNAME: "u1", ANSWER: "WEB_AUTHN" },
		});
		assert.equal(challenge.json.ChallengeName, "WEB_AUTHN", JSON.stringify(challenge.json));
		assert.notEqual(challenge.json.Session, selected.json.Session);
		const again = await call(h, "RespondToAuthChallenge", {
			ClientId: CLIENT_ID,
			ChallengeName: "SELECT_CHALLENGE",
			Session: selected.json.Session,
			ChallengeResponses: { USERNAME: "u1", ANSWER: "WEB_AUTHN" },
		});
		assertCognitoError(again, "NotAuthorizedException");

		const usernameless = await signIn(h, authenticator, null);
		assert.equal(usernameless.options.allowCredentials, undefined);
		const done = await usernameless.answer();
		assert.equal(decodeJwt(done.json.AuthenticationResult.IdToken).sub, "u1");
	});

	it("uses a session once, refuses an expired session, another client id, bad JSON, a wrong origin and an unknown user's passkey", async () => {
		const h = await cognitoHarness();
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		const first = await signIn(h, authenticator, "u1");
		assert.equal((await first.answer()).status, 200);
		assertCognitoError(await first.answer(), "NotAuthorizedException");
		assertCognitoError(await first.answer("session_nope"), "NotAuthorizedException");

		const late = await signIn(h, authenticator, "u1");
		h.clock.advance(301_000);
		assertCognitoError(await late.answer(), "NotAuthorizedException");

		assertCognitoError(
			await call(h, "InitiateAuth", { AuthFlow: "USER_AUTH", ClientId: "zzzzzzzzzzzzzzzzzzzzzzzzzz", AuthParameters: {} }),
			"ResourceNotFoundException",
		);
		const bad = await signIn(h, authenticator, "u1");
		assertCognitoError(
			await call(h, "RespondToAuthChallenge", {
				ClientId: CLIENT_ID,
				ChallengeName: "WEB_AUTHN",
				Session: bad.begun.json.Session,
				ChallengeResponses: { CREDENTIAL: "{not json" },
			}),
			"InvalidParameterException",
		);
		const elsewhere = await signIn(h, authenticator, "u1", "https://evil.example");
		assertCognitoError(await elsewhere.answer(), "WebAuthnOriginNotAllowedException");
		const honest = authenticator.getAssertion(elsewhere.options, { origin: ORIGIN });
		const retry = await call(h, "RespondToAuthChallenge", {
			ClientId: CLIENT_ID,
			ChallengeName: "WEB_AUTHN",
			Session: elsewhere.begun.json.Session,
			ChallengeResponses: { CREDENTIAL: JSON.stringify(honest) },
		});
		assertCognitoError(retry, "NotAuthorizedException"); // the failed attempt used the session up

		// An unknown user gets the same shape of challenge as a known one; a passkey of nobody is refused.
		const ghost = await call(h, "InitiateAuth", {
			AuthFlow: "USER_AUTH",
			ClientId: CLIENT_ID,
			AuthParameters: { USERNAME: "ghost", PREFERRED_CHALLENGE: "WEB_AUTHN" },
		});
		assert.equal(ghost.json.ChallengeName, "WEB_AUTHN");
		const stranger = new SoftAuthenticator();
		stranger.createCredential(
			{
				rp: { id: "shop.example", name: "Shop" },
				user: { id: "Z2hvc3Q", name: "ghost", displayName: "ghost" },
				challenge: "AAAAAAAAAAAAAAAAAAAAAA",
				pubKeyCredParams: [{ type: "public-key", alg: -7 }],
			},
			{ origin: ORIGIN, discoverable: true },
		);
		const options = JSON.parse(ghost.json.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
		const credential = stranger.getAssertion({ ...options, allowCredentials: [] }, { origin: ORIGIN });
		assertCognitoError(
			await call(h, "RespondToAuthChallenge", {
				ClientId: CLIENT_ID,
				ChallengeName: "WEB_AUTHN",
				Session: ghost.json.Session,
				ChallengeResponses: { CREDENTIAL: JSON.stringify(credential) },
			}),
			"NotAuthorizedException",
		);
	});

	it("applies the public routes' rate limits per address and per app: TooManyRequestsException", async () => {
		const perIp = await cognitoHarness({ LATCHKEY_RATE_LIMIT_PER_IP: "2" });
		const begin = { AuthFlow: "USER_AUTH", ClientId: CLIENT_ID, AuthParameters: { PREFERRED_CHALLENGE: "WEB_AUTHN" } };
		assert.equal((await call(perIp, "InitiateAuth", begin)).status, 200);
		assert.equal((await call(perIp, "InitiateAuth", begin)).status, 200);
		assertCognitoError(await call(perIp, "InitiateAuth", begin), "TooManyRequestsException");
		const perApp = await cognitoHarness({ LATCHKEY_RATE_LIMIT_PER_APP: "1" });
		assert.equal((await call(perApp, "InitiateAuth", begin)).status, 200);
		assertCognitoError(await call(perApp, "InitiateAuth", begin), "TooManyRequestsException");
		assertCognitoError(await call(perApp, "InitiateAuth", { ...begin, ClientId: "z".repeat(26) }), "ResourceNotFoundException");
	});

	it("shares / with the playground in dev mode: GET / is the page, POST / the Cognito endpoint", async () => {
		const h = await cognitoHarness({ LATCHKEY_DEV: "1" });
		const page = await h.app.inject({ method: "GET", url: "/" });
		assert.equal(page.statusCode, 200);
		assert.match(page.headers["content-type"] as string, /^text\/html/);
		const begun = await call(h, "InitiateAuth", { AuthFlow: "USER_AUTH", ClientId: CLIENT_ID, AuthParameters: {} });
		assert.equal(begun.json.ChallengeName, "SELECT_CHALLENGE");
	});

	it("answers every operation with a 400 Cognito error, never a 500, for members of the wrong type or size", async () => {
		const h = await cognitoHarness();
		const bodies: unknown[] = [
			{},
			{ ClientId: 5, AuthFlow: "USER_AUTH" },
			{ ClientId: CLIENT_ID, AuthFlow: "USER_AUTH", AuthParameters: [] },
			{ ClientId: CLIENT_ID, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: 7 } },
			{ ClientId: CLIENT_ID, ChallengeName: "WEB_AUTHN", Session: "session_x", ChallengeResponses: "x" },
			{ ClientId: CLIENT_ID, ChallengeName: "WEB_AUTHN", Session: "x".repeat(5000), ChallengeResponses: {} },
			{ ClientId: CLIENT_ID, ChallengeName: "WEB_AUTHN", Session: "session_x", ChallengeResponses: { CREDENTIAL: "null" } },
			{ ClientId: "c".repeat(10_000), Token: {} },
			{ AccessToken: { nested: [1, 2] }, Credential: "x", CredentialId: 3, MaxResults: "ten", NextToken: -1 },
			{ AccessToken: "a.b.c", MaxResults: 0 },
			{ AccessToken: "eyJhbGciOiJub25lIn0.eyJjbGllbnRfaWQiOiJhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5eiJ9." },
		];
		for (const operation of ["InitiateAuth", "RespondToAuthChallenge", "GetUser", "GlobalSignOut", "RevokeToken"]) {
			for (const body of bodies) {
				const res = await call(h, operation, body);
				assert.equal(res.status, 400, `${operation} ${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(res.json)}`);
			}
		}
		for (const operation of [
			"StartWebAuthnRegistration",
			"CompleteWebAuthnRegistration",
			"ListWebAuthnCredentials",
			"DeleteWebAuthnCredential",
		]) {
			for (const body of bodies) assertCognitoError(await call(h, operation, body), "NotAuthorizedException");
		}
	});

	it("answers an unknown operation, a malformed body and a missing member with a Cognito error, never a 500", async () => {
		const h = await cognitoHarness();
		assertCognitoError(await call(h, "AdminDeleteUser", {}), "UnknownOperationException");
		assertCognitoError(await call(h, "InitiateAuth", "{oops"), "SerializationException");
		assertCognitoError(await call(h, "InitiateAuth", "[]"), "SerializationException");
		assertCognitoError(await call(h, "InitiateAuth", { ClientId: CLIENT_ID }), "InvalidParameterException");
		assertCognitoError(await call(h, "InitiateAuth", { AuthFlow: "USER_PASSWORD_AUTH", ClientId: CLIENT_ID }), "InvalidParameterException");
		assertCognitoError(await call(h, "GetUser", { AccessToken: "x.y.z" }), "NotAuthorizedException");
		const res = await h.app.inject({ method: "GET", url: "/us-east-1_Nope00000/.well-known/jwks.json" });
		assert.equal(res.statusCode, 404);
	});

	it("refreshes, revokes, signs out everywhere, and refuses tampered, expired and rotated-out tokens", async () => {
		const h = await cognitoHarness();
		const authenticator = new SoftAuthenticator();
		await registerUser(h, { userId: "u1", authenticator });
		const { AuthenticationResult: first } = (await (await signIn(h, authenticator, "u1")).answer()).json;
		const user = await call(h, "GetUser", { AccessToken: first.AccessToken });
		assert.equal(user.json.Username, "u1");
		assert.deepEqual(user.json.UserAttributes, [{ Name: "sub", Value: "u1" }]);

		const refreshed = await call(h, "InitiateAuth", {
			AuthFlow: "REFRESH_TOKEN_AUTH",
			ClientId: CLIENT_ID,
			AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
		});
		assert.equal(refreshed.status, 200, JSON.stringify(refreshed.json));
		assert.equal(refreshed.json.AuthenticationResult.RefreshToken, undefined);
		assert.equal(decodeJwt(refreshed.json.AuthenticationResult.AccessToken).origin_jti, decodeJwt(first.AccessToken).origin_jti);

		const [head, payload, signature] = first.AccessToken.split(".");
		const forged = Buffer.from(JSON.stringify({ ...decodeJwt(first.AccessToken), sub: "u2" })).toString("base64url");
		assertCognitoError(await call(h, "GetUser", { AccessToken: `${head}.${forged}.${signature}` }), "NotAuthorizedException");
		assert.ok(payload);

		assert.equal((await call(h, "RevokeToken", { ClientId: CLIENT_ID, Token: first.RefreshToken })).status, 200);
		assertCognitoError(await call(h, "GetUser", { AccessToken: first.AccessToken }), "NotAuthorizedException");
		assertCognitoError(
			await call(h, "InitiateAuth", {
				AuthFlow: "REFRESH_TOKEN_AUTH",
				ClientId: CLIENT_ID,
				AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
			}),
			"NotAuthorizedException",
		);

		h.clock.advance(1000);
		const { AuthenticationResult: second } = (await (await signIn(h, authenticator, "u1")).answer()).json;
		h.clock.advance(1000);
		const { AuthenticationResult: third } = (await (await signIn(h, authenticator, "u1")).answer()).json;
		h.clock.advance(1000);
		assert.equal((await call(h, "GlobalSignOut", { AccessToken: second.AccessToken })).status, 200);
		assertCognitoError(await call(h, "GetUser", { AccessToken: third.AccessToken }), "NotAuthorizedException");

		h.clock.advance(1000);
		const { AuthenticationResult: fourth } = (await (await signIn(h, authenticator, "u1")).answer()).json;
		assert.equal((await call(h, "GetUser", { AccessToken: fourth.AccessToken })).status, 200);
		h.clock.advance(3601_000);
		assertCognitoError(await call(h, "GetUser", { AccessToken: fourth.AccessToken }), "NotAuthorizedException");

		const { AuthenticationResult: fifth } = (await (await signIn(h, authenticator, "u1")).answer()).json;
		await rotatePoolKey(POOL_ID, { ...h.deps, rsaKeys: generateRsaKeyPair });
		assert.equal((await call(h, "GetUser", { AccessToken: fifth.AccessToken })).status, 200, "the old key is still published");
		h.clock.advance(3601_000);
		const keys = (await h.app.inject({ method: "GET", url: `/${POOL_ID}/.well-known/jwks.json` })).json().keys as { kid: string }[];
		assert.equal(keys.length, 1);
		assert.notEqual(keys[0]?.kid, "k1");
		// Expired, and signed by a key no longer published: jose refuses both against the served JWKS.
		const served = await jwks(h);
		await assert.rejects(jwtVerify(fifth.IdToken, served, { issuer: ISSUER, audience: CLIENT_ID, currentDate: h.clock.now() }));
		await assert.rejects(jwtVerify(fifth.IdToken, served, { issuer: ISSUER, audience: CLIENT_ID, currentDate: new Date(0) }));
		assertCognitoError(await call(h, "GetUser", { AccessToken: fifth.AccessToken }), "NotAuthorizedException");
	});

	it("registers, lists and deletes passkeys with the access token", async () => {
		const h = await cognitoHarness();
		const authenticator = new SoftAuthenticator();
		const { credentialId } = await registerUser(h, { userId: "u1", authenticator });
		const { AuthenticationResult: tokens } = (await (await signIn(h, authenticator, "u1")).answer()).json;
		const started = await call(h, "StartWebAuthnRegistration", { AccessToken: tokens.AccessToken });
		assert.equal(started.status, 200, JSON.stringify(started.json));
		const options = started.json.CredentialCreationOptions;
		assert.equal(options.excludeCredentials.length, 1);
		const second = new SoftAuthenticator();
		const credential = second.createCredential(options, { origin: ORIGIN });
		const done = await call(h, "CompleteWebAuthnRegistration", { AccessToken: tokens.AccessToken, Credential: credential });
		assert.equal(done.status, 200, JSON.stringify(done.json));
		assertCognitoError(
			await call(h, "CompleteWebAuthnRegistration", { AccessToken: tokens.AccessToken, Credential: credential }),
			"WebAuthnChallengeNotFoundException",
		);
		const page = await call(h, "ListWebAuthnCredentials", { AccessToken: tokens.AccessToken, MaxResults: 1 });
		assert.equal(page.json.Credentials.length, 1);
		assert.equal(page.json.NextToken, "1");
		const rest = await call(h, "ListWebAuthnCredentials", { AccessToken: tokens.AccessToken, NextToken: page.json.NextToken });
		assert.equal(rest.json.Credentials.length, 1);
		assert.equal(rest.json.NextToken, undefined);
		assert.equal(rest.json.Credentials[0].RelyingPartyId, "shop.example");
		assertCognitoError(
			await call(h, "DeleteWebAuthnCredential", { AccessToken: tokens.AccessToken, CredentialId: "nope" }),
			"ResourceNotFoundException",
		);
		assert.equal((await call(h, "DeleteWebAuthnCredential", { AccessToken: tokens.AccessToken, CredentialId: credentialId })).status, 200);
		const left = await call(h, "ListWebAuthnCredentials", { AccessToken: tokens.AccessToken });
		assert.equal(left.json.Credentials.length, 1);
		assert.equal(left.json.Credentials[0].CredentialId, credential.id);
	});
});
