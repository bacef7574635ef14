import type { KeyObject } from "node:crypto";
import type { CoseAlgorithm } from "./cose-algorithm.ts";

/**
 * A batch attestation certificate for `packed` full (x5c) attestation, as a security key carries one: the statement
 * is signed with `privateKey` and carries `chain` as its `x5c`. For a server to accept the leaf it must be an X.509 v3
 * certificate with `OU=Authenticator Attestation`, a CN, an O and a two-letter C, and `CA:false` (WebAuthn L3 §8.2.1).
 *
 * @example
 * ```ts
 * const attestationCertificate: AttestationCertificate = { chain: [leafDer, intermediateDer], privateKey, alg: -7 };
 * ```
 */
export interface AttestationCertificate {
	/** DER certificates, leaf first (the root is usually left out). */
	chain: Uint8Array[];
	/** The leaf's private key. */
	privateKey: KeyObject;
	/** The COSE algorithm `privateKey` signs with. */
	alg: CoseAlgorithm;
}
