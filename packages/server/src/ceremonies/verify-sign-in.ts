import type { VerifiedUserJson } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import type { App } from "../store/store.ts";
import { loadToken } from "./load-token.ts";

/**
 * `/signin/verify`: exchanges a verify token for who signed in. Single-use by default (atomically consumed); an app
 * with `reusableVerifyTokens` keeps upstream's behaviour (reusable until expiry).
 * @param input - the app and the token text
 * @param deps - store and clock
 * @returns who signed in (the §4.2 object) and the event to record
 * @throws missing_token, invalid_token, invalid_token_format, expired_token
 */
export async function verifySignIn(
	input: { app: App; token: string | undefined },
	deps: Pick<Deps, "store" | "clock">,
): Promise<{ verified: VerifiedUserJson; event: RouteEvent }> {
	const token = await loadToken(
		{ text: input.token, kind: "verify", appId: input.app.id },
		{ store: deps.store, now: deps.clock.now(), consume: !input.app.settings.reusableVerifyTokens },
	);
	const verified = token.payload as unknown as VerifiedUserJson;
	return { verified, event: { eventType: "ApiUserSignInVerified", userId: verified.userId, tokenType: verified.type } };
}
