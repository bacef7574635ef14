import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { CoseAlgorithm } from "./cose-algorithm.ts";

/**
 * Generates a fresh credential key pair for a COSE algorithm:
 * P-256 for ES256, Ed25519 for EdDSA, 2048-bit RSA (e = 65537) for RS256.
 *
 * @param alg - The COSE algorithm identifier.
 * @returns The node:crypto key pair.
 * @example
 * ```ts
 * const { publicKey, privateKey } = generateCredentialKeyPair(CoseAlgorithm.ES256);
 * ```
 */
export function generateCredentialKeyPair(alg: CoseAlgorithm): { publicKey: KeyObject; privateKey: KeyObject } {
	switch (alg) {
		case CoseAlgorithm.ES256:
			return generateKeyPairSync("ec", { namedCurve: "P-256" });
		case CoseAlgorithm.EdDSA:
			return generateKeyPairSync("ed25519");
		case CoseAlgorithm.RS256:
			return generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 0x10001 });
	}
}
