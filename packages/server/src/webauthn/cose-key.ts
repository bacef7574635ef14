import type { JsonWebKey } from "node:crypto";
import { toBase64Url } from "../encoding.ts";
import type { WebAuthnHelpers } from "./simplewebauthn.ts";

/** A credential's public key as a JWK, with the COSE algorithm it signs with. */
export interface CoseJwk {
	alg: number;
	jwk: JsonWebKey;
}

const EC_CURVES: Record<number, string> = { 1: "P-256", 2: "P-384", 3: "P-521" };
const b64url = (bytes: Uint8Array | undefined): string => {
	if (!bytes) throw new Error("COSE key member missing");
	return toBase64Url(bytes);
};

/**
 * Turns a stored COSE_Key (decoded by `@simplewebauthn/server`'s CBOR decoder) into its JWK form (RFC 9053 §7 key
 * parameters → RFC 7518 §6 JWK members), which `crypto.createPublicKey` imports. Throws for a key it cannot use.
 * @param coseKey - the COSE_Key bytes as stored at registration
 * @param helpers - the CBOR decoder and COSE constants (loadWebAuthnHelpers)
 * @example const { alg, jwk } = coseToJwk(credential.publicKey, await loadWebAuthnHelpers());
 */
export function coseToJwk(coseKey: Uint8Array, helpers: Pick<WebAuthnHelpers, "cose" | "decodeCredentialPublicKey">): CoseJwk {
	const { cose, decodeCredentialPublicKey } = helpers;
	const decoded = decodeCredentialPublicKey(new Uint8Array(coseKey));
	const alg = decoded.get(cose.COSEKEYS.alg);
	if (typeof alg !== "number") throw new Error("COSE key has no algorithm");
	if (cose.isCOSEPublicKeyEC2(decoded)) {
		const crv = EC_CURVES[decoded.get(cose.COSEKEYS.crv) ?? 0];
		if (!crv) throw new Error("unsupported EC curve");
		return { alg, jwk: { kty: "EC", crv, x: b64url(decoded.get(cose.COSEKEYS.x)), y: b64url(decoded.get(cose.COSEKEYS.y)) } };
	}
	if (cose.isCOSEPublicKeyRSA(decoded)) {
		return { alg, jwk: { kty: "RSA", n: b64url(decoded.get(cose.COSEKEYS.n)), e: b64url(decoded.get(cose.COSEKEYS.e)) } };
	}
	if (cose.isCOSEPublicKeyOKP(decoded)) {
		if (decoded.get(cose.COSEKEYS.crv) !== 6) throw new Error("unsupported OKP curve");
		return { alg, jwk: { kty: "OKP", crv: "Ed25519", x: b64url(decoded.get(cose.COSEKEYS.x)) } };
	}
	throw new Error("unsupported COSE key type");
}
