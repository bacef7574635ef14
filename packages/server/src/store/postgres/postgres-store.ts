import pg from "pg";
import type { Store } from "../store.ts";
import { createPostgresApiKeyStore, createPostgresAppStore } from "./apps-and-keys.ts";
import { createPostgresAuthConfigStore } from "./auth-configs.ts";
import { createPostgresCeremonyStore } from "./ceremonies.ts";
import { createPostgresAliasStore, createPostgresCredentialStore } from "./credentials.ts";
import { createPostgresEventStore } from "./events.ts";
import { createPostgresMdsStore } from "./mds.ts";
import { createPostgresPoolStore } from "./pools.ts";
import { connectionSettings, migratePostgresDatabase } from "./postgres-connection.ts";
import { guarded } from "./postgres-helpers.ts";
import { createPostgresTransfer } from "./postgres-transfer.ts";
import { createPostgresRateLimits } from "./rate-limits.ts";
import { createPostgresTokenStore } from "./tokens.ts";

/** Options for {@link createPostgresStore}. */
export interface PostgresStoreOptions {
	/** Time the migrations are recorded at. */
	now: Date;
	/** Most connections this node holds. @default 10 */
	poolSize?: number;
	/** `statement_timeout` of every connection, milliseconds. @default 5000 */
	statementTimeoutMs?: number;
	/** Longest wait for a connection (a new one, or a free one from the pool), milliseconds. @default 3000 */
	connectTimeoutMs?: number;
	/** Called when an idle pooled connection breaks (PostgreSQL restarted, network lost); the pool drops it. */
	onIdleError?: (error: Error) => void;
}

/**
 * The shared store for many stateless nodes: PostgreSQL through a `pg` pool. Connects, migrates (under an advisory
 * lock, so nodes may start together), and bounds everything: pool size, statement timeout, connection timeout.
 * While PostgreSQL is unreachable every call rejects with `service_unavailable` (503) after at most the connect
 * timeout; once it is back the pool reconnects by itself.
 * @param url - `postgres://user:password@host:5432/database` (any libpq URL parameters pg understands)
 * @param options - see {@link PostgresStoreOptions}
 * @throws Error when the database cannot be reached or migrated at start
 * @example const store = await createPostgresStore("postgres://latchkey@db/latchkey", { now: new Date() });
 */
export async function createPostgresStore(url: string, options: PostgresStoreOptions): Promise<Store> {
	const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
	await migratePostgresDatabase(url, { now: options.now, connectTimeoutMs });
	const pool = new pg.Pool({
		...connectionSettings(url, { statementTimeoutMs: options.statementTimeoutMs ?? 5000, connectTimeoutMs }),
		max: options.poolSize ?? 10,
		idleTimeoutMillis: 30_000,
	});
	// An idle client whose connection breaks is emitted here; without a listener that would crash the process.
	pool.on("error", (error) => options.onIdleError?.(error));

	return {
		apps: createPostgresAppStore(pool),
		apiKeys: createPostgresApiKeyStore(pool),
		rateLimits: createPostgresRateLimits(pool),
		credentials: createPostgresCredentialStore(pool),
		aliases: createPostgresAliasStore(pool),
		ceremonies: createPostgresCeremonyStore(pool),
		tokens: createPostgresTokenStore(pool),
		authConfigs: createPostgresAuthConfigStore(pool),
		pools: createPostgresPoolStore(pool),
		mds: createPostgresMdsStore(pool),
		events: createPostgresEventStore(pool),
		transfer: createPostgresTransfer(pool),
		ping: guarded({
			async ping() {
				await pool.query("SELECT 1");
			},
		}).ping,
		async close() {
			await pool.end();
		},
	};
}
