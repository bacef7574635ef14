/**
 * Whether this browser has WebAuthn (`PublicKeyCredential`). Safe to call during server-side rendering.
 * @returns `true` when passkeys can be used at all
 * @example
 * if (!isBrowserSupported()) hidePasskeyButton();
 */
export function isBrowserSupported(): boolean {
	return typeof PublicKeyCredential === "function";
}
