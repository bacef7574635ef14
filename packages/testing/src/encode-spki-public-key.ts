import type { KeyObject } from "node:crypto";
import { CoseAlgorithm } from "./cose-algorithm.ts";
import { decodeBase64Url } from "./decode-base64url.ts";

/** DER SubjectPublicKeyInfo up to the key bits: id-ecPublicKey with prime256v1, then a 66-byte BIT STRING. */
const P256_PREFIX = Uint8Array.from(Buffer.from("3059301306072a8648ce3d020106082a8648ce3d030107034200", "hex"));
/** DER SubjectPublicKeyInfo up to the key bits: id-Ed25519, then a 33-byte BIT STRING. */
const ED25519_PREFIX = Uint8Array.from(Buffer.from("302a300506032b6570032100", "hex"));

/**
 * Encodes a public key as DER SubjectPublicKeyInfo, as `AuthenticatorAttestationResponse.getPublicKey()` returns it.
 * P-256 and Ed25519 keys have a fixed SPKI header, so those are built from the key's JWK coordinates (OpenSSL's SPKI
 * export costs ~100 µs, five times the JWK export); RSA keys go through OpenSSL.
 *
 * @param publicKey - The credential public key.
 * @param alg - Its COSE algorithm.
 * @returns The SPKI bytes, identical to `publicKey.export({ type: "spki", format: "der" })`.
 * @example
 * ```ts
 * const spki = encodeSpkiPublicKey(publicKey, CoseAlgorithm.ES256);
 * ```
 */
export function encodeSpkiPublicKey(publicKey: KeyObject, alg: CoseAlgorithm): Uint8Array {
	if (alg === CoseAlgorithm.RS256) return new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
	const jwk = publicKey.export({ format: "jwk" });
	if (jwk.x === undefined) throw new TypeError("Public key JWK is missing a component");
	if (alg === CoseAlgorithm.EdDSA) return new Uint8Array(Buffer.concat([ED25519_PREFIX, decodeBase64Url(jwk.x)]));
	if (jwk.y === undefined) throw new TypeError("Public key JWK is missing a component");
	return new Uint8Array(Buffer.concat([P256_PREFIX, Uint8Array.of(4), decodeBase64Url(jwk.x), decodeBase64Url(jwk.y)]));
}
