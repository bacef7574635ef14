import { PasskeyError } from "@latchkey/protocol";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import type { RequestContext } from "../domain/request-context.ts";
import type { RouteEvent } from "../domain/route-event.ts";
import { canonicalBase64Url, fromBase64Any } from "../encoding.ts";
import type { App } from "../store/store.ts";
import type { AuthenticationResponseBody } from "../webauthn/credential-json.ts";
import type { RequestParty } from "../webauthn/origin-policy.ts";
import { showsPrfSupport } from "../webauthn/shows-prf-support.ts";
import { verifyAuthentication } from "../webauthn/verify-authentication.ts";
import { buildVerifyToken } from "./issue-verify-token.ts";
import { burnCeremonyOnFailure, ceremonyGone, findCeremony } from "./load-token.ts";

/**
 * `/signin/complete`: reads the session, finds the credential by its id within the app, verifies the assertion, then
 * in one atomic write takes the session (single use), records the use with compare-and-swap on the counter and stores
 * a `passkey_signin` verify token. A failed attempt uses the session up too.
 * @param input - the app, the request body, the checked origin/RP ID and the device/country of the request
 * @param context - deps and config
 * @returns the verify token and the event to record
 * @throws the codes of findCeremony and verifyAuthentication, unknown_credential (with `credentialId`),
 * counter_regression, invalid_token (a concurrent complete of the same session won)
 */
export async function completeAuthentication(
	input: { app: App; session: string | undefined; response: AuthenticationResponseBody; party: RequestParty; context: RequestContext },
	context: { deps: Deps; config: Config },
): Promise<{ token: string; event: RouteEvent }> {
	const { app, party, response } = input;
	const { deps } = context;
	const now = deps.clock.now();
	const ceremony = await findCeremony({ text: input.session, kind: "authentication", appId: app.id }, { store: deps.store, now });
	const { state } = ceremony;
	const done = await burnCeremonyOnFailure(ceremony, deps.store, async () => {
		const credentialId = canonicalBase64Url(response.rawId);
		const credential = credentialId ? await deps.store.credentials.findById(app.id, credentialId) : null;
		if (!credential) throw new PasskeyError("unknown_credential", { extras: { credentialId: response.id.slice(0, 1400) } });
		const verified = await verifyAuthentication(response, {
			credential,
			expected: { ...state, origin: party.origin, allowedTopOrigins: app.settings.allowedTopOrigins },
			signatures: deps.signatures,
		});
		const { text, token } = buildVerifyToken(
			{
				appId: app.id,
				type: "passkey_signin",
				userId: credential.userId,
				credentialId: fromBase64Any(credential.credentialId) ?? new Uint8Array(),
				rpId: state.rpId,
				origin: party.origin,
				device: input.context.device,
				country: input.context.country,
				nickname: credential.nickname,
				purpose: state.purpose,
				ttlSeconds: state.ttlSeconds,
			},
			context,
		);
		const finished = await deps.store.ceremonies.finishSignIn({
			ceremony,
			use: {
				appId: app.id,
				credentialId: credential.credentialId,
				expectedSignCount: credential.signCount,
				signCount: verified.signCount,
				backupState: verified.backupState,
				usedAt: now,
				device: input.context.device,
				country: input.context.country,
				prfSupported: showsPrfSupport(response.clientExtensionResults ?? response.extensions),
			},
			// A passkey without a counter (0 before and after) has nothing a concurrent sign-in could regress.
			counterMustMatch: verified.signCount > 0 || credential.signCount > 0,
			token,
		});
		return { finished, token: text, userId: credential.userId };
	});
	if (done.finished === "ceremony_gone") throw ceremonyGone();
	if (done.finished === "counter_conflict") {
		throw new PasskeyError("counter_regression", { detail: "Another sign-in with this passkey was recorded at the same time." });
	}
	return { token: done.token, event: { eventType: "ApiUserSignInCompleted", userId: done.userId } };
}
