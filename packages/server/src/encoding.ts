/** Encodes bytes as base64url without padding (WebAuthn's JSON encoding). */
export function toBase64Url(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
}

/** Encodes bytes as standard base64 with padding (the encoding upstream uses for publicKey and credentialId). */
export function toBase64(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

const BASE64ISH = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Decodes base64url or standard base64, with or without padding; returns null for anything else.
 * @param text - the encoded text
 */
export function fromBase64Any(text: string): Uint8Array<ArrayBuffer> | null {
	if (!BASE64ISH.test(text) || text.length % 4 === 1) return null;
	const bytes = Buffer.from(text.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""), "base64url");
	return new Uint8Array(bytes);
}

/** Converts any base64 flavour to canonical base64url (no padding); null when it is not base64. */
export function canonicalBase64Url(text: string): string | null {
	const bytes = fromBase64Any(text);
	return bytes === null ? null : toBase64Url(bytes);
}

/** UTF-8 encodes a string. */
export function utf8(text: string): Uint8Array {
	return new TextEncoder().encode(text);
}
