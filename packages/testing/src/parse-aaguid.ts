/**
 * Normalizes an AAGUID given as a UUID string or 16 bytes into 16 bytes.
 *
 * @param aaguid - A UUID such as `"00000000-0000-0000-0000-000000000000"`, or 16 bytes.
 * @returns The 16 AAGUID bytes.
 * @throws {RangeError} When the value is not a UUID or not 16 bytes.
 * @example
 * ```ts
 * parseAaguid("adce0002-35bc-c60a-648b-0b25f1f05503"); // Uint8Array(16)
 * ```
 */
export function parseAaguid(aaguid: string | Uint8Array): Uint8Array {
	if (typeof aaguid !== "string") {
		if (aaguid.length !== 16) throw new RangeError("AAGUID must be 16 bytes");
		return new Uint8Array(aaguid);
	}
	const hex = aaguid.replace(/-/g, "");
	if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new RangeError(`Invalid AAGUID: ${aaguid}`);
	const bytes = new Uint8Array(16);
	for (let index = 0; index < 16; index += 1) {
		bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
	}
	return bytes;
}
