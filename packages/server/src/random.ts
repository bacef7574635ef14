import { createHash } from "node:crypto";
import type { Random } from "./deps.ts";

/** Randomness from the platform's CSPRNG. */
export const cryptoRandom: Random = {
	bytes(length: number): Uint8Array {
		return crypto.getRandomValues(new Uint8Array(length));
	},
};

/**
 * Deterministic randomness for tests (SHA-256 in counter mode over a seed). Never use it in production.
 * @param seed - any string
 * @example const random = seededRandom("test");
 */
export function seededRandom(seed: string): Random {
	let counter = 0;
	return {
		bytes(length: number): Uint8Array {
			const out = new Uint8Array(length);
			let filled = 0;
			while (filled < length) {
				const block = createHash("sha256").update(`${seed}:${counter++}`).digest();
				const take = Math.min(block.length, length - filled);
				out.set(block.subarray(0, take), filled);
				filled += take;
			}
			return out;
		},
	};
}
