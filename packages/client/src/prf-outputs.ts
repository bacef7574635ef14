/**
 * The `prf` extension's outputs as `LifecycleClient` returns them to the page (never to the server): WebAuthn L3
 * `AuthenticationExtensionsPRFOutputsJSON`, bytes in base64url.
 * @example
 * const { prf } = await client.signinWithToken(token);
 * const key = prf?.results ? await deriveKey(prf.results.first) : undefined;
 */
export interface PrfOutputs {
	/** at registration: whether the new passkey supports PRF (some authenticators only tell at the first sign-in) */
	enabled?: boolean;
	/** the PRF values for the token's `eval.first` (and `eval.second`), 32 bytes each, base64url */
	results?: { first: string; second?: string };
}
