/**
 * A WebAuthn L3 hint (`hints`, most preferred first; the first one also decides the authenticator attachment).
 * Upstream's authentication configurations write them as C# names (`SecurityKey`, `ClientDevice`, `Hybrid`).
 * @example
 * const hints: PublicKeyCredentialHint[] = ["security-key", "hybrid"];
 */
export type PublicKeyCredentialHint = "security-key" | "client-device" | "hybrid";
