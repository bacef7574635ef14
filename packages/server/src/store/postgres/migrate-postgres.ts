import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ClientBase } from "pg";
import { PACKAGE_ROOT } from "../../package-root.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("src/migrations/postgres/", PACKAGE_ROOT));

/**
 * The advisory lock every Latchkey node takes while it migrates, so that nodes starting together apply each
 * migration once: the others wait, then find nothing left to do. (Any constant works; this is the ASCII of "latchkey" read as a 64-bit number.)
 */
export const MIGRATION_LOCK_KEY = "7809651199139603833";

/**
 * Applies the forward-only migrations in `src/migrations/postgres/` that this database has not seen yet, each in its
 * own transaction, under a session-level advisory lock, and records them in `schema_migrations`.
 * @param client - a connected client (not a pool: the lock belongs to its session)
 * @param now - recorded as the time each migration was applied
 * @returns the names of the migrations applied now
 */
export async function migratePostgres(client: ClientBase, now: Date): Promise<string[]> {
	await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`);
	try {
		await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)");
		const { rows } = await client.query<{ name: string }>("SELECT name FROM schema_migrations");
		const done = new Set(rows.map((row) => row.name));
		const pending = readdirSync(MIGRATIONS_DIR)
			.filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f) && !done.has(f))
			.sort();
		for (const name of pending) {
			const sql = readFileSync(MIGRATIONS_DIR + name, "utf8");
			await client.query("BEGIN");
			try {
				await client.query(sql);
				await client.query("INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)", [name, now]);
				await client.query("COMMIT");
			} catch (error) {
				await client.query("ROLLBACK");
				throw error;
			}
		}
		return pending;
	} finally {
		// When this fails the session is gone, and its lock with it.
		await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY}::bigint)`).catch(() => undefined);
	}
}
