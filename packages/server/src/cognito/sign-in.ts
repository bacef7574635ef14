import { beginAuthentication } from "../ceremonies/begin-authentication.ts";
import { hashAlias } from "../domain/alias-hash.ts";
import { recordRouteEvent } from "../management/route-events.ts";
import type { App, UserPool } from "../store/store.ts";
import { beginParty, type CognitoContext } from "./cognito-context.ts";
import type { CognitoSession } from "./cognito-sessions.ts";
import { type SignedTokens, signTokens, type TokenUser } from "./cognito-tokens.ts";

/** The WEB_AUTHN challenge, as InitiateAuth and RespondToAuthChallenge return it. */
export interface WebAuthnChallenge {
	ChallengeName: "WEB_AUTHN";
	Session: string;
	ChallengeParameters: Record<string, string>;
}

/** The audit-log attribution of the Cognito front door: the app client. */
export function clientTenant(pool: UserPool, app: App): { app: App; keyId: string } {
	return { app, keyId: `cognito:${pool.clientId}` };
}

/**
 * Begins a passkey sign-in through the shared ceremony. USERNAME is an alias of the user (e.g. their e-mail) or,
 * failing that, their user id; an unknown one gets the same answer as a known one (no enumeration); no USERNAME =
 * a discoverable sign-in (no `allowCredentials`).
 */
export async function beginWebAuthnChallenge(
	input: { pool: UserPool; app: App; username: string | null },
	context: CognitoContext,
): Promise<WebAuthnChallenge> {
	const { pool, app, username } = input;
	const { deps } = context;
	const byAlias = username ? await deps.store.aliases.findUserId(app.id, hashAlias(app.id, username)) : null;
	const userId = byAlias ?? username;
	const target = { userId, alias: null, purpose: null, token: null };
	const { data, session, event } = await beginAuthentication({ app, target, party: beginParty(app) }, context);
	await recordRouteEvent(clientTenant(pool, app), event, deps);
	const { allowCredentials, hints, ...rest } = data;
	const options = { ...rest, ...(allowCredentials.length > 0 ? { allowCredentials } : {}), ...(hints.length > 0 ? { hints } : {}) };
	return {
		ChallengeName: "WEB_AUTHN",
		Session: session,
		ChallengeParameters: { ...(username ? { USERNAME: username } : {}), CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) },
	};
}

/** The user as the ID token describes them: the id, and an e-mail alias when one is stored in clear. */
export async function tokenUser(app: App, userId: string, context: Pick<CognitoContext, "deps">): Promise<TokenUser> {
	const aliases = await context.deps.store.aliases.listByUser(app.id, userId);
	const email = aliases.map((a) => a.plaintext).find((p): p is string => typeof p === "string" && p.includes("@")) ?? null;
	return { userId, email };
}

/** Signs the tokens of a session for its user. */
export async function tokensFor(
	input: { pool: UserPool; app: App; session: CognitoSession },
	context: CognitoContext,
): Promise<SignedTokens> {
	const stored = await tokenUser(input.app, input.session.userId, context);
	const user = { ...stored, email: input.session.email ?? stored.email };
	return signTokens({ pool: input.pool, session: input.session, user }, { ...context, deps: context.deps });
}
