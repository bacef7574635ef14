/**
 * Encodes bytes as base64url without padding (the WebAuthn JSON encoding).
 * @param bytes - an `ArrayBuffer` (what WebAuthn responses hold) or a `Uint8Array`
 * @returns the base64url text
 * @example
 * toBase64Url(new Uint8Array([251, 255]).buffer); // "-_8"
 */
export function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
	return btoa(String.fromCharCode(...new Uint8Array(bytes)))
		.replace(/\+/g, "-")
		.replace(/\//g, "_")
		.replace(/=+$/, "");
}
