import type { PublicKeyCredentialDescriptorJSON } from "./public-key-credential-descriptor-json.ts";

/**
 * Selects the stored credential an assertion uses (internal).
 *
 * @example
 * ```ts
 * const query: CredentialQuery = { rpId: "example.com", allowCredentials: [] };
 * ```
 */
export interface CredentialQuery {
	/** The RP ID the credential must be scoped to. */
	rpId: string;
	/** Allowed credentials; empty means any discoverable credential. */
	allowCredentials: PublicKeyCredentialDescriptorJSON[];
	/** A specific credential id, base64url. */
	credentialId?: string | undefined;
}
