import type { KeyObject } from "node:crypto";
import { type CBORType, encodeCBOR } from "@levischuck/tiny-cbor";
import { CoseAlgorithm } from "./cose-algorithm.ts";
import { decodeBase64Url } from "./decode-base64url.ts";

/**
 * Encodes a public key as a CBOR COSE_Key: EC2 (kty 2, crv 1, x, y) for ES256,
 * OKP (kty 1, crv 6, x) for EdDSA, RSA (kty 3, n, e) for RS256.
 *
 * @param publicKey - The credential public key.
 * @param alg - The COSE algorithm identifier recorded under label 3.
 * @returns The CBOR-encoded COSE_Key.
 * @example
 * ```ts
 * const cose = encodeCosePublicKey(publicKey, CoseAlgorithm.EdDSA);
 * ```
 */
export function encodeCosePublicKey(publicKey: KeyObject, alg: CoseAlgorithm): Uint8Array {
	const jwk = publicKey.export({ format: "jwk" });
	const field = (name: string | undefined): Uint8Array => {
		if (name === undefined) throw new TypeError("Public key JWK is missing a component");
		return decodeBase64Url(name);
	};
	const entries: [number, CBORType][] = [];
	switch (alg) {
		case CoseAlgorithm.ES256:
			entries.push([1, 2], [3, alg], [-1, 1], [-2, field(jwk.x)], [-3, field(jwk.y)]);
			break;
		case CoseAlgorithm.EdDSA:
			entries.push([1, 1], [3, alg], [-1, 6], [-2, field(jwk.x)]);
			break;
		case CoseAlgorithm.RS256:
			entries.push([1, 3], [3, alg], [-1, field(jwk.n)], [-2, field(jwk.e)]);
			break;
	}
	return encodeCBOR(new Map<number, CBORType>(entries));
}
