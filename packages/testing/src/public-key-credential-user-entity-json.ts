/**
 * The user account in creation options.
 *
 * @example
 * ```ts
 * const user: PublicKeyCredentialUserEntityJSON = { id: "dXNlci0x", name: "ada", displayName: "Ada" };
 * ```
 */
export interface PublicKeyCredentialUserEntityJSON {
	/** The user handle, base64url. */
	id: string;
	/** Account name, e.g. an email address. */
	name: string;
	/** Display name. */
	displayName: string;
}
