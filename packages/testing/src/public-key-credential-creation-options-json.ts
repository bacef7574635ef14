import type { AuthenticatorSelectionCriteriaJSON } from "./authenticator-selection-criteria-json.ts";
import type { PublicKeyCredentialDescriptorJSON } from "./public-key-credential-descriptor-json.ts";
import type { PublicKeyCredentialParametersJSON } from "./public-key-credential-parameters-json.ts";
import type { PublicKeyCredentialRpEntityJSON } from "./public-key-credential-rp-entity-json.ts";
import type { PublicKeyCredentialUserEntityJSON } from "./public-key-credential-user-entity-json.ts";

/**
 * Registration options as a server sends them (the input of `navigator.credentials.create()`).
 *
 * @example
 * ```ts
 * const options: PublicKeyCredentialCreationOptionsJSON = {
 *   challenge: "Y2hhbGxlbmdl",
 *   rp: { id: "example.com", name: "Example" },
 *   user: { id: "dXNlci0x", name: "ada", displayName: "Ada" },
 *   pubKeyCredParams: [{ type: "public-key", alg: -7 }],
 * };
 * ```
 */
export interface PublicKeyCredentialCreationOptionsJSON {
	/** The challenge, base64url; echoed verbatim into clientDataJSON. */
	challenge: string;
	/** The relying party. */
	rp: PublicKeyCredentialRpEntityJSON;
	/** The user account. */
	user: PublicKeyCredentialUserEntityJSON;
	/** Acceptable algorithms in order of preference; empty means ES256 then RS256. */
	pubKeyCredParams: PublicKeyCredentialParametersJSON[];
	/** Timeout in milliseconds; ignored. */
	timeout?: number;
	/** Credentials that must not be registered again. */
	excludeCredentials?: PublicKeyCredentialDescriptorJSON[];
	/** Authenticator requirements. */
	authenticatorSelection?: AuthenticatorSelectionCriteriaJSON;
	/** Attestation conveyance preference; informational. */
	attestation?: "none" | "indirect" | "direct" | "enterprise";
	/** Client extension inputs; ignored except that `credProps` is always answered. */
	extensions?: Record<string, unknown>;
}
