import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { hashAlias } from "../domain/alias-hash.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import { toBase64Url, utf8 } from "../encoding.ts";
import type { App, RegistrationState } from "../store/store.ts";
import { newTokenText, tokenId } from "../tokens/token-text.ts";
import { createRegistrationOptions, type RegistrationOptions } from "../webauthn/create-registration-options.ts";
import type { RequestParty } from "../webauthn/origin-policy.ts";
import type { RegisterTokenPayload } from "./issue-register-token.ts";
import { loadToken } from "./load-token.ts";

/**
 * `/register/begin`: reads the (reusable) register token, builds creation options that exclude the user's existing
 * credentials, and stores single-use ceremony state.
 * @param input - the app, the token text and the checked origin/RP ID
 * @param context - deps and config
 * @throws missing_token, invalid_token, invalid_token_format, expired_token
 */
export async function beginRegistration(
	input: { app: App; token: string | undefined; party: RequestParty },
	context: { deps: Deps; config: Config },
): Promise<{ data: RegistrationOptions; session: string; event: RouteEvent }> {
	const { app, party } = input;
	const { deps, config } = context;
	const now = deps.clock.now();
	const token = await loadToken({ text: input.token, kind: "register", appId: app.id }, { store: deps.store, now, consume: false });
	const request = token.payload as unknown as RegisterTokenPayload;
	const existing = await deps.store.credentials.listByUser(app.id, request.userId);
	const data = createRegistrationOptions(request, {
		rpId: party.rpId,
		challenge: deps.random.bytes(16),
		exclude: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
		timeoutMs: config.ceremonyTimeoutMs,
	});
	const session = newTokenText("session_", deps.random);
	const state: RegistrationState = {
		challenge: data.challenge,
		origin: party.origin,
		rpId: party.rpId,
		userId: request.userId,
		userHandle: toBase64Url(utf8(request.userId)),
		userVerification: request.userVerification,
		aliases: request.aliases
			? request.aliases.map((a) => ({ hash: hashAlias(app.id, a), plaintext: request.aliasHashing ? null : a }))
			: null,
		attestation: request.attestation,
	};
	await deps.store.ceremonies.put({
		id: tokenId(session),
		appId: app.id,
		kind: "registration",
		state,
		expiresAt: new Date(now.getTime() + config.sessionTtlSeconds * 1000),
	});
	return { data, session, event: { eventType: "ApiAuthPasskeyRegistrationBegan", userId: request.userId } };
}
