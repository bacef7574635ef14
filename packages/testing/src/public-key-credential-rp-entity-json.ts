/**
 * The relying party in creation options.
 *
 * @example
 * ```ts
 * const rp: PublicKeyCredentialRpEntityJSON = { id: "example.com", name: "Example" };
 * ```
 */
export interface PublicKeyCredentialRpEntityJSON {
	/** The RP ID; when missing, the origin's host is used. */
	id?: string;
	/** Human-readable RP name. */
	name: string;
}
