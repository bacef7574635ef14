/**
 * The COSE algorithm identifiers the software authenticator supports.
 *
 * @example
 * ```ts
 * const alg: CoseAlgorithm = CoseAlgorithm.ES256; // -7
 * ```
 */
export const CoseAlgorithm = {
	/** ECDSA with P-256 and SHA-256; signatures are DER-encoded. */
	ES256: -7,
	/** EdDSA with Ed25519. */
	EdDSA: -8,
	/** RSASSA-PKCS1-v1_5 with SHA-256 and a 2048-bit key. */
	RS256: -257,
} as const;

/**
 * One of the supported COSE algorithm identifiers: -7, -8 or -257.
 *
 * @example
 * ```ts
 * const algorithms: CoseAlgorithm[] = [CoseAlgorithm.EdDSA, CoseAlgorithm.RS256];
 * ```
 */
export type CoseAlgorithm = (typeof CoseAlgorithm)[keyof typeof CoseAlgorithm];
