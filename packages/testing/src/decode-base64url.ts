/**
 * Decodes base64url text (padding optional) into bytes.
 *
 * @param text - The base64url text to decode.
 * @returns The decoded bytes, backed by a plain `ArrayBuffer`.
 * @throws {TypeError} When the text is not valid base64url.
 * @example
 * ```ts
 * decodeBase64Url("-_8"); // Uint8Array [251, 255]
 * ```
 */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> {
	const unpadded = text.replace(/=+$/, "");
	if (!/^[A-Za-z0-9_-]*$/.test(unpadded) || unpadded.length % 4 === 1) {
		throw new TypeError(`Invalid base64url: ${JSON.stringify(text)}`);
	}
	const base64 = unpadded.replace(/-/g, "+").replace(/_/g, "/");
	const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
	const bytes = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index += 1) {
		bytes[index] = binary.charCodeAt(index);
	}
	return bytes;
}
