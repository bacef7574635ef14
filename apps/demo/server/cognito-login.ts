import {
	CognitoIdentityProviderClient,
	InitiateAuthCommand,
	type InitiateAuthCommandOutput,
	RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtRsaVerifier } from "aws-jwt-verify";
import type { Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { DemoError } from "./demo-error.ts";

/** A Cognito `WEB_AUTHN` challenge as the browser needs it. */
export interface CognitoChallenge {
	session: string;
	/** `ChallengeParameters.USERNAME`; null for a usernameless sign-in. */
	username: string | null;
	/** `ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS`: JSON text. */
	options: string;
}

/** The log in page's Cognito flow, server side: what the demo's `/api/cognito/*` routes and `/api/signin` call. */
export interface CognitoLogin {
	/** `InitiateAuth` (`USER_AUTH`, `PREFERRED_CHALLENGE: WEB_AUTHN`); without a username a usernameless sign-in. */
	begin(username: string | null): Promise<CognitoChallenge>;
	/** `RespondToAuthChallenge` (`WEB_AUTHN`, the browser's credential as JSON text); resolves with the ID token. */
	respond(input: { session: string; username: string | null; credential: unknown }): Promise<string>;
	/** Verifies an ID token (signature against the pool's JWKS, issuer, audience, expiry, `token_use: id`). */
	verifyIdToken(token: string): Promise<{ username: string; sub: string }>;
}

/** Where the pool lives: Latchkey's (or Cognito's) endpoint, the pool and its app client. */
export interface CognitoLoginOptions {
	endpoint: string;
	userPoolId: string;
	clientId: string;
	/** The tokens' `iss`. @default `<endpoint>/<userPoolId>` (Latchkey's issuer; Cognito's is its regional URL) */
	issuer?: string;
}

/** The AWS SDK's failures as the demo's: a refused sign-in is `invalid_token`, an unreachable pool `latchkey_unreachable`. */
function toDemoError(error: unknown): never {
	const name = (error as { name?: string } | null)?.name ?? "";
	const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
	if (status !== undefined && status >= 400 && status < 500) {
		throw new DemoError("invalid_token", 401, `The sign-in was not accepted (${name || status}).`);
	}
	throw new DemoError("latchkey_unreachable", 503, `The user pool could not be reached (${name || "network error"}).`);
}

/** aws-jwt-verify's own fetcher speaks https only; Node's fetch also reaches a pool on http://localhost. */
const jwksFetcher: Fetcher = {
	async fetch(uri) {
		const response = await fetch(uri);
		if (!response.ok) throw new Error(`GET ${uri} answered ${response.status}`);
		return response.arrayBuffer();
	},
};

const challengeOf = (answer: InitiateAuthCommandOutput, username: string | null): CognitoChallenge => {
	const options = answer.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS;
	if (answer.ChallengeName !== "WEB_AUTHN" || !answer.Session || !options) {
		throw new DemoError("invalid_token", 401, `The pool offered no passkey challenge (${answer.ChallengeName ?? "none"}).`);
	}
	return { session: answer.Session, username: answer.ChallengeParameters?.USERNAME ?? username, options };
};

/**
 * The Cognito flow with the official AWS SDK v3 (unsigned operations: only `region` and `endpoint` are set) and
 * `aws-jwt-verify`. The region is the pool id's prefix (`us-east-1_…`).
 * @param options - endpoint, pool, app client, issuer
 * @example
 * const cognito = createCognitoLogin({ endpoint: "http://localhost:4000", userPoolId: "us-east-1_Latchkey1", clientId });
 * const { session, options } = await cognito.begin("ada@example.com");
 */
export function createCognitoLogin(options: CognitoLoginOptions): CognitoLogin {
	const { endpoint, userPoolId, clientId } = options;
	const region = userPoolId.split("_")[0] || "us-east-1";
	const client = new CognitoIdentityProviderClient({
		region,
		endpoint,
		// Cognito's passkey operations are unauthenticated; the SDK still wants credentials to exist.
		credentials: { accessKeyId: "unused", secretAccessKey: "unused" },
	});
	const issuer = options.issuer ?? `${endpoint.replace(/\/+$/, "")}/${userPoolId}`;
	const verifier = JwtRsaVerifier.create(
		{
			issuer,
			audience: clientId,
			jwksUri: `${issuer}/.well-known/jwks.json`,
			// Cognito's field checks: an ID token, of this app client.
			customJwtCheck: ({ payload }) => {
				if (payload.token_use !== "id") throw new Error("not an ID token");
			},
		},
		{ jwksCache: new SimpleJwksCache({ fetcher: jwksFetcher }) },
	);
	return {
		async begin(username) {
			const parameters: Record<string, string> = { PREFERRED_CHALLENGE: "WEB_AUTHN" };
			if (username) parameters.USERNAME = username;
			let answer = await client
				.send(new InitiateAuthCommand({ AuthFlow: "USER_AUTH", ClientId: clientId, AuthParameters: parameters }))
				.catch(toDemoError);
			if (answer.ChallengeName === "SELECT_CHALLENGE") {
				const responses: Record<string, string> = { ANSWER: "WEB_AUTHN" };
				if (username) responses.USERNAME = username;
				answer = await client
					.send(
						new RespondToAuthChallengeCommand({
							ClientId: clientId,
							ChallengeName: "SELECT_CHALLENGE",
							Session: answer.Session,
							ChallengeResponses: responses,
						}),
					)
					.catch(toDemoError);
			}
			return challengeOf(answer, username);
		},
		async respond({ session, username, credential }) {
			const responses: Record<string, string> = { CREDENTIAL: JSON.stringify(credential) };
			if (username) responses.USERNAME = username;
			const answer = await client
				.send(
					new RespondToAuthChallengeCommand({
						ClientId: clientId,
						ChallengeName: "WEB_AUTHN",
						Session: session,
						ChallengeResponses: responses,
					}),
				)
				.catch(toDemoError);
			const idToken = answer.AuthenticationResult?.IdToken;
			if (!idToken) throw new DemoError("invalid_token", 401, "The pool answered without tokens.");
			return idToken;
		},
		async verifyIdToken(token) {
			const payload = await verifier.verify(token).catch(() => {
				throw new DemoError("invalid_token", 401, "The ID token is not valid for this pool.");
			});
			const username = payload["cognito:username"];
			return { username: typeof username === "string" ? username : String(payload.sub), sub: String(payload.sub) };
		},
	};
}
