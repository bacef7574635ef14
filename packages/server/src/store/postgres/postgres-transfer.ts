import type pg from "pg";
import type { TransferRecord } from "../model.ts";
import type { TransferStore } from "../store.ts";
import { emptyTransferCounts } from "../transfer-records.ts";
import { keyValues, type PoolRow, type SigningKeyRow, toKey, toPool } from "./pools.ts";
import { inTransaction, query } from "./postgres-queries.ts";
import {
	type ApiKeyRow,
	type AppRow,
	type AuthConfigRow,
	authConfigValues,
	type CredentialRow,
	credentialValues,
	type EventRow,
	eventValues,
	toApiKey,
	toApp,
	toAuthConfig,
	toCredential,
	toEvent,
} from "./postgres-rows.ts";
import { toStoreError } from "./to-store-error.ts";

/** Rows fetched per round trip while exporting. */
const FETCH_SIZE = 500;

interface AliasRow {
	app_id: string;
	hash: string;
	plaintext: string | null;
	user_id: string;
}

/** What is exported, in order: the query and how one row becomes a record. */
const TABLES: { sql: string; events?: true; toRecord(row: never): TransferRecord }[] = [
	{ sql: "SELECT id, settings, created_at FROM apps ORDER BY id", toRecord: (row: AppRow) => ({ type: "app", app: toApp(row) }) },
	{ sql: "SELECT * FROM api_keys ORDER BY app_id, id", toRecord: (row: ApiKeyRow) => ({ type: "apiKey", apiKey: toApiKey(row) }) },
	{
		sql: "SELECT * FROM auth_configs ORDER BY app_id, purpose",
		toRecord: (row: AuthConfigRow) => ({ type: "authConfig", authConfig: toAuthConfig(row) }),
	},
	{
		sql: "SELECT * FROM credentials ORDER BY app_id, credential_id",
		toRecord: (row: CredentialRow) => ({ type: "credential", credential: toCredential(row) }),
	},
	{
		sql: "SELECT app_id, hash, plaintext, user_id FROM aliases ORDER BY app_id, hash",
		toRecord: (row: AliasRow) => ({
			type: "alias",
			appId: row.app_id,
			userId: row.user_id,
			alias: { hash: row.hash, plaintext: row.plaintext },
		}),
	},
	{ sql: "SELECT * FROM pools ORDER BY id", toRecord: (row: PoolRow) => ({ type: "pool", pool: toPool(row) }) },
	{
		sql: "SELECT k.*, p.app_id FROM signing_keys k JOIN pools p ON p.id = k.pool_id ORDER BY k.pool_id, k.kid",
		toRecord: (row: SigningKeyRow & { app_id: string }) => ({ type: "signingKey", appId: row.app_id, key: toKey(row) }),
	},
	{ sql: "SELECT * FROM events ORDER BY app_id, id", events: true, toRecord: (row: EventRow) => ({ type: "event", event: toEvent(row) }) },
];

/**
 * `latchkey export` / `latchkey import` for PostgreSQL: the export reads one REPEATABLE READ snapshot through
 * server-side cursors (constant memory), the import loads everything in one transaction.
 * @param pool - the store's pool
 */
export function createPostgresTransfer(pool: pg.Pool): TransferStore {
	return {
		async *exportAll(options) {
			let client: pg.PoolClient;
			try {
				client = await pool.connect();
			} catch (error) {
				throw toStoreError(error);
			}
			const ignore = (): void => undefined;
			client.on("error", ignore);
			let broken: Error | undefined;
			let committed = false;
			try {
				await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
				for (const table of TABLES) {
					if (table.events && !options.events) continue;
					await client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${table.sql}`);
					for (;;) {
						const { rows } = await client.query(`FETCH ${FETCH_SIZE} FROM export_rows`);
						for (const row of rows) yield table.toRecord(row as never);
						if (rows.length < FETCH_SIZE) break;
					}
					await client.query("CLOSE export_rows");
				}
				await client.query("COMMIT");
				committed = true;
			} catch (error) {
				broken = error as Error;
				throw toStoreError(error);
			} finally {
				// An export abandoned half way (or failed) ends its snapshot; a broken connection is dropped instead.
				if (!committed) await client.query("ROLLBACK").catch(() => undefined);
				client.off("error", ignore);
				client.release(broken);
			}
		},
		async importAll(records) {
			try {
				return await inTransaction(pool, async (client) => {
					if ((await client.query("SELECT 1 FROM apps LIMIT 1")).rowCount) {
						throw new Error("the database already holds apps; import needs an empty database");
					}
					const counts = emptyTransferCounts();
					for await (const r of records) {
						if (r.type === "app") await query(client, "insertApp", [r.app.id, JSON.stringify(r.app.settings), r.app.createdAt]);
						else if (r.type === "apiKey") {
							const k = r.apiKey;
							await query(client, "insertKey", [k.appId, k.id, k.kind, k.scopes, k.salt, k.hash, k.locked, k.createdAt]);
						} else if (r.type === "authConfig") await query(client, "insertAuthConfig", authConfigValues(r.authConfig));
						else if (r.type === "credential") await query(client, "insertCredential", credentialValues(r.credential));
						else if (r.type === "alias") await query(client, "insertAliases", [r.appId, [r.alias.hash], [r.alias.plaintext], r.userId]);
						else if (r.type === "pool") {
							await query(client, "insertPool", [r.pool.id, r.pool.appId, r.pool.region, r.pool.clientId, r.pool.createdAt]);
						} else if (r.type === "signingKey") await query(client, "insertSigningKey", keyValues(r.key));
						else await query(client, "appendEvent", eventValues(r.event));
						counts[r.type]++;
					}
					return counts;
				});
			} catch (error) {
				throw toStoreError(error);
			}
		},
	};
}
