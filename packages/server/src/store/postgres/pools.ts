import type pg from "pg";
import type { SigningKey, UserPool } from "../model.ts";
import type { PoolStore } from "../store.ts";
import { guarded } from "./postgres-helpers.ts";
import { inTransaction, query } from "./postgres-queries.ts";

export interface PoolRow {
	id: string;
	app_id: string;
	region: string;
	client_id: string;
	created_at: Date;
}

export interface SigningKeyRow {
	pool_id: string;
	kid: string;
	public_jwk: Record<string, string>;
	private_jwk: Record<string, string>;
	retired_at: Date | null;
	created_at: Date;
}

/** A `pools` row as a UserPool. */
export const toPool = (row: PoolRow): UserPool => ({
	id: row.id,
	appId: row.app_id,
	region: row.region,
	clientId: row.client_id,
	createdAt: row.created_at,
});

/** A `signing_keys` row as a SigningKey. */
export const toKey = (row: SigningKeyRow): SigningKey => ({
	poolId: row.pool_id,
	kid: row.kid,
	publicJwk: row.public_jwk,
	privateJwk: row.private_jwk,
	retiredAt: row.retired_at,
	createdAt: row.created_at,
});

/** The values of `insertSigningKey`. */
export const keyValues = (k: SigningKey): unknown[] => [
	k.poolId,
	k.kid,
	JSON.stringify(k.publicJwk),
	JSON.stringify(k.privateJwk),
	k.retiredAt,
	k.createdAt,
];

/** The user pools and their signing keys on PostgreSQL. */
export function createPostgresPoolStore(pool: pg.Pool): PoolStore {
	return guarded({
		async create(userPool, key) {
			await inTransaction(pool, async (client) => {
				await query(client, "insertPool", [userPool.id, userPool.appId, userPool.region, userPool.clientId, userPool.createdAt]);
				await query(client, "insertSigningKey", keyValues(key));
			});
		},
		async findById(poolId) {
			const { rows } = await query<PoolRow>(pool, "findPool", [poolId]);
			return rows[0] ? toPool(rows[0]) : null;
		},
		async findByClientId(clientId) {
			const { rows } = await query<PoolRow>(pool, "findPoolByClient", [clientId]);
			return rows[0] ? toPool(rows[0]) : null;
		},
		async list() {
			return (await query<PoolRow>(pool, "listPools", [])).rows.map(toPool);
		},
		async listKeys(poolId) {
			return (await query<SigningKeyRow>(pool, "signingKeysByPool", [poolId])).rows.map(toKey);
		},
		async rotateKey(key) {
			await inTransaction(pool, async (client) => {
				if ((await query(client, "findPool", [key.poolId])).rowCount !== 1) throw new Error(`no pool '${key.poolId}'`);
				await query(client, "retireSigningKeys", [key.createdAt, key.poolId]);
				await query(client, "insertSigningKey", keyValues(key));
			});
		},
	});
}
