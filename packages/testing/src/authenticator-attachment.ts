/**
 * Where the authenticator lives relative to the client.
 *
 * @example
 * ```ts
 * const attachment: AuthenticatorAttachment = "cross-platform";
 * ```
 */
export type AuthenticatorAttachment = "platform" | "cross-platform";
