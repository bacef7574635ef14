import { PasskeyError } from "@latchkey/protocol";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { hashAlias } from "../domain/alias-hash.ts";
import { resolveAuthConfig } from "../domain/resolve-auth-config.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import type { App, AuthenticationState } from "../store/store.ts";
import { newTokenText, tokenId } from "../tokens/token-text.ts";
import { type AuthenticationOptions, createAuthenticationOptions } from "../webauthn/create-authentication-options.ts";
import type { RequestParty } from "../webauthn/origin-policy.ts";
import type { SigninTokenPayload } from "./issue-signin-token.ts";
import { loadToken } from "./load-token.ts";

/** Who a sign-in is for: a user id, an alias, a `signin_` token, or nobody (discoverable). */
export interface SigninTarget {
	userId: string | null;
	alias: string | null;
	purpose: string | null;
	token: string | null;
}

/** A `signin_` token's sign-in: the token is taken (single use) and names the user, the purpose and user verification. */
async function takeSigninToken(input: { app: App; target: SigninTarget }, deps: Deps): Promise<SigninTokenPayload> {
	const { app, target } = input;
	if (target.userId || target.alias || target.purpose) {
		throw new PasskeyError("invalid_argument", {
			detail: "A sign-in token names the user and purpose: send it without userId, alias or purpose.",
		});
	}
	const token = await loadToken(
		{ text: target.token ?? undefined, kind: "signin", appId: app.id },
		{ store: deps.store, now: deps.clock.now(), consume: true },
	);
	return token.payload as unknown as SigninTokenPayload;
}

/**
 * `/signin/begin`: by a `signin_` token, else by userId, else by alias, else discoverable. An unknown user or alias
 * is not an error: it gives an empty `allowCredentials`, exactly like a discoverable sign-in (no user enumeration).
 * A token's sign-in is bound to its user: it needs one of their passkeys (`no_passkeys` when they have none, whether
 * or not the user exists) and is completed only by one of them. The purpose's authentication configuration sets user
 * verification, hints and the verify token's lifetime; a token may override the hints and ask for PRF.
 * @param input - the app, who (token, userId or alias), the purpose and the checked origin/RP ID
 * @param context - deps and config
 * @throws with a token: invalid_argument, the token codes of loadToken, no_passkeys
 */
export async function beginAuthentication(
	input: { app: App; target: SigninTarget; party: RequestParty },
	context: { deps: Deps; config: Config },
): Promise<{ data: AuthenticationOptions; session: string; event: RouteEvent }> {
	const { app, party, target } = input;
	const { deps, config } = context;
	const bound = target.token ? await takeSigninToken({ app, target }, deps) : null;
	let userId = bound?.userId ?? (target.userId || null);
	if (!userId && target.alias) userId = await deps.store.aliases.findUserId(app.id, hashAlias(app.id, target.alias));
	const [credentials, authConfig] = await Promise.all([
		userId ? deps.store.credentials.listByUser(app.id, userId) : [],
		resolveAuthConfig({ appId: app.id, purpose: bound ? bound.purpose : target.purpose }, deps.store),
	]);
	if (bound && credentials.length === 0) {
		throw new PasskeyError("no_passkeys", { detail: "Register a passkey for this account first, or sign in another way." });
	}
	const data = createAuthenticationOptions(
		credentials.map((c) => ({ id: c.credentialId, transports: c.transports })),
		{
			rpId: party.rpId,
			challenge: deps.random.bytes(16),
			userVerification: bound?.userVerification ?? authConfig.userVerification,
			hints: bound?.hints ?? authConfig.hints,
			timeoutMs: config.ceremonyTimeoutMs,
			prf: bound?.prf ?? null,
		},
	);
	const session = newTokenText("session_", deps.random);
	const state: AuthenticationState = {
		challenge: data.challenge,
		origin: party.origin,
		rpId: party.rpId,
		userVerification: data.userVerification,
		allowCredentials: credentials.map((c) => c.credentialId),
		purpose: authConfig.purpose,
		ttlSeconds: authConfig.timeToLiveSeconds,
		...(bound ? { boundUserId: bound.userId } : {}),
	};
	const now = deps.clock.now();
	await deps.store.ceremonies.put({
		id: tokenId(session),
		appId: app.id,
		kind: "authentication",
		state,
		expiresAt: new Date(now.getTime() + config.sessionTtlSeconds * 1000),
	});
	const event: RouteEvent = bound
		? { eventType: "ApiUserSignInBegan", userId: bound.userId, alias: null, token: true }
		: { eventType: "ApiUserSignInBegan", userId: target.userId, alias: target.alias, token: false };
	return { data, session, event };
}
