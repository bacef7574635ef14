import { decodeBase64Url } from "./decode-base64url.ts";
import { encodeBase64Url } from "./encode-base64url.ts";

/**
 * Normalizes a base64url credential id (drops padding) so ids compare reliably.
 *
 * @param id - A base64url credential id, padded or not.
 * @returns The unpadded base64url id.
 * @example
 * ```ts
 * normalizeCredentialId("q83v=="); // "q83v"
 * ```
 */
export function normalizeCredentialId(id: string): string {
	return encodeBase64Url(decodeBase64Url(id));
}
