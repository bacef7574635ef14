/**
 * The attested credential data placed in registration authenticator data.
 *
 * @example
 * ```ts
 * const attested: AttestedCredentialData = { aaguid: new Uint8Array(16), credentialId, cosePublicKey };
 * ```
 */
export interface AttestedCredentialData {
	/** The 16-byte AAGUID. */
	aaguid: Uint8Array;
	/** The credential id (at most 1023 bytes). */
	credentialId: Uint8Array;
	/** The CBOR COSE_Key of the credential. */
	cosePublicKey: Uint8Array;
}
