import { type KeyObject, sign } from "node:crypto";
import { CoseAlgorithm } from "./cose-algorithm.ts";

/**
 * Signs data the way a WebAuthn authenticator does for a COSE algorithm:
 * ES256 yields a DER-encoded ECDSA signature, RS256 an RSASSA-PKCS1-v1_5
 * SHA-256 signature, EdDSA a raw 64-byte Ed25519 signature.
 *
 * @param privateKey - The credential private key.
 * @param alg - The COSE algorithm identifier matching the key.
 * @param data - The bytes to sign, e.g. `authData || SHA-256(clientDataJSON)`.
 * @returns The signature bytes.
 * @example
 * ```ts
 * const signature = signWithAlgorithm(privateKey, CoseAlgorithm.ES256, signedBytes);
 * ```
 */
export function signWithAlgorithm(privateKey: KeyObject, alg: CoseAlgorithm, data: Uint8Array): Uint8Array {
	switch (alg) {
		case CoseAlgorithm.ES256:
			return new Uint8Array(sign("sha256", data, { key: privateKey, dsaEncoding: "der" }));
		case CoseAlgorithm.EdDSA:
			return new Uint8Array(sign(null, data, privateKey));
		case CoseAlgorithm.RS256:
			return new Uint8Array(sign("sha256", data, privateKey));
	}
}
