import { type CognitoContext, type OperationInput, poolOfClient, requiredString, stringMap } from "./cognito-context.ts";
import { CognitoError } from "./cognito-error.ts";
import { sessionOfRefreshToken } from "./cognito-sessions.ts";
import type { SignedTokens } from "./cognito-tokens.ts";
import { beginWebAuthnChallenge, tokensFor, type WebAuthnChallenge } from "./sign-in.ts";

/** InitiateAuth's answers. */
export type InitiateAuthResult =
	| WebAuthnChallenge
	| { ChallengeName: "SELECT_CHALLENGE"; Session: string; AvailableChallenges: string[]; ChallengeParameters: Record<string, string> }
	| { AuthenticationResult: SignedTokens; ChallengeParameters: Record<string, string> };

/**
 * InitiateAuth: `USER_AUTH` begins a passkey sign-in (the WEB_AUTHN challenge when PREFERRED_CHALLENGE is WEB_AUTHN,
 * else SELECT_CHALLENGE offering WEB_AUTHN); `REFRESH_TOKEN_AUTH`/`REFRESH_TOKEN` issues new access and ID tokens.
 * @throws ResourceNotFoundException (client id), InvalidParameterException (flow, parameters), NotAuthorizedException (refresh token)
 * @example await initiateAuth({ AuthFlow: "USER_AUTH", ClientId, AuthParameters: { USERNAME: "ann@example.com", PREFERRED_CHALLENGE: "WEB_AUTHN" } }, context)
 */
export async function initiateAuth(body: OperationInput, context: CognitoContext): Promise<InitiateAuthResult> {
	const flow = requiredString(body, "AuthFlow", 64);
	const { pool, app } = await poolOfClient(body, context);
	const params = stringMap(body, "AuthParameters");
	if (flow === "USER_AUTH") {
		const username = params.USERNAME?.slice(0, 256) || null;
		const challenge = await beginWebAuthnChallenge({ pool, app, username }, context);
		if (params.PREFERRED_CHALLENGE === "WEB_AUTHN") return challenge;
		return { ChallengeName: "SELECT_CHALLENGE", Session: challenge.Session, AvailableChallenges: ["WEB_AUTHN"], ChallengeParameters: {} };
	}
	if (flow === "REFRESH_TOKEN_AUTH" || flow === "REFRESH_TOKEN") {
		const refreshToken = params.REFRESH_TOKEN;
		if (!refreshToken) throw new CognitoError("InvalidParameterException", "Missing required parameter REFRESH_TOKEN");
		const session = await sessionOfRefreshToken(pool, refreshToken, context.deps);
		return { AuthenticationResult: await tokensFor({ pool, app, session }, context), ChallengeParameters: {} };
	}
	throw new CognitoError(
		"InvalidParameterException",
		`AuthFlow ${flow.slice(0, 64)} is not supported by this server (USER_AUTH, REFRESH_TOKEN_AUTH).`,
	);
}
