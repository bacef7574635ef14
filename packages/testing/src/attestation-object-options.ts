import type { KeyObject } from "node:crypto";
import type { AttestationCertificate } from "./attestation-certificate.ts";
import type { AttestationFormat } from "./attestation-format.ts";
import type { CoseAlgorithm } from "./cose-algorithm.ts";

/**
 * How to build the attestation statement. `packed` is self attestation and
 * needs `alg`, `privateKey` and `clientDataJSON`; `none` needs nothing else.
 *
 * @example
 * ```ts
 * const none: AttestationObjectOptions = { format: "none" };
 * const packed: AttestationObjectOptions = { format: "packed", alg: -7, privateKey, clientDataJSON };
 * ```
 */
export interface AttestationObjectOptions {
	/** The attestation statement format. */
	format: AttestationFormat;
	/** The credential algorithm (packed only). */
	alg?: CoseAlgorithm;
	/** The credential private key (packed only). */
	privateKey?: KeyObject;
	/** The clientDataJSON bytes whose SHA-256 hash is signed (packed only). */
	clientDataJSON?: Uint8Array;
	/** Sign `packed` with this certificate's key and send its chain as `x5c` (full attestation) instead of self attestation. */
	certificate?: AttestationCertificate;
}
