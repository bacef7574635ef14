/**
 * `@simplewebauthn/server`'s helpers (CBOR, COSE, authenticator data), loaded on first use instead of at start-up:
 * the module and its ASN.1/X.509 dependencies take ~100 ms to load, a fifth of the server's start. The server starts
 * loading them as soon as it listens (`serve`), and every WebAuthn check awaits {@link loadWebAuthnHelpers} before
 * using {@link webAuthnHelpers}, so a request never sees them missing.
 */
type Helpers = typeof import("@simplewebauthn/server/helpers");

let helpers: Helpers | null = null;
let loading: Promise<Helpers> | null = null;

/** Loads the helpers (once); resolves at once when they are loaded. */
export function loadWebAuthnHelpers(): Promise<Helpers> {
	loading ??= import("@simplewebauthn/server/helpers").then((loaded) => {
		helpers = loaded;
		return loaded;
	});
	return loading;
}

/**
 * The loaded helpers.
 * @throws when {@link loadWebAuthnHelpers} has not finished (a programming error, never a request's)
 */
export function webAuthnHelpers(): Helpers {
	if (!helpers) throw new Error("@simplewebauthn/server/helpers is not loaded yet: await loadWebAuthnHelpers() first");
	return helpers;
}
