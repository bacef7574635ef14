import type * as NodeCrypto from "node:crypto";
import type { JsonWebKey, KeyObject } from "node:crypto";

/** One signature to check, as a signature thread (or the request's own thread) receives it. */
export interface SignatureJob {
	/** Names the key among the kept ones: the base64 of its COSE bytes. */
	keyId: string;
	/** The COSE algorithm (with `jwk`; a kept key keeps its own). */
	alg?: number;
	/** The key; absent when the checker keeps it already (KeyCache decides). */
	jwk?: JsonWebKey;
	/** Keep the parsed key for the jobs that follow. */
	keep?: boolean;
	/** A kept key to let go of first (KeyCache's eviction). */
	drop?: string;
	/** The signed bytes: authenticatorData ‖ SHA-256(clientDataJSON). */
	data: Uint8Array;
	signature: Uint8Array;
}

/** `key_missing`: the job named a kept key without sending it, and the checker does not hold it (a restarted thread). */
export type SignatureResult = "valid" | "invalid" | "unusable_key" | "key_missing";

/** What the checker uses of node:crypto. */
export type SignatureCrypto = Pick<typeof NodeCrypto, "createPublicKey" | "verify" | "constants">;

/**
 * Makes a signature checker: imports each job's key (or takes the kept one) and verifies with node:crypto,
 * synchronously (WebAuthn L3 §7.2 step 21). ECDSA signatures are DER, as WebAuthn specifies; an algorithm it does not
 * know is `invalid`.
 *
 * Self-contained on purpose: a signature thread runs this function's own text (signature-verifier.ts), so it may use
 * nothing from outside but its `crypto` argument.
 * @param crypto - node:crypto
 * @returns the checker, holding the keys its jobs ask it to keep
 */
export function createSignatureChecker(crypto: SignatureCrypto): (job: SignatureJob) => SignatureResult {
	const pss = crypto.constants.RSA_PKCS1_PSS_PADDING;
	/** How each COSE algorithm verifies: the digest, DER for ECDSA, and for RSASSA-PSS the salt length. */
	const schemes: Record<number, { hash: string | null; pss?: number; der?: true }> = {
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
	const kept = new Map<string, { key: KeyObject; alg: number }>();
	return (job) => {
		if (job.drop !== undefined) kept.delete(job.drop);
		let found = kept.get(job.keyId);
		if (!found) {
			if (!job.jwk || job.alg === undefined) return "key_missing";
			try {
				found = { key: crypto.createPublicKey({ key: job.jwk, format: "jwk" }), alg: job.alg };
			} catch {
				return "unusable_key";
			}
			if (job.keep) kept.set(job.keyId, found);
		}
		const { key, alg } = found;
		const scheme = schemes[alg];
		if (!scheme) return "invalid";
		try {
			const options =
				scheme.pss !== undefined ? { key, padding: pss, saltLength: scheme.pss } : scheme.der ? { key, dsaEncoding: "der" as const } : key;
			return crypto.verify(scheme.hash, job.data, options, job.signature) ? "valid" : "invalid";
		} catch {
			return "invalid";
		}
	};
}
