import { completeAuthentication } from "../ceremonies/complete-authentication.ts";
import { verifySignIn } from "../ceremonies/verify-sign-in.ts";
import { hashAlias } from "../domain/alias-hash.ts";
import { recordRouteEvent } from "../management/route-events.ts";
import type { App } from "../store/store.ts";
import { tokenId } from "../tokens/token-text.ts";
import type { AuthenticationResponseBody } from "../webauthn/credential-json.ts";
import { SigninCompleteBody } from "../wire/schemas.ts";
import { type CognitoContext, type OperationInput, parseCredential, poolOfClient, requiredString, stringMap } from "./cognito-context.ts";
import { CognitoError } from "./cognito-error.ts";
import { startSession } from "./cognito-sessions.ts";
import type { SignedTokens } from "./cognito-tokens.ts";
import { beginWebAuthnChallenge, clientTenant, tokensFor, type WebAuthnChallenge } from "./sign-in.ts";

const EXPIRED = "Invalid session for the user, session is expired.";

/** RespondToAuthChallenge's answers. */
export type RespondResult =
	| WebAuthnChallenge
	| { AuthenticationResult: SignedTokens & { RefreshToken: string }; ChallengeParameters: Record<string, string> };

/** Takes (uses up) a sign-in session; it must be this app's, unexpired. @throws NotAuthorizedException */
async function takeSession(app: App, session: string, context: CognitoContext): Promise<void> {
	const ceremony = await context.deps.store.ceremonies.take(app.id, tokenId(session));
	if (ceremony?.kind !== "authentication" || ceremony.expiresAt <= context.deps.clock.now()) {
		throw new CognitoError("NotAuthorizedException", EXPIRED);
	}
}

/**
 * RespondToAuthChallenge: `SELECT_CHALLENGE` with ANSWER `WEB_AUTHN` uses up the session and begins the WEB_AUTHN
 * challenge; `WEB_AUTHN` with CREDENTIAL (an AuthenticationResponseJSON text) completes the shared sign-in ceremony
 * (single-use session, origin policy, counter) and returns the pool's tokens and a refresh token.
 * @throws NotAuthorizedException (session, passkey), InvalidParameterException, WebAuthnOriginNotAllowedException,
 * WebAuthnChallengeNotFoundException, WebAuthnRelyingPartyMismatchException
 */
export async function respondToAuthChallenge(body: OperationInput, context: CognitoContext): Promise<RespondResult> {
	const name = requiredString(body, "ChallengeName", 64);
	const { pool, app } = await poolOfClient(body, context);
	const session = requiredString(body, "Session", 2048);
	const responses = stringMap(body, "ChallengeResponses");
	if (name === "SELECT_CHALLENGE") {
		if (responses.ANSWER !== "WEB_AUTHN")
			throw new CognitoError("InvalidParameterException", "This server offers only the WEB_AUTHN challenge.");
		await takeSession(app, session, context);
		return beginWebAuthnChallenge({ pool, app, username: responses.USERNAME?.slice(0, 256) || null }, context);
	}
	if (name !== "WEB_AUTHN")
		throw new CognitoError("InvalidParameterException", `ChallengeName ${name.slice(0, 64)} is not supported here.`);
	let parsed: { response: AuthenticationResponseBody; party: ReturnType<typeof parseCredential>["party"] };
	try {
		parsed = parseCredential<AuthenticationResponseBody>(
			requiredString(responses, "CREDENTIAL", 70000),
			SigninCompleteBody.properties.response,
			app,
		);
	} catch (error) {
		await context.deps.store.ceremonies.take(app.id, tokenId(session)); // a failed attempt uses the session up
		throw error;
	}
	const completed = await completeAuthentication(
		{ app, session, response: parsed.response, party: parsed.party, context: context.request },
		context,
	);
	const tenant = clientTenant(pool, app);
	await recordRouteEvent(tenant, completed.event, context.deps);
	const { verified, event } = await verifySignIn(
		{ app: { ...app, settings: { ...app.settings, reusableVerifyTokens: false } }, token: completed.token },
		context.deps,
	);
	await recordRouteEvent(tenant, event, context.deps);
	// The e-mail the user named, when it is one of their aliases (aliases are usually stored hashed).
	const username = responses.USERNAME?.slice(0, 256) ?? "";
	const owner = username.includes("@") ? await context.deps.store.aliases.findUserId(app.id, hashAlias(app.id, username)) : null;
	const email = owner === verified.userId ? username : null;
	const started = await startSession({ pool, userId: verified.userId, email }, context.deps);
	const tokens = await tokensFor({ pool, app, session: started.session }, context);
	return { AuthenticationResult: { ...tokens, RefreshToken: started.refreshToken }, ChallengeParameters: {} };
}
