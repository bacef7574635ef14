import type { PublicKeyCredentialDescriptorJSON } from "./public-key-credential-descriptor-json.ts";

/**
 * Authentication options as a server sends them (the input of `navigator.credentials.get()`).
 *
 * @example
 * ```ts
 * const options: PublicKeyCredentialRequestOptionsJSON = { challenge: "Y2hhbGxlbmdl", rpId: "example.com" };
 * ```
 */
export interface PublicKeyCredentialRequestOptionsJSON {
	/** The challenge, base64url; echoed verbatim into clientDataJSON. */
	challenge: string;
	/** The RP ID; when missing, the origin's host is used. */
	rpId?: string;
	/** Acceptable credentials; empty or missing means a discoverable credential is used. */
	allowCredentials?: PublicKeyCredentialDescriptorJSON[];
	/** Timeout in milliseconds; ignored. */
	timeout?: number;
	/** Informational; flags are controlled per call. */
	userVerification?: "discouraged" | "preferred" | "required";
	/** Client extension inputs; ignored. */
	extensions?: Record<string, unknown>;
}
