import pg from "pg";
import { migratePostgres } from "./migrate-postgres.ts";
import { isDatabaseUnavailable } from "./to-store-error.ts";

/** Migrations may rewrite big tables; they get more time than a request does. */
const MIGRATION_STATEMENT_TIMEOUT_MS = 10 * 60_000;

/**
 * The `pg` settings every latchkey connection uses, pooled or not.
 * @param url - `postgres://…`
 * @param options - `statement_timeout` and the longest wait for a connection, milliseconds
 */
export function connectionSettings(url: string, options: { statementTimeoutMs: number; connectTimeoutMs: number }): pg.ClientConfig {
	return {
		connectionString: url,
		application_name: "latchkey",
		connectionTimeoutMillis: options.connectTimeoutMs,
		statement_timeout: options.statementTimeoutMs,
		// A client-side bound too, for when the server never answers (network partition, a stopped host).
		query_timeout: options.statementTimeoutMs + options.connectTimeoutMs,
		keepAlive: true,
	};
}

/**
 * Connects one client (not pooled), migrates the database under the migration advisory lock, and disconnects.
 * @param url - `postgres://…`
 * @param options - `now` is recorded with each migration
 * @returns the names of the migrations applied now
 * @throws Error naming the (password-less) server when it cannot be reached
 */
export async function migratePostgresDatabase(url: string, options: { now: Date; connectTimeoutMs?: number }): Promise<string[]> {
	const client = new pg.Client(
		connectionSettings(url, { statementTimeoutMs: MIGRATION_STATEMENT_TIMEOUT_MS, connectTimeoutMs: options.connectTimeoutMs ?? 3000 }),
	);
	client.on("error", () => undefined); // a lost connection surfaces through the pending query
	try {
		await client.connect();
		return await migratePostgres(client, options.now);
	} catch (error) {
		if (isDatabaseUnavailable(error)) {
			const where = new URL(url);
			throw new Error(`PostgreSQL at ${where.hostname}:${where.port || 5432} cannot be reached: ${(error as Error).message}`, {
				cause: error,
			});
		}
		throw error;
	} finally {
		await client.end().catch(() => undefined);
	}
}
