import type pg from "pg";
import { CREDENTIAL_COLUMNS } from "./postgres-rows.ts";
import { isDatabaseUnavailable } from "./to-store-error.ts";

/** Rows a purge deletes per statement: each batch is its own short transaction, so no lock is held for long. */
export const PURGE_BATCH = 1000;

const SQL = {
	insertApp: "INSERT INTO apps (id, settings, created_at) VALUES ($1, $2, $3)",
	findApp: "SELECT id, settings, created_at FROM apps WHERE id = $1",
	listApps: "SELECT id, settings, created_at FROM apps ORDER BY id",
	updateSettings: "UPDATE apps SET settings = $2 WHERE id = $1",
	insertKey: "INSERT INTO api_keys (app_id, id, kind, scopes, salt, hash, locked, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	keysByApp: "SELECT * FROM api_keys WHERE app_id = $1 AND kind = $2",
	allKeys: "SELECT * FROM api_keys WHERE app_id = $1 ORDER BY created_at, id",
	lockKey: "UPDATE api_keys SET locked = $3 WHERE app_id = $1 AND id = $2",
	deleteKey: "DELETE FROM api_keys WHERE app_id = $1 AND id = $2",
	// One upsert per request: every node counts in the same row of the current window.
	hitRateLimit: `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
		ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count`,
	findCredential: "SELECT * FROM credentials WHERE app_id = $1 AND credential_id = $2",
	credentialsByUser: "SELECT * FROM credentials WHERE app_id = $1 AND user_id = $2 ORDER BY created_at",
	insertCredential: `INSERT INTO credentials (${CREDENTIAL_COLUMNS})
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
	// Compare-and-swap on the counter: of two concurrent sign-ins with one credential, one update applies.
	recordUse: `UPDATE credentials SET sign_count = $1, backup_state = $2, last_used_at = $3, device = $4, country = $5,
		prf_supported = credentials.prf_supported OR $9::boolean WHERE app_id = $6 AND credential_id = $7 AND sign_count = $8`,
	deleteCredential: "DELETE FROM credentials WHERE app_id = $1 AND credential_id = $2 RETURNING *",
	renameCredential: "UPDATE credentials SET nickname = $3 WHERE app_id = $1 AND credential_id = $2 RETURNING *",
	listUsers: `SELECT u.user_id, u.credentials_count, u.last_used_at,
			(SELECT json_agg(a.plaintext ORDER BY a.hash) FROM aliases a WHERE a.app_id = $1 AND a.user_id = u.user_id) AS aliases
		FROM (SELECT user_id, COUNT(*) AS credentials_count, MAX(last_used_at) AS last_used_at FROM credentials
			WHERE app_id = $1 GROUP BY user_id ORDER BY user_id LIMIT $2) u
		ORDER BY u.user_id`,
	countUsers: "SELECT COUNT(DISTINCT user_id) AS count FROM credentials WHERE app_id = $1",
	deleteCredentialsOfUser: "DELETE FROM credentials WHERE app_id = $1 AND user_id = $2",
	aliasOwner: "SELECT user_id FROM aliases WHERE app_id = $1 AND hash = $2",
	aliasConflicts: "SELECT hash FROM aliases WHERE app_id = $1 AND hash = ANY($2::text[]) AND user_id <> $3",
	aliasesByUser: "SELECT hash, plaintext FROM aliases WHERE app_id = $1 AND user_id = $2 ORDER BY hash",
	// Serialises alias changes of one user across nodes (two-int key space: apart from the migration lock's).
	lockUserAliases: "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))",
	deleteAliasesOfUser: "DELETE FROM aliases WHERE app_id = $1 AND user_id = $2",
	insertAliases: `INSERT INTO aliases (app_id, hash, plaintext, user_id)
		SELECT $1, h, p, $4 FROM unnest($2::text[], $3::text[]) AS a(h, p)`,
	putCeremony: "INSERT INTO ceremonies (id, app_id, kind, state, expires_at) VALUES ($1, $2, $3, $4, $5)",
	// Single use across every node: of concurrent takers, exactly one gets the row back.
	takeCeremony: "DELETE FROM ceremonies WHERE id = $1 AND app_id = $2 RETURNING *",
	findCeremony: "SELECT * FROM ceremonies WHERE id = $1 AND app_id = $2",
	// /signin/complete's writes in one statement (one round trip, one commit): the take, then the counter's
	// compare-and-swap only if the take got the row, then the token only if both did (or the counter need not match).
	finishSignIn: `WITH taken AS (DELETE FROM ceremonies WHERE id = $1 AND app_id = $2 RETURNING 1),
		used AS (UPDATE credentials SET sign_count = $3, backup_state = $4, last_used_at = $5, device = $6, country = $7,
			prf_supported = credentials.prf_supported OR $15::boolean WHERE app_id = $2 AND credential_id = $8 AND sign_count = $9 AND EXISTS (SELECT 1 FROM taken) RETURNING 1),
		issued AS (INSERT INTO tokens (id, app_id, kind, payload, expires_at)
			SELECT $10::text, $2, $11::text, $12::json, $13::timestamptz WHERE EXISTS (SELECT 1 FROM taken) AND (EXISTS (SELECT 1 FROM used) OR NOT $14::boolean)
			RETURNING 1)
		SELECT EXISTS (SELECT 1 FROM taken) AS taken, EXISTS (SELECT 1 FROM used) AS used, EXISTS (SELECT 1 FROM issued) AS issued`,
	putToken: "INSERT INTO tokens (id, app_id, kind, payload, expires_at) VALUES ($1, $2, $3, $4, $5)",
	findToken: "SELECT * FROM tokens WHERE id = $1 AND app_id = $2",
	takeToken: "DELETE FROM tokens WHERE id = $1 AND app_id = $2 RETURNING *",
	// Batched, and SKIP LOCKED: never waits for (or blocks) a take of the same row, nor another node's purge.
	purgeTokens: `DELETE FROM tokens WHERE id IN
		(SELECT id FROM tokens WHERE expires_at < $1 LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)`,
	purgeCeremonies: `DELETE FROM ceremonies WHERE id IN
		(SELECT id FROM ceremonies WHERE expires_at < $1 LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)`,
	purgeRateLimits: `DELETE FROM rate_limits WHERE ctid IN
		(SELECT ctid FROM rate_limits WHERE window_start < $1 LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)`,
	purgeEvents: `DELETE FROM events WHERE id IN
		(SELECT id FROM events WHERE app_id = $1 AND performed_at < $2 LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)`,
	listAuthConfigs: "SELECT * FROM auth_configs WHERE app_id = $1 ORDER BY purpose",
	findAuthConfig: "SELECT * FROM auth_configs WHERE app_id = $1 AND purpose = $2",
	insertAuthConfig: `INSERT INTO auth_configs (app_id, purpose, user_verification, time_to_live, hints, created_by, created_on,
		edited_by, edited_on, last_used_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
	saveAuthConfig: `INSERT INTO auth_configs (app_id, purpose, user_verification, time_to_live, hints, created_by, created_on,
		edited_by, edited_on, last_used_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (app_id, purpose) DO UPDATE SET user_verification = EXCLUDED.user_verification,
		time_to_live = EXCLUDED.time_to_live, hints = EXCLUDED.hints, created_by = EXCLUDED.created_by,
		created_on = EXCLUDED.created_on, edited_by = EXCLUDED.edited_by, edited_on = EXCLUDED.edited_on,
		last_used_on = EXCLUDED.last_used_on`,
	deleteAuthConfig: "DELETE FROM auth_configs WHERE app_id = $1 AND purpose = $2",
	appendEvent: `INSERT INTO events (app_id, performed_at, event_type, severity, message, performed_by, subject, api_key_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
	// One statement for a batch of events: eight parallel arrays, one row per index (in order).
	appendEvents: `INSERT INTO events (app_id, performed_at, event_type, severity, message, performed_by, subject, api_key_id)
		SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
	listEvents: "SELECT * FROM events WHERE app_id = $1 ORDER BY performed_at DESC, id DESC LIMIT $2 OFFSET $3",
	countEvents: "SELECT COUNT(*) AS count FROM events WHERE app_id = $1",
	insertPool: "INSERT INTO pools (id, app_id, region, client_id, created_at) VALUES ($1, $2, $3, $4, $5)",
	findPool: "SELECT * FROM pools WHERE id = $1",
	findPoolByClient: "SELECT * FROM pools WHERE client_id = $1",
	listPools: "SELECT * FROM pools ORDER BY id",
	insertSigningKey: `INSERT INTO signing_keys (pool_id, kid, public_jwk, private_jwk, retired_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`,
	retireSigningKeys: "UPDATE signing_keys SET retired_at = $1 WHERE pool_id = $2 AND retired_at IS NULL",
	signingKeysByPool: "SELECT * FROM signing_keys WHERE pool_id = $1 ORDER BY created_at DESC, kid DESC",
} as const;

/** One statement of {@link SQL}. */
export type Statement = keyof typeof SQL;

/** Runs a named statement (prepared once per connection) on a pool or a client. */
export function query<R extends pg.QueryResultRow>(
	on: pg.Pool | pg.ClientBase,
	name: Statement,
	values: unknown[],
): Promise<pg.QueryResult<R>> {
	return on.query<R>({ name, text: SQL[name], values });
}

/**
 * Runs `work` in one transaction on one pooled connection. A failed statement aborts a PostgreSQL transaction, so
 * any error rolls back; a connection that broke is dropped from the pool instead of being returned to it.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
	const client = await pool.connect();
	const ignore = (): void => undefined; // while checked out, a lost connection surfaces through the pending query
	client.on("error", ignore);
	let broken: Error | undefined;
	try {
		await client.query("BEGIN");
		const result = await work(client);
		await client.query("COMMIT");
		return result;
	} catch (error) {
		await client.query("ROLLBACK").catch((rollbackError: Error) => {
			broken = rollbackError;
		});
		if (isDatabaseUnavailable(error)) broken ??= error as Error;
		throw error;
	} finally {
		client.off("error", ignore);
		client.release(broken);
	}
}
