const MESSAGES: Record<string, string> = {
	no_passkeys: "No passkey is registered for this account. Register a passkey first, then sign in with it.",
	credential_not_allowed: "That passkey belongs to another account. Choose the passkey made for this e-mail.",
	user_cancelled: "The passkey prompt was cancelled or timed out. Try again when you are ready.",
	ceremony_aborted: "The passkey request was stopped.",
	no_passkey_for_site: "This device has no passkey for this site. Register one first.",
	authenticator_already_registered: "This device already holds a passkey for this account.",
	security_error: "Passkeys need a secure page (https, or http://localhost).",
	unsupported_browser: "This browser does not support passkeys.",
	network_error: "The passkey service could not be reached. Check your connection and try again.",
	invalid_token: "The sign-in was not accepted. Try again.",
	expired_token: "The sign-in took too long and expired. Try again.",
	email_taken: "This e-mail already has a passkey: sign in with it to add another.",
	invalid_input: "Enter a valid e-mail address.",
	not_signed_in: "Sign in first.",
	session_expired: "Your session has ended. Sign in again.",
	passkey_not_found: "That passkey no longer exists.",
	unknown_account: "This passkey belongs to no account here. Register again.",
	latchkey_unreachable: "The passkey service is not reachable right now. Try again shortly.",
};

/**
 * The sentence the page shows for an error code of the backend (`{ error: { code } }`), of Latchkey (`errorCode`)
 * or of `@latchkey/client`, so people read what happened and what to do next.
 * @param code - the stable error code
 * @param fallback - shown for a code without its own sentence (e.g. the server's title)
 * @example
 * problemMessage("no_passkeys"); // "No passkey is registered for this account. …"
 */
export function problemMessage(code: string, fallback?: string): string {
	return MESSAGES[code] ?? (fallback ? `${fallback} (${code})` : `Something went wrong (${code}). Try again.`);
}
