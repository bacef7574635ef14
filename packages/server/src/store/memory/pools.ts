import type { PoolStore } from "../store.ts";
import { copy, type MemoryContext } from "./memory-context.ts";

/** The user pools and their signing keys in memory. */
export function createMemoryPoolStore(ctx: MemoryContext): PoolStore {
	const { pools, signingKeys } = ctx.state;
	return {
		async create(pool, key) {
			if (!ctx.state.apps.has(pool.appId)) throw new Error(`no app '${pool.appId}'`);
			if (pools.has(pool.id) || [...pools.values()].some((p) => p.clientId === pool.clientId)) {
				throw new Error(`pool '${pool.id}' or its client id exists`);
			}
			pools.set(pool.id, copy(pool));
			signingKeys.set(pool.id, [copy(key)]);
		},
		async findById(poolId) {
			const pool = pools.get(poolId);
			return pool ? copy(pool) : null;
		},
		async findByClientId(clientId) {
			const pool = [...pools.values()].find((p) => p.clientId === clientId);
			return pool ? copy(pool) : null;
		},
		async list() {
			return [...pools.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(copy);
		},
		async listKeys(poolId) {
			return (signingKeys.get(poolId) ?? []).map(copy);
		},
		async rotateKey(key) {
			const keys = signingKeys.get(key.poolId);
			if (!keys) throw new Error(`no pool '${key.poolId}'`);
			for (const k of keys) k.retiredAt ??= key.createdAt;
			keys.unshift(copy(key));
		},
	};
}
