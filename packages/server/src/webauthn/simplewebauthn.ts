/** `@simplewebauthn/server`'s helpers (CBOR, COSE, authenticator data), as the functions that use them receive them. */
export type WebAuthnHelpers = typeof import("@simplewebauthn/server/helpers");

let loading: Promise<WebAuthnHelpers> | null = null;

/**
 * Loads `@simplewebauthn/server`'s helpers on first use instead of at start-up: the module and its ASN.1/X.509
 * dependencies take ~100 ms to load, a fifth of the server's start. `serve` starts loading them as soon as it listens,
 * so the first ceremony finds them loaded. Every function that uses them either awaits this itself (the `verify*`
 * entry points, the signature verifier) or receives them as an argument (`checkAuthenticatorData`, `coseToJwk`).
 *
 * The promise is kept only because a dynamic `import()` of a loaded module still costs ~4 µs per call on the sign-in
 * path; it resolves to the same module every time, as a static import would.
 * @returns the helpers; at once when they are loaded
 * @example const helpers = await loadWebAuthnHelpers(); checkAuthenticatorData(authData, { rpId, requireUserVerification, helpers });
 */
export function loadWebAuthnHelpers(): Promise<WebAuthnHelpers> {
	loading ??= import("@simplewebauthn/server/helpers");
	return loading;
}
