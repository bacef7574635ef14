/**
 * Decodes base64url or standard base64, with or without `=` padding, to bytes.
 * Browsers' `atob` already forgives missing padding (HTML "forgiving-base64 decode"), so only the alphabet is mapped.
 * @param value - the encoded text
 * @returns the decoded bytes
 * @throws DOMException `InvalidCharacterError` when `value` is not base64 in either alphabet
 * @example
 * fromBase64("-_8"); // Uint8Array [251, 255]; "+/8=", "+/8" and "-_8=" give the same
 */
export function fromBase64(value: string): Uint8Array<ArrayBuffer> {
	return Uint8Array.from(atob(value.replace(/-/g, "+").replace(/_/g, "/")), (char) => char.charCodeAt(0));
}
