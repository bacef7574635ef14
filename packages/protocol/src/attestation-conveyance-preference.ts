/**
 * Attestation conveyance (`/register/token`'s `attestation`, WebAuthn L3 §5.4.7). `none` (the default) asks for no
 * statement; `indirect`, `direct` and `enterprise` ask the authenticator to prove its make and model, which the
 * server verifies against the FIDO metadata and its trust anchors (docs/attestation.md).
 * @example
 * const attestation: AttestationConveyancePreference = "direct";
 */
export type AttestationConveyancePreference = "none" | "indirect" | "direct" | "enterprise";
