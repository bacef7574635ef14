import type { AuthenticatorAssertionResponseJSON } from "./authenticator-assertion-response-json.ts";
import type { AuthenticatorAttachment } from "./authenticator-attachment.ts";

/**
 * An assertion credential exactly as `PublicKeyCredential.toJSON()` produces it.
 *
 * @example
 * ```ts
 * const assertion: AuthenticationResponseJSON = authenticator.getAssertion(options, { origin });
 * await fetch("/login/finish", { method: "POST", body: JSON.stringify(assertion) });
 * ```
 */
export interface AuthenticationResponseJSON {
	/** The credential id, base64url. */
	id: string;
	/** The credential id, base64url (same as `id`). */
	rawId: string;
	/** Always `"public-key"`. */
	type: "public-key";
	/** The attachment of the authenticator. */
	authenticatorAttachment: AuthenticatorAttachment;
	/** Client extension outputs; always empty. */
	clientExtensionResults: Record<string, never>;
	/** The assertion response. */
	response: AuthenticatorAssertionResponseJSON;
}
