import { isBrowserSupported, mapBrowserError, normalizeOptionsJSON, type PromiseResult, type TokenResponse } from "@latchkey/client";
import { startAuthentication, WebAuthnAbortService } from "@simplewebauthn/browser";
import { callApi } from "./call-api.ts";
import type { SigninClient } from "./signin-client.ts";

/** What `POST /api/cognito/begin` answers: Cognito's `WEB_AUTHN` challenge, passed through by the backend. */
interface Challenge {
	session: string;
	/** `ChallengeParameters.USERNAME` (absent for a usernameless sign-in). */
	username: string | null;
	/** `ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS`: JSON text, `allowCredentials` possibly `[]`. */
	options: string;
}

const problem = (errorCode: string, title = errorCode) => ({ error: { errorCode, title, status: 0, from: "client" as const } });

/**
 * The seed's Payment Dashboard login on Cognito's `USER_AUTH` / `WEB_AUTHN` flow: the backend calls `InitiateAuth`
 * (`POST /api/cognito/begin`), the browser runs `@simplewebauthn/browser`'s `startAuthentication` on the challenge's
 * options normalised by `normalizeOptionsJSON` (Cognito's empty `allowCredentials` dropped, so the browser offers
 * the site's passkeys), and the backend answers the challenge with `RespondToAuthChallenge`
 * (`POST /api/cognito/respond`). The result's `token` is the Cognito ID token, which `POST /api/signin` verifies
 * before it starts the session. A newer call cancels the pending one (`ceremony_aborted`); there is no autofill.
 * @example
 * const signin = createCognitoSigninClient();
 * const { token, error } = await signin.signinWithAlias("ada@example.com");
 */
export function createCognitoSigninClient(): SigninClient {
	let current: AbortController | undefined;

	const run = async (username: string | null): PromiseResult<TokenResponse> => {
		current?.abort();
		WebAuthnAbortService.cancelCeremony();
		const controller = new AbortController();
		current = controller;
		const { signal } = controller;
		const aborted = () => problem("ceremony_aborted", "The ceremony was aborted.");
		const begun = await callApi<Challenge>("POST", "/api/cognito/begin", username ? { email: username } : {});
		if (signal.aborted) return aborted();
		if (!begun.ok) return problem(begun.problem.code);
		let credential: unknown;
		const started = performance.now();
		try {
			credential = await startAuthentication({ optionsJSON: normalizeOptionsJSON(begun.data.options) as never });
		} catch (error) {
			if (signal.aborted) return aborted();
			const cause = (error as { cause?: unknown }).cause ?? error;
			return { error: mapBrowserError(cause, { discoverable: !username, elapsedMs: performance.now() - started }) };
		}
		if (signal.aborted) return aborted();
		const { session } = begun.data;
		const answered = await callApi<TokenResponse>("POST", "/api/cognito/respond", { session, username: begun.data.username, credential });
		if (signal.aborted) return aborted();
		return answered.ok ? { token: answered.data.token } : problem(answered.problem.code);
	};

	return {
		isBrowserSupported,
		isAutofillSupported: async () => false,
		signinWithAutofill: async () => problem("unsupported_browser", "Autofill sign-in is not offered on the Cognito flow."),
		signinWithAlias: (alias) => run(alias),
		signinWithDiscoverable: () => run(null),
		abort: () => {
			current?.abort();
			WebAuthnAbortService.cancelCeremony();
		},
	};
}
