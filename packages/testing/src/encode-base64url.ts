/**
 * Encodes bytes as base64url without padding, as WebAuthn JSON does.
 *
 * @param bytes - The bytes to encode.
 * @returns The base64url text, without `=` padding.
 * @example
 * ```ts
 * encodeBase64Url(new Uint8Array([251, 255])); // "-_8"
 * ```
 */
export function encodeBase64Url(bytes: Uint8Array): string {
	let binary = "";
	const chunkSize = 0x8000;
	for (let start = 0; start < bytes.length; start += chunkSize) {
		binary += String.fromCharCode(...bytes.subarray(start, start + chunkSize));
	}
	return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
