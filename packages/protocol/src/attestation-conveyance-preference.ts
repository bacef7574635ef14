/**
 * Attestation conveyance (`/register/token`'s `attestation`); Latchkey accepts `none` only for now and answers the
 * others with `attestation_not_supported_on_plan`.
 * @example
 * const attestation: AttestationConveyancePreference = "none";
 */
export type AttestationConveyancePreference = "none" | "direct" | "indirect";
