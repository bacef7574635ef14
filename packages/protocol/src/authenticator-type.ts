/**
 * Which authenticators may create a passkey (`/register/token`'s `authenticatorType`): `any` (the default), `platform`
 * (this device) or `cross-platform` (security keys, phones).
 * @example
 * const laptopOnly: AuthenticatorType = "platform";
 */
export type AuthenticatorType = "any" | "platform" | "cross-platform";
