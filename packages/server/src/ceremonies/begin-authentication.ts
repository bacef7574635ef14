import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { hashAlias } from "../domain/alias-hash.ts";
import { resolveAuthConfig } from "../domain/resolve-auth-config.ts";
import type { App, AuthenticationState } from "../store/store.ts";
import { newTokenText, tokenId } from "../tokens/token-text.ts";
import { type AuthenticationOptions, createAuthenticationOptions } from "../webauthn/create-authentication-options.ts";
import type { RequestParty } from "../webauthn/origin-policy.ts";

/**
 * `/signin/begin`: by userId, else by alias, else discoverable. An unknown user or alias is not an error: it gives
 * an empty `allowCredentials`, exactly like a discoverable sign-in (no user enumeration). The purpose's
 * authentication configuration sets user verification, hints and the verify token's lifetime.
 * @param input - the app, who (userId/alias), the purpose and the checked origin/RP ID
 * @param context - deps and config
 */
export async function beginAuthentication(
	input: { app: App; userId: string | null; alias: string | null; purpose: string | null; party: RequestParty },
	context: { deps: Deps; config: Config },
): Promise<{ data: AuthenticationOptions; session: string }> {
	const { app, party } = input;
	const { deps, config } = context;
	let userId = input.userId || null;
	if (!userId && input.alias) userId = await deps.store.aliases.findUserId(app.id, hashAlias(app.id, input.alias));
	const [credentials, authConfig] = await Promise.all([
		userId ? deps.store.credentials.listByUser(app.id, userId) : [],
		resolveAuthConfig({ appId: app.id, purpose: input.purpose }, deps.store),
	]);
	const data = createAuthenticationOptions(
		credentials.map((c) => ({ id: c.credentialId, transports: c.transports })),
		{
			rpId: party.rpId,
			challenge: deps.random.bytes(16),
			userVerification: authConfig.userVerification,
			hints: authConfig.hints,
			timeoutMs: config.ceremonyTimeoutMs,
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
	};
	const now = deps.clock.now();
	await deps.store.ceremonies.put({
		id: tokenId(session),
		appId: app.id,
		kind: "authentication",
		state,
		expiresAt: new Date(now.getTime() + config.sessionTtlSeconds * 1000),
	});
	return { data, session };
}
