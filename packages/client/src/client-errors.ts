/**
 * The client-side error codes of `@latchkey/client` and their fixed titles (`from: "client"` problems).
 * Codes are stable: once shipped, a code is never renamed or reused. Branch on the code, never on the title.
 *
 * | code | when |
 * |---|---|
 * | `ceremony_aborted` | `abort()` was called, or a newer ceremony of the same `Client` replaced this one |
 * | `user_cancelled` | the user dismissed the prompt or did not confirm, or it timed out (`NotAllowedError`) |
 * | `no_passkey_for_site` | a discoverable sign-in was refused without asking the user: no passkey for this site here |
 * | `authenticator_already_registered` | this authenticator already holds a passkey of this user (`InvalidStateError`) |
 * | `security_error` | not a secure context, or the RP ID does not match the page's host (`SecurityError`) |
 * | `unsupported_browser` | no WebAuthn, no autofill (conditional mediation), or the request is not supported |
 * | `network_error` | the server could not be reached (`fetch` failed, CORS refused) |
 * | `conditional_create_unsupported` | `register(token, { mediation: "conditional" })` (`@latchkey/client/lifecycle`) where the browser cannot create a passkey without a prompt |
 * | `failed_create_credential` | `navigator.credentials.create` resolved with `null` (as upstream) |
 * | `unknown` | anything else; `detail` and `cause` tell more |
 *
 * @example
 * if (result.error?.errorCode === "user_cancelled") showHint(CLIENT_ERRORS.user_cancelled);
 */
export const CLIENT_ERRORS = {
	ceremony_aborted: "Passkey request aborted",
	user_cancelled: "Passkey request cancelled or timed out",
	no_passkey_for_site: "No passkey for this site",
	authenticator_already_registered: "Passkey already registered on this authenticator",
	security_error: "Insecure context or RP ID mismatch",
	unsupported_browser: "Passkeys unsupported",
	network_error: "Server unreachable",
	failed_create_credential: "Failed to create credential",
	conditional_create_unsupported: "Passkey upgrade unsupported",
	unknown: "Unknown error",
} as const;

/** A client-side error code (see {@link CLIENT_ERRORS}). */
export type ClientErrorCode = keyof typeof CLIENT_ERRORS;
