import type { AuthenticatorTransport } from "./authenticator-transport.ts";

/**
 * A credential reference in `allowCredentials` / `excludeCredentials`.
 *
 * @example
 * ```ts
 * const descriptor: PublicKeyCredentialDescriptorJSON = { id: "q83vEjRWeJA", type: "public-key" };
 * ```
 */
export interface PublicKeyCredentialDescriptorJSON {
	/** The credential id, base64url. */
	id: string;
	/** Always `"public-key"`. */
	type: "public-key";
	/** Optional transport hints. */
	transports?: AuthenticatorTransport[];
}
