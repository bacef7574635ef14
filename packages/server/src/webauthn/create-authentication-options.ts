import { toBase64Url } from "../encoding.ts";
import type { ExcludedCredential, PrfEval } from "./create-registration-options.ts";

/** `PublicKeyCredentialRequestOptionsJSON` as the wire API sends it (reference §3.3). */
export interface AuthenticationOptions {
	challenge: string;
	timeout: number;
	rpId: string;
	allowCredentials: { type: "public-key"; id: string; transports?: string[] }[];
	userVerification: string;
	hints: string[];
	/** Only with a sign-in token that asked for PRF. */
	extensions?: { prf: { eval: PrfEval } };
}

/**
 * Builds the request options for `/signin/begin`. `allowCredentials` is always an array (native SDKs need it); an
 * empty one means a discoverable ceremony, and the browser SDK drops it before calling the browser.
 * @param allow - the user's credentials, or none for a discoverable / autofill sign-in
 * @param options - RP ID, challenge bytes, UV requirement, hints, the timeout and a sign-in token's PRF inputs
 * @example createAuthenticationOptions([], { rpId: "example.com", challenge, userVerification: "preferred", hints: [], timeoutMs: 60000 })
 */
export function createAuthenticationOptions(
	allow: ExcludedCredential[],
	options: { rpId: string; challenge: Uint8Array; userVerification: string; hints: string[]; timeoutMs: number; prf?: PrfEval | null },
): AuthenticationOptions {
	const data: AuthenticationOptions = {
		challenge: toBase64Url(options.challenge),
		timeout: options.timeoutMs,
		rpId: options.rpId,
		allowCredentials: allow.map((c) =>
			c.transports.length > 0 ? { type: "public-key", id: c.id, transports: c.transports } : { type: "public-key", id: c.id },
		),
		userVerification: options.userVerification,
		hints: options.hints,
	};
	if (options.prf) data.extensions = { prf: { eval: options.prf } };
	return data;
}
