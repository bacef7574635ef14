import { createHash } from "node:crypto";
import type { AuthenticatorDataOptions } from "./authenticator-data-options.ts";

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

/**
 * Encodes authenticator data: `SHA-256(rpId) | flags | signCount | [attested credential data]`.
 *
 * @param rpId - The RP ID whose SHA-256 hash starts the data.
 * @param options - Flags, counter and, for registrations, the attested credential data.
 * @returns The authenticator data bytes.
 * @example
 * ```ts
 * const authData = encodeAuthenticatorData("example.com", {
 *   flags: { up: true, uv: true, be: false, bs: false },
 *   signCount: 7,
 * });
 * ```
 */
export function encodeAuthenticatorData(rpId: string, options: AuthenticatorDataOptions): Uint8Array {
	const { flags, signCount, attestedCredential } = options;
	if (!Number.isInteger(signCount) || signCount < 0 || signCount > 0xffffffff) {
		throw new RangeError(`signCount must be a 32-bit unsigned integer, got ${signCount}`);
	}
	const rpIdHash = new Uint8Array(createHash("sha256").update(rpId, "utf8").digest());
	let flagByte = 0;
	if (flags.up) flagByte |= FLAG_UP;
	if (flags.uv) flagByte |= FLAG_UV;
	if (flags.be) flagByte |= FLAG_BE;
	if (flags.bs) flagByte |= FLAG_BS;
	const flagField = new Uint8Array(1);
	const counterField = new Uint8Array(4);
	new DataView(counterField.buffer).setUint32(0, signCount);
	const parts: Uint8Array[] = [rpIdHash, flagField, counterField];
	if (attestedCredential !== undefined) {
		const { aaguid, credentialId, cosePublicKey } = attestedCredential;
		if (aaguid.length !== 16) throw new RangeError("aaguid must be 16 bytes");
		if (credentialId.length > 1023) throw new RangeError("credentialId must be at most 1023 bytes");
		flagByte |= FLAG_AT;
		const idLength = new Uint8Array(2);
		new DataView(idLength.buffer).setUint16(0, credentialId.length);
		parts.push(aaguid, idLength, credentialId, cosePublicKey);
	}
	flagField[0] = flagByte;
	return concatBytes(parts);
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}
