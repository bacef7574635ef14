import type { AuthenticatorTransport } from "./authenticator-transport.ts";

/**
 * The `response` member of a registration, as `toJSON()` serializes it.
 *
 * @example
 * ```ts
 * const { attestationObject, clientDataJSON }: AuthenticatorAttestationResponseJSON = registration.response;
 * ```
 */
export interface AuthenticatorAttestationResponseJSON {
	/** The client data, base64url. */
	clientDataJSON: string;
	/** The CBOR attestation object `{ fmt, attStmt, authData }`, base64url. */
	attestationObject: string;
	/** Transport hints. */
	transports: AuthenticatorTransport[];
	/** The credential's COSE algorithm identifier. */
	publicKeyAlgorithm: number;
	/** The credential public key as DER SubjectPublicKeyInfo, base64url. */
	publicKey?: string;
	/** The authenticator data, base64url. */
	authenticatorData: string;
}
