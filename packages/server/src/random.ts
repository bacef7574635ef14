import { createHash, generateKeyPairSync } from "node:crypto";

/** The source of randomness. Only this module reads the system's CSPRNG. */
export interface Random {
	bytes(length: number): Uint8Array;
}

/** Bytes drawn from the CSPRNG at once; small requests are served from them (one system call per 4 KiB, not per id). */
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let used = POOL_SIZE;

/** Randomness from the platform's CSPRNG. Every byte is handed out once (copied out of the pool, then never again). */
export const cryptoRandom: Random = {
	bytes(length: number): Uint8Array {
		if (length > 256) return crypto.getRandomValues(new Uint8Array(length));
		if (used + length > pool.length) {
			pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE));
			used = 0;
		}
		const out = pool.slice(used, used + length);
		used += length;
		return out;
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

/** An RS256 key pair as JWKs (members as strings). */
export interface RsaKeyPair {
	publicJwk: Record<string, string>;
	privateJwk: Record<string, string>;
}

/**
 * A new 2048-bit RSA key pair from the platform's CSPRNG (OpenSSL draws its own randomness, so it cannot take a
 * {@link Random}); only the CLI and tests call it, through the `rsaKeys` dependency of pool creation.
 * @example const { publicJwk, privateJwk } = generateRsaKeyPair();
 */
export function generateRsaKeyPair(): RsaKeyPair {
	const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
	return {
		publicJwk: publicKey.export({ format: "jwk" }) as Record<string, string>,
		privateJwk: privateKey.export({ format: "jwk" }) as Record<string, string>,
	};
}
