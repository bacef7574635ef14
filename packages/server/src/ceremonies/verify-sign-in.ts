import type { VerifiedUserJson } from "@latchkey/protocol";
import type { Deps } from "../deps.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import type { App } from "../store/store.ts";
import { ceremonyGone, loadToken } from "./load-token.ts";

/**
 * `/signin/verify`: exchanges a verify token for who signed in. Single-use by default (atomically consumed); an app
 * with `reusableVerifyTokens` keeps upstream's behaviour (reusable until expiry), except for magic links (always single-use).
 * @param input - the app and the token text
 * @param deps - store and clock
 * @returns who signed in (the §4.2 object) and the event to record
 * @throws missing_token, invalid_token, invalid_token_format, expired_token
 */
export async function verifySignIn(
	input: { app: App; token: string | undefined },
	deps: Pick<Deps, "store" | "clock">,
): Promise<{ verified: VerifiedUserJson; event: RouteEvent }> {
	const reusable = input.app.settings.reusableVerifyTokens === true;
	const token = await loadToken(
		{ text: input.token, kind: "verify", appId: input.app.id },
		{ store: deps.store, now: deps.clock.now(), consume: !reusable },
	);
	const verified = token.payload as unknown as VerifiedUserJson;
	// A magic link is single-use even where other verify tokens are reusable: the mail may be read by more than the user.
	if (reusable && verified.type === "magic_link" && !(await deps.store.tokens.take(input.app.id, token.id))) throw ceremonyGone();
	return { verified, event: { eventType: "ApiUserSignInVerified", userId: verified.userId, tokenType: verified.type } };
}
