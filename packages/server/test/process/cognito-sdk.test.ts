import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
	CognitoIdentityProviderClient,
	CompleteWebAuthnRegistrationCommand,
	DeleteWebAuthnCredentialCommand,
	GetUserCommand,
	GlobalSignOutCommand,
	InitiateAuthCommand,
	ListWebAuthnCredentialsCommand,
	RespondToAuthChallengeCommand,
	RevokeTokenCommand,
	StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { type ServerProcess, startServer } from "@latchkey/test-support";
import { SoftAuthenticator } from "@latchkey/testing";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { httpFlow } from "./http-flow.ts";

const BIN = fileURLToPath(new URL("../../bin/latchkey.js", import.meta.url));
const ORIGIN = "http://localhost:8080";

interface Pool {
	appId: string;
	apiKey: string;
	apiSecret: string;
	userPoolId: string;
	clientId: string;
	issuer: string;
}

async function createPool(server: ServerProcess, appId: string): Promise<Pool> {
	const args = [BIN, "pool", "create", appId, "--region", "us-east-1", "--rp-id", "localhost", "--origin", ORIGIN];
	const { stdout } = await promisify(execFile)(process.execPath, [...args, "--database", server.databaseUrl, "--json"]);
	return JSON.parse(stdout) as Pool;
}

/** The name of the exception the SDK threw. */
async function sdkError(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		return (error as { name: string }).name;
	}
	return "no error";
}

describe("the official AWS SDK v3 (Cognito Identity Provider) against latchkey serve", () => {
	let server: ServerProcess;
	let pool: Pool;
	let other: Pool;
	let cognito: CognitoIdentityProviderClient;
	const authenticator = new SoftAuthenticator();

	before(async () => {
		server = await startServer();
		pool = await createPool(server, "payments");
		other = await createPool(server, "elsewhere");
		// The first passkey comes through the passwordless.dev API (as an app's sign-up would make it).
		await httpFlow(server.url, pool, ORIGIN).register("ann", authenticator);
		cognito = new CognitoIdentityProviderClient({ region: "us-east-1", endpoint: server.url });
	});
	after(async () => {
		cognito?.destroy();
		await server?.stop();
		server?.cleanup();
	});

	async function signIn(username: string | undefined, clientId = pool.clientId) {
		const begun = await cognito.send(
			new InitiateAuthCommand({
				AuthFlow: "USER_AUTH",
				ClientId: clientId,
				AuthParameters: { ...(username ? { USERNAME: username } : {}), PREFERRED_CHALLENGE: "WEB_AUTHN" },
			}),
		);
		assert.equal(begun.ChallengeName, "WEB_AUTHN");
		const options = JSON.parse(begun.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS ?? "{}");
		const credential = authenticator.getAssertion(options, { origin: ORIGIN });
		const answer = () =>
			cognito.send(
				new RespondToAuthChallengeCommand({
					ClientId: clientId,
					ChallengeName: "WEB_AUTHN",
					Session: begun.Session,
					ChallengeResponses: { ...(username ? { USERNAME: username } : {}), CREDENTIAL: JSON.stringify(credential) },
				}),
			);
		return { begun, options, answer };
	}

	it("signs in by username and by alias, via SELECT_CHALLENGE and usernameless; the tokens verify with aws-jwt-verify and jose", async () => {
		const byAlias = await (await signIn("ann@example.com")).answer();
		const tokens = byAlias.AuthenticationResult;
		assert.ok(tokens?.IdToken && tokens.AccessToken && tokens.RefreshToken);
		assert.equal(tokens.ExpiresIn, 3600);
		const issuer = `${server.url}/${pool.userPoolId}`;
		const jwksUri = `${issuer}/.well-known/jwks.json`;
		const idVerifier = JwtRsaVerifier.create({
			issuer,
			audience: pool.clientId,
			jwksUri,
			customJwtCheck: ({ payload }) => assert.equal(payload.token_use, "id"),
		});
		const accessVerifier = JwtRsaVerifier.create({
			issuer,
			audience: null,
			jwksUri,
			customJwtCheck: ({ payload }) => assert.equal(payload.token_use, "access"),
		});
		// aws-jwt-verify fetches JWKS over https only; the test server speaks http, so the JWKS is fetched here and handed over.
		const served = (await (await fetch(jwksUri)).json()) as Parameters<typeof idVerifier.cacheJwks>[0];
		idVerifier.cacheJwks(served);
		accessVerifier.cacheJwks(served);
		const id = await idVerifier.verify(tokens.IdToken);
		assert.equal(id.sub, "ann");
		assert.equal(id["cognito:username"], "ann");
		assert.equal(id.email, "ann@example.com", "signed in with an e-mail alias");
		const access = await accessVerifier.verify(tokens.AccessToken);
		assert.equal(access.client_id, pool.clientId);
		const remote = createRemoteJWKSet(new URL(jwksUri));
		assert.equal((await jwtVerify(tokens.IdToken, remote, { issuer, audience: pool.clientId })).payload.token_use, "id");

		const byId = await (await signIn("ann")).answer();
		assert.ok(byId.AuthenticationResult?.IdToken);
		const usernameless = await signIn(undefined);
		assert.equal(usernameless.options.allowCredentials, undefined);
		assert.ok((await usernameless.answer()).AuthenticationResult?.AccessToken);

		const selected = await cognito.send(
			new InitiateAuthCommand({ AuthFlow: "USER_AUTH", ClientId: pool.clientId, AuthParameters: { USERNAME: "ann" } }),
		);
		assert.equal(selected.ChallengeName, "SELECT_CHALLENGE");
		assert.deepEqual(selected.AvailableChallenges, ["WEB_AUTHN"]);
		const challenge = await cognito.send(
			new RespondToAuthChallengeCommand({
				ClientId: pool.clientId,
				ChallengeName: "SELECT_CHALLENGE",
				Session: selected.Session,
				ChallengeResponses: { USERNAME: "ann", ANSWER: "WEB_AUTHN" },
			}),
		);
		assert.equal(challenge.ChallengeName, "WEB_AUTHN");

		// A token of another pool, a tampered token: refused by the verifier of this pool.
		const foreignJwks = `${server.url}/${other.userPoolId}/.well-known/jwks.json`;
		const foreign = JwtRsaVerifier.create({ issuer: `${server.url}/${other.userPoolId}`, audience: other.clientId, jwksUri: foreignJwks });
		foreign.cacheJwks((await (await fetch(foreignJwks)).json()) as Parameters<typeof foreign.cacheJwks>[0]);
		await assert.rejects(foreign.verify(tokens.IdToken));
		const [head, body, signature] = tokens.IdToken.split(".");
		const tampered = `${head}.${Buffer.from(JSON.stringify({ ...id, sub: "mallory" })).toString("base64url")}.${signature}`;
		assert.ok(body);
		await assert.rejects(idVerifier.verify(tampered));
	});

	it("refreshes, reads the user, revokes and signs out everywhere", async () => {
		const { AuthenticationResult: tokens } = await (await signIn("ann")).answer();
		assert.ok(tokens?.AccessToken && tokens.RefreshToken);
		const user = await cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
		assert.equal(user.Username, "ann");
		assert.ok(user.UserAttributes?.some((a) => a.Name === "sub" && a.Value === "ann"));
		const refreshed = await cognito.send(
			new InitiateAuthCommand({
				AuthFlow: "REFRESH_TOKEN_AUTH",
				ClientId: pool.clientId,
				AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
			}),
		);
		assert.ok(refreshed.AuthenticationResult?.AccessToken);
		await cognito.send(new RevokeTokenCommand({ ClientId: pool.clientId, Token: tokens.RefreshToken }));
		assert.equal(
			await sdkError(
				cognito.send(
					new InitiateAuthCommand({
						AuthFlow: "REFRESH_TOKEN_AUTH",
						ClientId: pool.clientId,
						AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
					}),
				),
			),
			"NotAuthorizedException",
		);
		assert.equal(await sdkError(cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))), "NotAuthorizedException");

		const { AuthenticationResult: next } = await (await signIn("ann")).answer();
		await new Promise((resolve) => setTimeout(resolve, 5));
		await cognito.send(new GlobalSignOutCommand({ AccessToken: next?.AccessToken }));
		assert.equal(await sdkError(cognito.send(new GetUserCommand({ AccessToken: next?.AccessToken }))), "NotAuthorizedException");
		await new Promise((resolve) => setTimeout(resolve, 5));
	});

	it("registers, lists and deletes passkeys with the access token", async () => {
		const { AuthenticationResult: tokens } = await (await signIn("ann")).answer();
		const started = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: tokens?.AccessToken }));
		const second = new SoftAuthenticator();
		const credential = second.createCredential(started.CredentialCreationOptions as never, { origin: ORIGIN });
		await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: tokens?.AccessToken, Credential: credential as never }));
		const listed = await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: tokens?.AccessToken }));
		assert.equal(listed.Credentials?.length, 2);
		assert.ok(listed.Credentials?.every((c) => c.RelyingPartyId === "localhost" && c.CreatedAt instanceof Date));
		await cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: tokens?.AccessToken, CredentialId: credential.id }));
		const left = await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: tokens?.AccessToken }));
		assert.equal(left.Credentials?.length, 1);
	});

	it("answers errors as the SDK parses them: replayed session, another pool's client, bad credential, wrong origin", async () => {
		const once = await signIn("ann");
		await once.answer();
		assert.equal(await sdkError(once.answer()), "NotAuthorizedException");
		assert.equal(
			await sdkError(cognito.send(new InitiateAuthCommand({ AuthFlow: "USER_AUTH", ClientId: "x".repeat(26), AuthParameters: {} }))),
			"ResourceNotFoundException",
		);
		// Another pool's client id: that pool knows no such session, and the passkey is not its user's.
		const theirs = await signIn("ann");
		assert.equal(
			await sdkError(
				cognito.send(
					new RespondToAuthChallengeCommand({
						ClientId: other.clientId,
						ChallengeName: "WEB_AUTHN",
						Session: theirs.begun.Session,
						ChallengeResponses: { CREDENTIAL: JSON.stringify(authenticator.getAssertion(theirs.options, { origin: ORIGIN })) },
					}),
				),
			),
			"NotAuthorizedException",
		);
		const bad = await signIn("ann");
		const badCredential = cognito.send(
			new RespondToAuthChallengeCommand({
				ClientId: pool.clientId,
				ChallengeName: "WEB_AUTHN",
				Session: bad.begun.Session,
				ChallengeResponses: { CREDENTIAL: '{"id":1}' },
			}),
		);
		assert.equal(await sdkError(badCredential), "InvalidParameterException");
		const wrong = await signIn("ann");
		const evil = authenticator.getAssertion(wrong.options, { origin: "http://localhost:9999" });
		const wrongOrigin = cognito.send(
			new RespondToAuthChallengeCommand({
				ClientId: pool.clientId,
				ChallengeName: "WEB_AUTHN",
				Session: wrong.begun.Session,
				ChallengeResponses: { CREDENTIAL: JSON.stringify(evil) },
			}),
		);
		assert.equal(await sdkError(wrongOrigin), "WebAuthnOriginNotAllowedException");
	});
});
