import { PasskeyError } from "@latchkey/protocol";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { canonicalBase64Url, fromBase64Any } from "../encoding.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { App } from "../store/store.ts";
import type { AuthenticationResponseBody } from "../webauthn/credential-json.ts";
import type { KeyCache } from "../webauthn/key-cache.ts";
import type { RequestParty } from "../webauthn/origin-policy.ts";
import { verifyAuthentication } from "../webauthn/verify-authentication.ts";
import type { AuthenticationState } from "./begin-authentication.ts";
import { issueVerifyToken } from "./issue-verify-token.ts";
import { takeCeremony } from "./load-token.ts";

/**
 * `/signin/complete`: takes the session (single use), finds the credential by its id within the app, verifies the
 * assertion, records the use with compare-and-swap on the counter, and returns a `passkey_signin` verify token.
 * @param input - the app, the request body, the checked origin/RP ID and the device/country of the request
 * @param context - deps and config
 * @returns the verify token and who signed in
 * @throws the codes of takeCeremony and verifyAuthentication, unknown_credential (with `credentialId`)
 */
export async function completeAuthentication(
	input: { app: App; session: string | undefined; response: AuthenticationResponseBody; party: RequestParty; context: RequestContext },
	context: { deps: Deps; config: Config; keys?: KeyCache },
): Promise<{ token: string; userId: string }> {
	const { app, party, response } = input;
	const { deps } = context;
	const now = deps.clock.now();
	const ceremony = await takeCeremony({ text: input.session, kind: "authentication", appId: app.id }, { store: deps.store, now });
	const state = ceremony.state as unknown as AuthenticationState;
	const credentialId = canonicalBase64Url(response.rawId);
	const credential = credentialId ? await deps.store.credentials.findById(app.id, credentialId) : null;
	if (!credential) throw new PasskeyError("unknown_credential", { extras: { credentialId: response.id.slice(0, 1400) } });
	const verified = await verifyAuthentication(response, {
		credential,
		expected: { ...state, origin: party.origin },
		...(context.keys ? { keys: context.keys } : {}),
	});
	const recorded = await deps.store.credentials.recordUse({
		appId: app.id,
		credentialId: credential.credentialId,
		expectedSignCount: credential.signCount,
		signCount: verified.signCount,
		backupState: verified.backupState,
		usedAt: now,
		device: input.context.device,
		country: input.context.country,
	});
	if (!recorded && (verified.signCount > 0 || credential.signCount > 0)) {
		throw new PasskeyError("counter_regression", { detail: "Another sign-in with this passkey was recorded at the same time." });
	}
	const token = await issueVerifyToken(
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
	return { token, userId: credential.userId };
}
