/**
 * The attestation statement formats the software authenticator can produce.
 * `packed` is always self attestation (signed with the credential key).
 *
 * @example
 * ```ts
 * const format: AttestationFormat = "packed";
 * ```
 */
export type AttestationFormat = "none" | "packed";
