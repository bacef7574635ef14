import type { Random } from "../deps.ts";

/**
 * `length` characters drawn uniformly from `alphabet` (rejection sampling, so no character is more likely).
 * @param random - the randomness source
 * @param options - `length` and `alphabet` (at most 256 characters)
 * @example randomText(deps.random, { length: 26, alphabet: "abcdefghijklmnopqrstuvwxyz0123456789" })
 */
export function randomText(random: Random, options: { length: number; alphabet: string }): string {
	const { length, alphabet } = options;
	const limit = 256 - (256 % alphabet.length);
	let out = "";
	while (out.length < length) {
		for (const byte of random.bytes(length * 2)) {
			if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
		}
	}
	return out;
}
