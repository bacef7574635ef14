import type { AuthenticatorAttachment } from "./authenticator-attachment.ts";
import type { AuthenticatorAttestationResponseJSON } from "./authenticator-attestation-response-json.ts";
import type { RegistrationExtensionResultsJSON } from "./registration-extension-results-json.ts";

/**
 * A registration credential exactly as `PublicKeyCredential.toJSON()` produces it.
 *
 * @example
 * ```ts
 * const registration: RegistrationResponseJSON = authenticator.createCredential(options, { origin });
 * await fetch("/register/finish", { method: "POST", body: JSON.stringify(registration) });
 * ```
 */
export interface RegistrationResponseJSON {
	/** The credential id, base64url. */
	id: string;
	/** The credential id, base64url (same as `id`). */
	rawId: string;
	/** Always `"public-key"`. */
	type: "public-key";
	/** The attachment of the authenticator. */
	authenticatorAttachment: AuthenticatorAttachment;
	/** Client extension outputs. */
	clientExtensionResults: RegistrationExtensionResultsJSON;
	/** The attestation response. */
	response: AuthenticatorAttestationResponseJSON;
}
