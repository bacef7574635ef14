/**
 * A transport hint as reported in `response.transports`.
 *
 * @example
 * ```ts
 * const transports: AuthenticatorTransport[] = ["hybrid", "internal"];
 * ```
 */
export type AuthenticatorTransport = "ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb";
