/**
 * WebAuthn user verification, as `/register/token` (`userVerification`) and the authentication configurations
 * (`userVerificationRequirement`) take it: `preferred` (the default), `required` (fail without biometrics or a PIN) or
 * `discouraged`.
 * @example
 * const stepUp: UserVerificationRequirement = "required";
 */
export type UserVerificationRequirement = "preferred" | "required" | "discouraged";
