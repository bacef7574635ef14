import type { Database } from "better-sqlite3";
import type { SigningKey, UserPool } from "../model.ts";
import type { PoolStore } from "../store.ts";
import type { SqliteContext } from "./sqlite-context.ts";

export interface PoolRow {
	id: string;
	app_id: string;
	region: string;
	client_id: string;
	created_at: number;
}

export interface SigningKeyRow {
	pool_id: string;
	kid: string;
	public_jwk: string;
	private_jwk: string;
	retired_at: number | null;
	created_at: number;
}

/** A `pools` row as a UserPool. */
export const toPool = (row: PoolRow): UserPool => ({
	id: row.id,
	appId: row.app_id,
	region: row.region,
	clientId: row.client_id,
	createdAt: new Date(row.created_at),
});

/** A `signing_keys` row as a SigningKey. */
export const toKey = (row: SigningKeyRow): SigningKey => ({
	poolId: row.pool_id,
	kid: row.kid,
	publicJwk: JSON.parse(row.public_jwk) as Record<string, string>,
	privateJwk: JSON.parse(row.private_jwk) as Record<string, string>,
	retiredAt: row.retired_at === null ? null : new Date(row.retired_at),
	createdAt: new Date(row.created_at),
});

/** The parameters of `insertSigningKey`. */
export const keyParams = (k: SigningKey): unknown[] => [
	k.poolId,
	k.kid,
	JSON.stringify(k.publicJwk),
	JSON.stringify(k.privateJwk),
	k.retiredAt?.getTime() ?? null,
	k.createdAt.getTime(),
];

/**
 * The user pools and their signing keys on SQLite (rare writes: each in its own transaction, outside the group commit).
 * @param db - the open, migrated database
 * @param ctx - the prepared statements
 */
export function createSqlitePoolStore(db: Database, ctx: SqliteContext): PoolStore {
	const { q } = ctx;
	const create = db.transaction((pool: UserPool, key: SigningKey) => {
		q.insertPool.run(pool.id, pool.appId, pool.region, pool.clientId, pool.createdAt.getTime());
		q.insertSigningKey.run(...keyParams(key));
	});
	const rotate = db.transaction((key: SigningKey) => {
		if (!q.findPool.get(key.poolId)) throw new Error(`no pool '${key.poolId}'`);
		q.retireSigningKeys.run(key.createdAt.getTime(), key.poolId);
		q.insertSigningKey.run(...keyParams(key));
	});
	return {
		async create(pool, key) {
			create(pool, key);
		},
		async findById(poolId) {
			const row = q.findPool.get(poolId) as PoolRow | undefined;
			return row ? toPool(row) : null;
		},
		async findByClientId(clientId) {
			const row = q.findPoolByClient.get(clientId) as PoolRow | undefined;
			return row ? toPool(row) : null;
		},
		async list() {
			return (q.listPools.all() as PoolRow[]).map(toPool);
		},
		async listKeys(poolId) {
			return (q.signingKeysByPool.all(poolId) as SigningKeyRow[]).map(toKey);
		},
		async rotateKey(key) {
			rotate(key);
		},
	};
}
