import type { CredentialSummary } from "./credential-summary.ts";

/**
 * A JSON-serializable credential, including its private key, so that
 * benchmarks can pre-create credentials and load them elsewhere.
 *
 * @example
 * ```ts
 * const exported: ExportedCredential = authenticator.exportCredential(registration.id);
 * const credential = { id: exported.id, publicKey: decodeBase64Url(exported.publicKey), counter: exported.counter };
 * ```
 */
export interface ExportedCredential extends CredentialSummary {
	/** The private key as PKCS#8 PEM. */
	privateKey: string;
	/** The public key as a CBOR COSE_Key, base64url (what servers store). */
	publicKey: string;
}
