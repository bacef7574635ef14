/**
 * The `response` member of an assertion, as `toJSON()` serializes it.
 *
 * @example
 * ```ts
 * const { signature, userHandle }: AuthenticatorAssertionResponseJSON = assertion.response;
 * ```
 */
export interface AuthenticatorAssertionResponseJSON {
	/** The client data, base64url. */
	clientDataJSON: string;
	/** The authenticator data, base64url. */
	authenticatorData: string;
	/** The signature over `authenticatorData || SHA-256(clientDataJSON)`, base64url. */
	signature: string;
	/** The user handle, base64url; present for discoverable credentials. */
	userHandle?: string;
}
