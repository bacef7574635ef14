import { importJWK, type JWK } from "jose";
import type { SigningKey, Store } from "../store/store.ts";

/** How long an access or ID token lives, seconds; a retired key stays published this long. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

/** A key usable by jose (a KeyObject or CryptoKey). */
export type ImportedKey = Awaited<ReturnType<typeof importJWK>>;

/** The keys a pool publishes at `now`: the current one, and retired ones whose tokens may not have expired yet. */
export function publishedKeys(keys: SigningKey[], now: Date): SigningKey[] {
	return keys.filter((k) => k.retiredAt === null || k.retiredAt.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000 > now.getTime());
}

/**
 * The imported signing keys of the pools, cached by pool and key id (importing a 2048-bit RSA key costs ~0.1 ms;
 * keys never change, only new ones appear).
 * @example const keys = createPoolKeys(store); const { kid, key } = await keys.signer("us-east-1_Ab12Cd34E", now);
 */
export interface PoolKeys {
	/** The current private key of the pool. @throws Error when the pool has no key */
	signer(poolId: string, now: Date): Promise<{ kid: string; key: ImportedKey }>;
	/** The public key `kid` of the pool while it is published, else null. */
	verifier(poolId: string, kid: string, now: Date): Promise<ImportedKey | null>;
	/** The pool's JWKS document. */
	jwks(poolId: string, now: Date): Promise<{ keys: JWK[] }>;
}

/** @see PoolKeys */
export function createPoolKeys(store: Pick<Store, "pools">): PoolKeys {
	const cache = new Map<string, ImportedKey>();
	const imported = async (key: SigningKey, part: "publicJwk" | "privateJwk"): Promise<ImportedKey> => {
		const id = `${key.poolId}\u0000${key.kid}\u0000${part}`;
		let found = cache.get(id);
		if (!found) {
			found = await importJWK(key[part] as JWK, "RS256");
			cache.set(id, found);
		}
		return found;
	};
	return {
		async signer(poolId) {
			const current = (await store.pools.listKeys(poolId)).find((k) => k.retiredAt === null);
			if (!current) throw new Error(`user pool '${poolId}' has no signing key`);
			return { kid: current.kid, key: await imported(current, "privateJwk") };
		},
		async verifier(poolId, kid, now) {
			const key = publishedKeys(await store.pools.listKeys(poolId), now).find((k) => k.kid === kid);
			return key ? imported(key, "publicJwk") : null;
		},
		async jwks(poolId, now) {
			const keys = publishedKeys(await store.pools.listKeys(poolId), now);
			return { keys: keys.map((k) => ({ alg: "RS256", e: k.publicJwk.e, kid: k.kid, kty: "RSA", n: k.publicJwk.n, use: "sig" }) as JWK) };
		},
	};
}
