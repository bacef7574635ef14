import { createHash } from "node:crypto";
import { type CBORType, encodeCBOR } from "@levischuck/tiny-cbor";
import type { AttestationObjectOptions } from "./attestation-object-options.ts";
import { signWithAlgorithm } from "./sign-with-algorithm.ts";

/**
 * Encodes the CBOR attestation object `{ fmt, attStmt, authData }`.
 * For `packed` self attestation, `attStmt` is `{ alg, sig }` with
 * `sig = sign(authData || SHA-256(clientDataJSON))` by the credential key; with a `certificate`, the signature is
 * the certificate key's and `attStmt` also carries `x5c`.
 *
 * @param authData - The registration authenticator data.
 * @param options - The format and, for `packed`, the signing inputs.
 * @returns The CBOR-encoded attestation object.
 * @throws {TypeError} When `packed` is asked for without `alg`, `privateKey` and `clientDataJSON`.
 * @example
 * ```ts
 * const attestationObject = encodeAttestationObject(authData, { format: "none" });
 * ```
 */
export function encodeAttestationObject(authData: Uint8Array, options: AttestationObjectOptions): Uint8Array {
	const attStmt = new Map<string, CBORType>();
	if (options.format === "packed") {
		const { alg, privateKey, clientDataJSON } = options;
		if (alg === undefined || privateKey === undefined || clientDataJSON === undefined) {
			throw new TypeError("packed attestation needs alg, privateKey and clientDataJSON");
		}
		const clientDataHash = new Uint8Array(createHash("sha256").update(clientDataJSON).digest());
		const signedBytes = new Uint8Array(authData.length + clientDataHash.length);
		signedBytes.set(authData, 0);
		signedBytes.set(clientDataHash, authData.length);
		const certificate = options.certificate;
		if (certificate) {
			attStmt.set("alg", certificate.alg);
			attStmt.set("sig", signWithAlgorithm(certificate.privateKey, certificate.alg, signedBytes));
			attStmt.set(
				"x5c",
				certificate.chain.map((der) => new Uint8Array(der)),
			);
		} else {
			attStmt.set("alg", alg);
			attStmt.set("sig", signWithAlgorithm(privateKey, alg, signedBytes));
		}
	}
	return encodeCBOR(
		new Map<string, CBORType>([
			["fmt", options.format],
			["attStmt", attStmt],
			["authData", authData],
		]),
	);
}
