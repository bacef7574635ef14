import type { Database, Statement } from "better-sqlite3";
import type { ApiKeyRecord, AuditEvent } from "../store.ts";

/**
 * Rows one purge statement deletes, and the pause between two: a batch of expired tokens is ~32 random pages to
 * rewrite (~1 ms of the main thread with its commit), and the pause lets requests run in between, so a backlog of
 * 100,000 expired rows drains in ~15 s of small stalls instead of holding the server for long ones.
 */
export const PURGE_BATCH = 32;
export const PURGE_PAUSE_MS = 2;

const SQL = {
	insertApp: "INSERT INTO apps (id, settings, created_at) VALUES (?, ?, ?)",
	findApp: "SELECT id, settings, created_at FROM apps WHERE id = ?",
	listApps: "SELECT id, settings, created_at FROM apps ORDER BY id",
	insertKey: "INSERT INTO api_keys (app_id, id, kind, scopes, salt, hash, locked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	keysByApp: "SELECT * FROM api_keys WHERE app_id = ? AND kind = ?",
	allKeys: "SELECT * FROM api_keys WHERE app_id = ? ORDER BY created_at, id",
	lockKey: "UPDATE api_keys SET locked = ? WHERE app_id = ? AND id = ?",
	deleteKey: "DELETE FROM api_keys WHERE app_id = ? AND id = ?",
	findCredential: "SELECT * FROM credentials WHERE app_id = ? AND credential_id = ?",
	credentialsByUser: "SELECT * FROM credentials WHERE app_id = ? AND user_id = ? ORDER BY created_at",
	insertCredential: `INSERT INTO credentials (app_id, credential_id, user_id, user_handle, public_key, sign_count, transports, aaguid,
			 attestation_fmt, backup_eligible, backup_state, discoverable, rp_id, origin, device, country, nickname, created_at,
			 last_used_at, attestation_trust, prf_supported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	recordUse: `UPDATE credentials SET sign_count = ?, backup_state = ?, last_used_at = ?, device = ?, country = ?,
			 prf_supported = MAX(prf_supported, ?) WHERE app_id = ? AND credential_id = ? AND sign_count = ?`,
	aliasOwner: "SELECT user_id FROM aliases WHERE app_id = ? AND hash = ?",
	aliasesByUser: "SELECT hash, plaintext FROM aliases INDEXED BY aliases_by_user WHERE app_id = ? AND user_id = ? ORDER BY hash",
	deleteAliasesOfUser: "DELETE FROM aliases WHERE app_id = ? AND user_id = ?",
	insertAlias: "INSERT INTO aliases (app_id, hash, plaintext, user_id) VALUES (?, ?, ?, ?)",
	putCeremony: "INSERT INTO ceremonies (id, app_id, kind, state, expires_at) VALUES (?, ?, ?, ?, ?)",
	findCeremony: "SELECT * FROM ceremonies WHERE id = ? AND app_id = ?",
	takeCeremony: "DELETE FROM ceremonies WHERE id = ? AND app_id = ? RETURNING *",
	dropCeremony: "DELETE FROM ceremonies WHERE id = ? AND app_id = ?",
	putToken: "INSERT INTO tokens (id, app_id, kind, payload, expires_at) VALUES (?, ?, ?, ?, ?)",
	findToken: "SELECT * FROM tokens WHERE id = ? AND app_id = ?",
	takeToken: "DELETE FROM tokens WHERE id = ? AND app_id = ? RETURNING *",
	// Purges go in batches of PURGE_BATCH rows, one queued write each, PURGE_PAUSE_MS apart (see inBatches).
	purgeTokens: `DELETE FROM tokens WHERE id IN (SELECT id FROM tokens WHERE expires_at < ? LIMIT ${PURGE_BATCH})`,
	purgeCeremonies: `DELETE FROM ceremonies WHERE id IN (SELECT id FROM ceremonies WHERE expires_at < ? LIMIT ${PURGE_BATCH})`,
	updateSettings: "UPDATE apps SET settings = ? WHERE id = ?",
	deleteCredential: "DELETE FROM credentials WHERE app_id = ? AND credential_id = ? RETURNING *",
	renameCredential: "UPDATE credentials SET nickname = ? WHERE app_id = ? AND credential_id = ? RETURNING *",
	listUsers: `SELECT user_id, COUNT(*) AS credentials_count, MAX(last_used_at) AS last_used_at FROM credentials
			 WHERE app_id = ? GROUP BY user_id ORDER BY user_id LIMIT ?`,
	countUsers: "SELECT COUNT(DISTINCT user_id) AS count FROM credentials WHERE app_id = ?",
	deleteCredentialsOfUser: "DELETE FROM credentials WHERE app_id = ? AND user_id = ?",
	listAuthConfigs: "SELECT * FROM auth_configs WHERE app_id = ? ORDER BY purpose",
	findAuthConfig: "SELECT * FROM auth_configs WHERE app_id = ? AND purpose = ?",
	insertAuthConfig: `INSERT INTO auth_configs (app_id, purpose, user_verification, time_to_live, hints, created_by, created_on, edited_by,
			 edited_on, last_used_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	saveAuthConfig: `INSERT OR REPLACE INTO auth_configs (app_id, purpose, user_verification, time_to_live, hints, created_by, created_on,
			 edited_by, edited_on, last_used_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	deleteAuthConfig: "DELETE FROM auth_configs WHERE app_id = ? AND purpose = ?",
	appendEvent: `INSERT INTO events (app_id, performed_at, event_type, severity, message, performed_by, subject, api_key_id)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
	listEvents: "SELECT * FROM events WHERE app_id = ? ORDER BY performed_at DESC, id DESC LIMIT ? OFFSET ?",
	countEvents: "SELECT COUNT(*) AS count FROM events WHERE app_id = ?",
	purgeEvents: `DELETE FROM events WHERE id IN (SELECT id FROM events WHERE app_id = ? AND performed_at < ? LIMIT ${PURGE_BATCH})`,
	insertPool: "INSERT INTO pools (id, app_id, region, client_id, created_at) VALUES (?, ?, ?, ?, ?)",
	findPool: "SELECT * FROM pools WHERE id = ?",
	findPoolByClient: "SELECT * FROM pools WHERE client_id = ?",
	listPools: "SELECT * FROM pools ORDER BY id",
	insertSigningKey: `INSERT INTO signing_keys (pool_id, kid, public_jwk, private_jwk, retired_at, created_at)
			 VALUES (?, ?, ?, ?, ?, ?)`,
	retireSigningKeys: "UPDATE signing_keys SET retired_at = ? WHERE pool_id = ? AND retired_at IS NULL",
	signingKeysByPool: "SELECT * FROM signing_keys WHERE pool_id = ? ORDER BY created_at DESC, kid DESC",
} as const;

/** The store's prepared statements, one per entry of {@link SQL}. */
export type SqliteQueries = { readonly [Name in keyof typeof SQL]: Statement };

/** Prepares every statement of the store once, on the database it was opened with. */
export function prepareSqliteQueries(db: Database): SqliteQueries {
	return Object.fromEntries(Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)])) as SqliteQueries;
}

/** Inserts one API key. */
export function insertKey(q: SqliteQueries, k: ApiKeyRecord): void {
	q.insertKey.run(k.appId, k.id, k.kind, JSON.stringify(k.scopes), k.salt, k.hash, k.locked ? 1 : 0, k.createdAt.getTime());
}

/** Appends one audit event. */
export function appendEvent(q: SqliteQueries, e: AuditEvent): void {
	q.appendEvent.run(e.appId, e.performedAt.getTime(), e.eventType, e.severity, e.message, e.performedBy, e.subject, e.apiKeyId);
}
