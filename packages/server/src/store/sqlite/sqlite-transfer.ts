import type { Database } from "better-sqlite3";
import type { TransferRecord } from "../model.ts";
import type { TransferStore } from "../store.ts";
import { emptyTransferCounts } from "../transfer-records.ts";
import { keyParams, type PoolRow, type SigningKeyRow, toKey, toPool } from "./pools.ts";
import { appendEvent, insertKey, type SqliteQueries } from "./sqlite-queries.ts";
import {
	type ApiKeyRow,
	type AppRow,
	type AuthConfigRow,
	authConfigParams,
	type CredentialRow,
	credentialParams,
	type EventRow,
	toApiKey,
	toApp,
	toAuthConfig,
	toCredential,
	toEvent,
} from "./sqlite-rows.ts";

/** Every record of the database, table by table in export order; events only when `withEvents`. */
function* exportRecords(db: Database, withEvents: boolean): Generator<TransferRecord> {
	const all = (sql: string): IterableIterator<unknown> => db.prepare(sql).iterate();
	for (const row of all("SELECT id, settings, created_at FROM apps ORDER BY id")) {
		yield { type: "app", app: toApp(row as AppRow) };
	}
	for (const row of all("SELECT * FROM api_keys ORDER BY app_id, id")) yield { type: "apiKey", apiKey: toApiKey(row as ApiKeyRow) };
	for (const row of all("SELECT * FROM auth_configs ORDER BY app_id, purpose")) {
		yield { type: "authConfig", authConfig: toAuthConfig(row as AuthConfigRow) };
	}
	for (const row of all("SELECT * FROM credentials ORDER BY app_id, credential_id")) {
		yield { type: "credential", credential: toCredential(row as CredentialRow) };
	}
	for (const row of all("SELECT app_id, hash, plaintext, user_id FROM aliases ORDER BY app_id, hash")) {
		const r = row as { app_id: string; hash: string; plaintext: string | null; user_id: string };
		yield { type: "alias", appId: r.app_id, userId: r.user_id, alias: { hash: r.hash, plaintext: r.plaintext } };
	}
	for (const row of all("SELECT * FROM pools ORDER BY id")) yield { type: "pool", pool: toPool(row as PoolRow) };
	for (const row of all("SELECT k.*, p.app_id FROM signing_keys k JOIN pools p ON p.id = k.pool_id ORDER BY k.pool_id, k.kid")) {
		yield { type: "signingKey", appId: (row as { app_id: string }).app_id, key: toKey(row as SigningKeyRow) };
	}
	if (!withEvents) return;
	for (const row of all("SELECT * FROM events ORDER BY app_id, id")) yield { type: "event", event: toEvent(row as EventRow) };
}

/**
 * `latchkey export` / `latchkey import` for SQLite: the export reads one snapshot, the import loads everything in one
 * transaction into a database without apps.
 * @param db - the store's open database
 * @param q - its prepared statements
 */
export function createSqliteTransfer(db: Database, q: SqliteQueries): TransferStore {
	return {
		async *exportAll(options) {
			// One read transaction: in WAL mode every SELECT below sees the same snapshot, while writers go on.
			db.exec("BEGIN");
			try {
				yield* exportRecords(db, options.events);
			} finally {
				db.exec("COMMIT");
			}
		},
		async importAll(records) {
			db.exec("BEGIN IMMEDIATE");
			try {
				if (q.listApps.get() !== undefined) throw new Error("the database already holds apps; import needs an empty database");
				const counts = emptyTransferCounts();
				for await (const r of records) {
					if (r.type === "app") q.insertApp.run(r.app.id, JSON.stringify(r.app.settings), r.app.createdAt.getTime());
					else if (r.type === "apiKey") insertKey(q, r.apiKey);
					else if (r.type === "authConfig") q.insertAuthConfig.run(...authConfigParams(r.authConfig));
					else if (r.type === "credential") q.insertCredential.run(...credentialParams(r.credential));
					else if (r.type === "alias") q.insertAlias.run(r.appId, r.alias.hash, r.alias.plaintext, r.userId);
					else if (r.type === "pool") q.insertPool.run(r.pool.id, r.pool.appId, r.pool.region, r.pool.clientId, r.pool.createdAt.getTime());
					else if (r.type === "signingKey") q.insertSigningKey.run(...keyParams(r.key));
					else appendEvent(q, r.event);
					counts[r.type]++;
				}
				db.exec("COMMIT");
				return counts;
			} catch (error) {
				db.exec("ROLLBACK");
				throw error;
			}
		},
	};
}
