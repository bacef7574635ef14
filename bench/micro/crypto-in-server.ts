// What the signature check and the key import cost inside the benchmark's server, phase by phase: read from the
// one-second buckets bench/micro/crypto-timing.mjs (preloaded into the server) writes when the server exits.
import { readFileSync } from "node:fs";

/** The preload that times `crypto.verify` and `crypto.createPublicKey` in the server (for NODE_OPTIONS=--import). */
export const CRYPTO_TIMING_PRELOAD = new URL("./crypto-timing.mjs", import.meta.url).href;

/** One phase's checks and imports, as they ran in the server (CPU time of its main thread, every 8th call). */
export interface CryptoInServer {
	/** Mean µs of one `crypto.verify` call. */
	verifyMicros: number;
	/** How many calls the mean is of (the calls measured). */
	verifies: number;
	/** Mean µs of one `crypto.createPublicKey` call (0 when there was none). */
	importMicros: number;
	/** Imports per check: ~1 when keys are imported for every sign-in, ~0 when the key cache holds them. */
	importsPerVerify: number;
}

/**
 * The calls made in the whole seconds between `fromMs` and `toMs` (Unix ms); null when the file is missing or holds
 * no check in that window.
 * @param file - what crypto-timing.mjs wrote
 */
export function cryptoInServer(file: string, fromMs: number, toMs: number): CryptoInServer | null {
	let buckets: [number, [number, number, number, number]][];
	try {
		buckets = JSON.parse(readFileSync(file, "utf8"));
	} catch {
		return null;
	}
	let verifies = 0;
	let verifyMicros = 0;
	let imports = 0;
	let importMicros = 0;
	for (const [second, [v, vMicros, i, iMicros]] of buckets) {
		if (second * 1000 < fromMs || (second + 1) * 1000 > toMs) continue;
		verifies += v;
		verifyMicros += vMicros;
		imports += i;
		importMicros += iMicros;
	}
	if (verifies === 0) return null;
	const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
	return {
		verifyMicros: round(verifyMicros / verifies, 1),
		verifies,
		importMicros: imports > 0 ? round(importMicros / imports, 1) : 0,
		importsPerVerify: round(imports / verifies, 3),
	};
}
