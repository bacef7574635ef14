import { constants, verify } from "node:crypto";
import type { CoseKey } from "./cose-key-object.ts";

/** How each COSE algorithm verifies with node:crypto: the digest, and for RSASSA-PSS the salt length. */
const SCHEMES: Record<number, { hash: string | null; pss?: number; der?: true }> = {
	[-7]: { hash: "sha256", der: true }, // ES256
	[-35]: { hash: "sha384", der: true }, // ES384
	[-36]: { hash: "sha512", der: true }, // ES512
	[-257]: { hash: "sha256" }, // RS256
	[-258]: { hash: "sha384" }, // RS384
	[-259]: { hash: "sha512" }, // RS512
	[-37]: { hash: "sha256", pss: 32 }, // PS256
	[-38]: { hash: "sha384", pss: 48 }, // PS384
	[-39]: { hash: "sha512", pss: 64 }, // PS512
	[-8]: { hash: null }, // EdDSA (Ed25519)
};

/**
 * Checks a WebAuthn signature over `data` with node:crypto, synchronously (WebAuthn L3 §7.2 step 21: the
 * signature over authenticatorData ‖ SHA-256(clientDataJSON)). ECDSA signatures are DER, as WebAuthn specifies.
 * @param key - the credential's key and algorithm
 * @param input - the signed bytes and the signature
 * @returns whether the signature is valid (false also for an algorithm it does not know)
 */
export function verifySignature(key: CoseKey, input: { data: Uint8Array; signature: Uint8Array }): boolean {
	const scheme = SCHEMES[key.alg];
	if (!scheme) return false;
	try {
		if (scheme.pss !== undefined) {
			return verify(
				scheme.hash,
				input.data,
				{ key: key.key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.pss },
				input.signature,
			);
		}
		if (scheme.der) return verify(scheme.hash, input.data, { key: key.key, dsaEncoding: "der" }, input.signature);
		return verify(scheme.hash, input.data, key.key, input.signature);
	} catch {
		return false;
	}
}
